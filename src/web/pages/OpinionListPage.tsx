/** 群众意见: opinions from the public in the user's scope (or assigned to them), the most urgent first; filters in the URL. */
import { Alert, Card, Empty, Input, Segmented, Select, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { TOpinionListItem } from '@shared/api.ts';
import { WARNING_COLOUR_LABELS, WARNING_COLOURS } from '@shared/domain.ts';
import { api } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { WarningLight } from '../components/StatusBits.tsx';
import { useUrlList } from '../components/use-url-list.ts';
import { OpinionStatusTag } from '../features/opinions/OpinionStatusTag.tsx';

const FILTERS = [
  { value: 'open', label: '待办理' },
  { value: 'received', label: '待受理' },
  { value: 'accepted', label: '办理中' },
  { value: 'answered', label: '已答复' },
  { value: 'out_of_scope', label: '不予受理' },
  { value: 'all', label: '全部' },
];

/** The inbox. */
export function OpinionListPage() {
  const { params, key, set: setMany, pagination } = useUrlList(20);
  const list = useApi(() => {
    const query = new URLSearchParams(key);
    if (!query.has('status')) query.set('status', 'open');
    if (query.get('status') === 'all') query.delete('status');
    return api.get('/api/opinions', { query });
  }, [key]);
  const set = (name: string, v: string | undefined) => setMany({ [name]: v });
  return (
    <Card title="群众监督意见">
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={params.get('status') ?? 'open'}
          onChange={(v) => set('status', String(v))}
          options={FILTERS}
          data-testid="opinions-status"
        />
        <Select
          allowClear
          placeholder="红黄绿灯"
          style={{ width: 120 }}
          value={params.get('colour') ?? undefined}
          onChange={(v: string | undefined) => set('colour', v)}
          options={WARNING_COLOURS.map((c) => ({ value: c, label: WARNING_COLOUR_LABELS[c] }))}
        />
        <Input.Search
          allowClear
          placeholder="意见内容或查询码"
          defaultValue={params.get('q') ?? ''}
          onSearch={(v) => set('q', v.trim() || undefined)}
          style={{ width: 220 }}
        />
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      <Table<TOpinionListItem>
        size="small"
        rowKey="id"
        data-testid="opinions-table"
        scroll={{ x: 760 }}
        loading={list.data === null && list.error === null}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description="没有意见" /> }}
        pagination={pagination(list.data?.total ?? 0)}
        columns={[
          {
            title: '',
            dataIndex: 'colour',
            width: 32,
            render: (c: TOpinionListItem['colour']) => <WarningLight colour={c} />,
          },
          {
            title: '意见',
            dataIndex: 'excerpt',
            render: (excerpt: string, o) => (
              <Link to={`/opinions/${o.id}`} data-testid={`opinion-${o.id}`}>
                {excerpt}
              </Link>
            ),
          },
          { title: '查询码', dataIndex: 'code', width: 120, render: (c: string) => <Tag>{c}</Tag> },
          { title: '单位', dataIndex: 'unitName', width: 160 },
          {
            title: '涉及问题',
            dataIndex: 'problemTitle',
            width: 180,
            render: (v: string | null) => v ?? '—',
          },
          { title: '收到日期', dataIndex: 'receivedAt', width: 100, render: (v: string) => v.slice(0, 10) },
          { title: '答复期限', dataIndex: 'answerDue', width: 100 },
          { title: '承办人', dataIndex: 'handlerName', width: 80, render: (v: string | null) => v ?? '—' },
          { title: '状态', width: 130, render: (_, o) => <OpinionStatusTag status={o.status} /> },
        ]}
      />
    </Card>
  );
}
