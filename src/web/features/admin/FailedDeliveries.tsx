/**
 * 发送失败的消息: deliveries that failed after every retry, newest first, paged on the server, each with the
 * channel's last answer; 重新发送 puts one back in the queue (sent within half a minute).
 */
import { App, Button, Card, Table, Typography } from 'antd';
import { useState } from 'react';
import type { TDeliveryView } from '@shared/channels.ts';
import { api } from '../../api/client.ts';
import { errorMessage, useApi } from '../../api/use-api.ts';

/** The table (remounted by its parent to read it again). */
export function FailedDeliveries() {
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const list = useApi(
    () =>
      api.get('/api/admin/deliveries', {
        query: new URLSearchParams({ page: String(page), pageSize: '10' }),
      }),
    [page],
  );
  const requeue = (d: TDeliveryView) =>
    api
      .post('/api/admin/deliveries/:id/retry', { params: { id: d.id } })
      .then(() => {
        void message.success('已重新排队发送');
        list.reload();
      })
      .catch((e: unknown) => void message.error(errorMessage(e, '操作失败')));
  return (
    <Card size="small" title={`发送失败的消息（${list.data?.total ?? 0}）`} data-testid="failed-deliveries">
      {list.error && <Typography.Text type="danger">{list.error}</Typography.Text>}
      <Table<TDeliveryView>
        size="small"
        rowKey="id"
        loading={list.data === null && list.error === null}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 720 }}
        locale={{ emptyText: '没有发送失败的消息' }}
        pagination={{
          current: page,
          pageSize: 10,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          { title: '时间', dataIndex: 'createdAt', width: 100, render: (v: string) => v.slice(0, 10) },
          { title: '渠道', dataIndex: 'channelLabel', width: 110 },
          { title: '接收人', render: (_, d) => d.userName ?? d.target, width: 140 },
          { title: '消息', dataIndex: 'subject', ellipsis: true },
          { title: '次数', dataIndex: 'attempts', width: 60 },
          { title: '最后一次失败原因', dataIndex: 'lastError', ellipsis: true },
          {
            title: '',
            width: 100,
            render: (_, d) => (
              <Button size="small" onClick={() => void requeue(d)} data-testid={`requeue-${d.id}`}>
                重新发送
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
