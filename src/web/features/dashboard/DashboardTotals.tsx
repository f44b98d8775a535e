/** The dashboard's totals row: look-backs, outcomes and, for readers of every opinion, opinions from the public. */
import { Card, Col, Row, Space, Statistic, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { TDashboard } from '@shared/api.ts';

/** The row. */
export function DashboardTotals({ data }: { data: TDashboard }) {
  const o = data.opinions;
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} lg={o ? 8 : 12}>
        <Card size="small" title="回头看">
          <Space size="large" data-testid="dash-lookbacks">
            <Statistic title="巩固" value={data.lookbacks.holds} />
            <Statistic title="反弹" value={data.lookbacks.relapsed} valueStyle={{ color: '#722ed1' }} />
            <Statistic title="待检查" value={data.lookbacks.pending} />
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={o ? 8 : 12}>
        <Card size="small" title="整改成果" data-testid="dash-outcomes">
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            建立完善制度机制 {data.outcomes.rules} 项
            {data.outcomes.money
              .map((m) => `；${m.kind} ${(m.fen / 100).toLocaleString('zh-CN')} 元`)
              .join('')}
            {data.outcomes.accountability.map((a) => `；${a.kind} ${a.people} 人`).join('')}
          </Typography.Paragraph>
        </Card>
      </Col>
      {o && (
        <Col xs={24} lg={8}>
          <Card size="small" title="群众监督意见" data-testid="dash-opinions">
            <Space size="large" wrap>
              <Link to="/opinions?status=all">
                <Statistic title="收到" value={o.received} />
              </Link>
              <Link to="/opinions?status=answered">
                <Statistic title="已答复" value={o.answered + o.outOfScope} />
              </Link>
              <Link to="/opinions?status=open">
                <Statistic title="办理中" value={o.open} />
              </Link>
              <Link to="/opinions?status=open&colour=red" data-testid="dash-opinions-overdue">
                <Statistic title="逾期未答复" value={o.overdue} valueStyle={{ color: '#cf1322' }} />
              </Link>
            </Space>
            {o.byProblem.length > 0 && (
              <Table
                size="small"
                rowKey="problemTitle"
                pagination={false}
                style={{ marginTop: 8 }}
                dataSource={o.byProblem}
                columns={[
                  { title: '涉及问题', dataIndex: 'problemTitle', ellipsis: true },
                  { title: '意见', dataIndex: 'received', width: 56 },
                  { title: '已办结', dataIndex: 'settled', width: 64 },
                ]}
              />
            )}
          </Card>
        </Col>
      )}
    </Row>
  );
}
