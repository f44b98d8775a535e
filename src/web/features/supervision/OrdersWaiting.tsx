/**
 * Supervision orders waiting for the current user, shown on the home page and in 待办: orders to reply to (the
 * unit's coordinator and principal) or replies to review (the inspection office). Nothing when none wait.
 */
import { Alert, List, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useAuth } from '../auth/AuthContext.tsx';

/** The notice. */
export function OrdersWaiting() {
  const { me } = useAuth();
  const status = me?.canReplySupervision ? 'awaiting_reply' : me?.canIssueSupervision ? 'replied' : null;
  const waiting = useApi(
    () =>
      status === null
        ? Promise.resolve(null)
        : api.get('/api/supervision-orders', { query: new URLSearchParams({ status, pageSize: '5' }) }),
    [status],
  );
  const list = waiting.data;
  if (!list || list.total === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="orders-waiting"
      style={{ marginBottom: 12 }}
      title={
        <Space>
          <span>
            {status === 'awaiting_reply'
              ? `有 ${list.total} 份督办单等待回复`
              : `有 ${list.total} 份督办单回复等待审核`}
          </span>
          <Link to={`/supervision?status=${status}`}>查看全部</Link>
        </Space>
      }
      description={
        <List
          size="small"
          dataSource={list.items}
          renderItem={(o) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Link to={`/supervision/${o.id}`}>
                {o.unitName}：{o.reason.length > 40 ? `${o.reason.slice(0, 40)}…` : o.reason}
              </Link>
              <Typography.Text type={o.isOverdue ? 'danger' : 'secondary'}>
                回复期限 {o.replyDeadline}
                {o.isOverdue ? '（已逾期）' : ''}
              </Typography.Text>
            </List.Item>
          )}
        />
      }
    />
  );
}
