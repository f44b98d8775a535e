/** What waits for me: close-out requests at my review stage, and my notifications. */
import { refreshBadge } from '../components/use-badge.ts';
import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { TNotificationView, TQueueItem } from '@shared/api.ts';
import { CLOSE_OUT_STAGE_LABELS } from '@shared/measure-state.ts';
import { api } from '../api/client.ts';
import { OrdersWaiting } from '../features/supervision/OrdersWaiting.tsx';

/** The page. */
export function QueuePage() {
  const [queue, setQueue] = useState<TQueueItem[] | null>(null);
  const [notes, setNotes] = useState<TNotificationView[]>([]);
  useEffect(() => {
    let isCurrent = true;
    void Promise.all([api.get('/api/close-out/queue'), api.get('/api/notifications')]).then(([q, n]) => {
      if (!isCurrent) return;
      setQueue(q);
      setNotes(n);
    });
    return () => {
      isCurrent = false;
    };
  }, []);
  // A message is read when it is opened (or its measure acted on), not when the list is shown.
  const open = (n: TNotificationView) => {
    if (!n.isRead)
      void api
        .post('/api/notifications/:id/read', { params: { id: n.id } })
        .then(refreshBadge)
        .catch(() => undefined);
  };
  const readAll = () => {
    void api
      .post('/api/notifications/read')
      .then(() => {
        setNotes((all) => all.map((n) => ({ ...n, isRead: true })));
        refreshBadge();
      })
      .catch(() => undefined);
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <OrdersWaiting />
      <Card title="待我审核的销号申请">
        <List
          loading={queue === null}
          dataSource={queue ?? []}
          locale={{ emptyText: <Empty description="没有等待您审核的销号申请" /> }}
          renderItem={(q) => (
            <List.Item>
              <Space orientation="vertical" size={0}>
                <Link
                  to={`/inspections/${q.inspectionId}?measure=${q.measureId}`}
                  data-testid={`queue-${q.measureId}`}
                >
                  {q.problemTitle}：{q.content.slice(0, 50)}
                </Link>
                <Typography.Text type="secondary">
                  <Tag>{CLOSE_OUT_STAGE_LABELS[q.stage]}</Tag>
                  {q.requesterName} {q.requestedAt.slice(0, 10)} 申请：{q.summary}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Card
        title="消息"
        extra={
          notes.some((n) => !n.isRead) && (
            <Button size="small" onClick={readAll} data-testid="notifications-read-all">
              全部标为已读
            </Button>
          )
        }
      >
        <List
          dataSource={notes}
          locale={{ emptyText: <Empty description="暂无消息" /> }}
          renderItem={(n) => (
            <List.Item data-testid="notification">
              {n.href ? (
                <Link to={n.href} onClick={() => open(n)} style={{ fontWeight: n.isRead ? undefined : 600 }}>
                  {n.text}
                </Link>
              ) : (
                <Typography.Text strong={!n.isRead}>{n.text}</Typography.Text>
              )}
              <Typography.Text type="secondary">{n.createdAt.slice(0, 10)}</Typography.Text>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
