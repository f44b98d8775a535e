/** The list of inspections the user can see: filtered and paged by the server, the filters kept in the address. */
import { UploadOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Empty, Input, Select, Space, Table, Tag, Typography } from 'antd';

import { Link, useSearchParams } from 'react-router-dom';
import type { TInspectionView } from '@shared/api.ts';
import { INSPECTION_KINDS } from '@shared/domain.ts';
import { apiPage } from '../api/client.ts';
import { WarningLight } from '../components/StatusBits.tsx';
import { useAuth } from '../features/auth/AuthContext.tsx';
import { OrdersWaiting } from '../features/supervision/OrdersWaiting.tsx';
import { useApi } from '../api/use-api.ts';

/** Inspections with their unit, dates and counts by colour. */
export function InspectionListPage() {
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const page = Number(params.get('page') ?? '1') || 1;
  const { data, error } = useApi(() => {
    const query = new URLSearchParams(key);
    if (!query.has('page')) query.set('page', '1');
    return apiPage('/api/inspections', query);
  }, [key]);
  const rows = data?.items ?? null;
  const set = (name: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(name, v);
    else next.delete(name);
    next.delete('page');
    setParams(next);
  };
  return (
    <>
      <OrdersWaiting />
      <Card
        title="巡察整改台账"
        extra={
          me?.canImport && (
            <Link to="/import" data-testid="go-import">
              <Button type="primary" icon={<UploadOutlined />}>
                导入
              </Button>
            </Link>
          )
        }
      >
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            key={`q-${params.get('q') ?? ''}`}
            placeholder="单位或巡察名称"
            allowClear
            defaultValue={params.get('q') ?? undefined}
            style={{ width: 220 }}
            onSearch={(q) => set('q', q.trim())}
          />
          <Input.Search
            key={`round-${params.get('round') ?? ''}`}
            placeholder="轮次（如 十四届省委第二轮巡察）"
            allowClear
            defaultValue={params.get('round') ?? undefined}
            style={{ width: 260 }}
            onSearch={(round) => set('round', round.trim())}
          />
          <Select
            allowClear
            placeholder="类型"
            style={{ width: 100 }}
            value={params.get('kind') ?? undefined}
            onChange={(kind?: string) => set('kind', kind)}
            options={INSPECTION_KINDS.map((k) => ({ value: k, label: k }))}
          />
          <Checkbox
            checked={params.get('hasOverdue') === 'true'}
            onChange={(e) => set('hasOverdue', e.target.checked ? 'true' : undefined)}
            data-testid="filter-has-overdue"
          >
            有超期措施
          </Checkbox>
          <Checkbox
            checked={params.get('archived') === 'true'}
            onChange={(e) => set('archived', e.target.checked ? 'true' : undefined)}
            data-testid="filter-archived"
          >
            已归档
          </Checkbox>
        </Space>
        <Table<TInspectionView>
          rowKey="id"
          loading={rows === null && error === null}
          dataSource={rows ?? []}
          pagination={{
            current: page,
            pageSize: 50,
            total: data?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            showTotal: (n) => `共 ${n} 次`,
            onChange: (p) => {
              const next = new URLSearchParams(params);
              next.set('page', String(p));
              setParams(next);
            },
          }}
          locale={{ emptyText: <Empty description="暂无巡察台账" /> }}
          columns={[
            {
              title: '被巡察单位',
              render: (_, r) => (
                <Space orientation="vertical" size={0}>
                  <Link to={`/inspections/${r.id}`} data-testid={`inspection-link-${r.id}`}>
                    {r.partyOrgName ?? r.unitName}
                  </Link>
                  <Typography.Text type="secondary">{r.title}</Typography.Text>
                  {r.archived && (
                    <Tag color="default" title={r.archived.reason ?? undefined}>
                      已归档
                    </Tag>
                  )}
                </Space>
              ),
            },
            { title: '类型', dataIndex: 'kind', width: 70, render: (k: string) => <Tag>{k}</Tag> },
            { title: '巡察组', dataIndex: 'groupName', width: 150 },
            {
              title: '进驻时间',
              width: 200,
              render: (_, r) => (r.startDate ? `${r.startDate} 至 ${r.endDate ?? ''}` : '—'),
            },
            { title: '反馈日期', dataIndex: 'feedbackDate', width: 110 },
            { title: '问题', width: 70, render: (_, r) => r.counts.problems },
            { title: '措施', width: 70, render: (_, r) => r.counts.measures },
            {
              title: '预警',
              width: 300,
              render: (_, r) => (
                <Space wrap>
                  <WarningLight colour="red" /> {r.counts.red}
                  <WarningLight colour="yellow" /> {r.counts.yellow}
                  <WarningLight colour="green" /> {r.counts.green}
                  <Tag color="success">已销号 {r.counts.closed}</Tag>
                  {r.counts.unclear > 0 && (
                    <Tag color="warning" data-testid={`unclear-${r.id}`}>
                      六个明确缺项 {r.counts.unclear}
                    </Tag>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
