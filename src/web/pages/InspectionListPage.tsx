/** The list of inspections the user can see. */
import { UploadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';

import { Link } from 'react-router-dom';
import type { TInspectionView } from '@shared/api.ts';
import { api } from '../api/client.ts';
import { WarningLight } from '../components/StatusBits.tsx';
import { useAuth } from '../features/auth/AuthContext.tsx';
import { useApi } from '../api/use-api.ts';

/** Inspections with their unit, dates and counts by colour. */
export function InspectionListPage() {
  const { me } = useAuth();
  const { data: rows, error } = useApi(() => api.get('/api/inspections'), []);
  return (
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
      <Table<TInspectionView>
        rowKey="id"
        loading={rows === null && error === null}
        dataSource={rows ?? []}
        pagination={false}
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
            width: 200,
            render: (_, r) => (
              <Space>
                <WarningLight colour="red" /> {r.counts.red}
                <WarningLight colour="yellow" /> {r.counts.yellow}
                <WarningLight colour="green" /> {r.counts.green}
                <Tag color="success">已销号 {r.counts.closed}</Tag>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
