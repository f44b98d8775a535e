/** 督办单: the orders in the user's scope, open ones first; status, overdue and unit filters and the page in the URL. */
import { Alert, Button, Card, Empty, Segmented, Space, Table } from 'antd';
import { Link } from 'react-router-dom';
import type { TSupervisionListItem } from '@shared/api.ts';
import { api } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { useUrlList } from '../components/use-url-list.ts';
import { SupervisionStatusTag } from '../features/supervision/SupervisionStatusTag.tsx';

const FILTERS = [
  { value: 'open', label: '未办结' },
  { value: 'awaiting_reply', label: '待回复' },
  { value: 'replied', label: '待审核' },
  { value: 'closed', label: '已办结' },
  { value: 'all', label: '全部' },
];

/** The list. */
export function SupervisionListPage() {
  const { params, key, set: setMany, pagination } = useUrlList(20, '份');
  const list = useApi(() => {
    // Open orders unless a status is chosen; 全部 drops the filter.
    const query = new URLSearchParams(key);
    if (!query.has('status')) query.set('status', 'open');
    if (query.get('status') === 'all') query.delete('status');
    return api.get('/api/supervision-orders', { query });
  }, [key]);
  const set = (name: string, v: string | undefined) => setMany({ [name]: v });
  return (
    <Card
      title="督办单"
      extra={
        <Space>
          <Segmented
            value={params.get('status') ?? 'open'}
            onChange={(v) => set('status', String(v))}
            options={FILTERS}
            data-testid="orders-status"
          />
          <Button
            type={params.get('overdue') === 'true' ? 'primary' : 'default'}
            danger={params.get('overdue') === 'true'}
            onClick={() => set('overdue', params.get('overdue') === 'true' ? undefined : 'true')}
          >
            仅看逾期未回复
          </Button>
          {params.get('unit') && <Button onClick={() => set('unit', undefined)}>全部单位</Button>}
        </Space>
      }
    >
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      <Table<TSupervisionListItem>
        size="small"
        rowKey="id"
        data-testid="orders-table"
        loading={list.data === null && list.error === null}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description="没有督办单" /> }}
        pagination={pagination(list.data?.total ?? 0)}
        columns={[
          { title: '编号', dataIndex: 'id', width: 70, render: (id: number) => `督〔${id}〕` },
          { title: '被督办单位', dataIndex: 'unitName', width: 200 },
          {
            title: '督办事由',
            dataIndex: 'reason',
            render: (reason: string, o) => (
              <Link to={`/supervision/${o.id}`} data-testid={`order-${o.id}`}>
                {reason.length > 60 ? `${reason.slice(0, 60)}…` : reason}
              </Link>
            ),
          },
          { title: '事项', dataIndex: 'itemCount', width: 60 },
          { title: '约谈', dataIndex: 'interviewCount', width: 60 },
          { title: '下发日期', dataIndex: 'issuedAt', width: 110, render: (v: string) => v.slice(0, 10) },
          { title: '回复期限', dataIndex: 'replyDeadline', width: 110 },
          { title: '状态', width: 170, render: (_, o) => <SupervisionStatusTag order={o} /> },
        ]}
      />
    </Card>
  );
}
