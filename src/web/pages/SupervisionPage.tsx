/** One supervision order (督办单): what it is about, the replies and decisions, interviews, and the step the user may take now. */
import { Alert, App, Button, Card, Descriptions, Input, Space, Table, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { TSupervisionOrderView } from '@shared/api.ts';
import { MEASURE_STATE_LABELS, type TMeasureState } from '@shared/domain.ts';
import { api } from '../api/client.ts';
import { errorMessage, useApi } from '../api/use-api.ts';
import { DecisionModal, type TDecisionAsk } from '../components/DecisionModal.tsx';
import { InterviewModal } from '../features/supervision/InterviewModal.tsx';
import { SupervisionStatusTag } from '../features/supervision/SupervisionStatusTag.tsx';

/** One order. */
export function SupervisionOrderPage() {
  const { id } = useParams();
  const orderId = Number(id);
  const { message } = App.useApp();
  const loaded = useApi(() => api.get('/api/supervision-orders/:id', { params: { id: orderId } }), [orderId]);
  const [order, setOrder] = useState<TSupervisionOrderView | null>(null);
  const view = order?.id === orderId ? order : loaded.data;
  const [reply, setReply] = useState('');
  const [ask, setAsk] = useState<(TDecisionAsk & { accept: boolean }) | null>(null);
  const [isInterviewing, setInterviewing] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const act = (work: () => Promise<TSupervisionOrderView>, done: string) => {
    setBusy(true);
    work()
      .then((o) => {
        setOrder(o);
        void message.success(done);
      })
      .catch((e: unknown) => {
        void message.error(errorMessage(e, '操作失败'));
        loaded.reload();
        setOrder(null);
      })
      .finally(() => setBusy(false));
  };
  if (loaded.error) return <Alert type="error" showIcon title={loaded.error} />;
  if (!view) return null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={`督办单 督〔${view.id}〕`}
        extra={
          <Space>
            <SupervisionStatusTag order={view} />
            <Link to="/supervision">返回督办单列表</Link>
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label="被督办单位">{view.unitName}</Descriptions.Item>
          <Descriptions.Item label="下发">
            {view.issuerName ?? '—'} {view.issuedAt.slice(0, 10)}
          </Descriptions.Item>
          <Descriptions.Item label="回复期限">{view.replyDeadline}</Descriptions.Item>
          <Descriptions.Item label="办结日期">{view.closedAt?.slice(0, 10) ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="督办事由" span={2}>
            <Typography.Paragraph
              style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
              data-testid="order-reason"
            >
              {view.reason}
            </Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={`督办事项（${view.targets.length}）`}>
        <Table
          size="small"
          rowKey={(t) => `${t.problemId}-${t.measureId ?? 'p'}`}
          pagination={false}
          dataSource={view.targets}
          columns={[
            {
              title: '问题',
              width: 280,
              render: (_, t) => (
                <Link to={`/inspections/${t.inspectionId}`}>
                  {t.problemNumber}．{t.problemTitle}
                </Link>
              ),
            },
            {
              title: '整改措施',
              render: (_, t) =>
                t.measureId === null ? (
                  <Typography.Text type="secondary">该问题的全部措施</Typography.Text>
                ) : (
                  <Link to={`/inspections/${t.inspectionId}?measure=${t.measureId}`}>{t.measureContent}</Link>
                ),
            },
            {
              title: '当前状态',
              width: 100,
              render: (_, t) =>
                t.measureState ? MEASURE_STATE_LABELS[t.measureState as TMeasureState] : '—',
            },
          ]}
        />
      </Card>
      <Card size="small" title="回复与审核">
        {view.replies.length === 0 ? (
          <Typography.Text type="secondary">尚未回复</Typography.Text>
        ) : (
          <Timeline
            items={view.replies.flatMap((r) => [
              {
                key: `r${r.id}`,
                content: (
                  <div data-testid="order-reply">
                    <Typography.Text strong>
                      {r.repliedBy ?? '—'} {r.repliedAt.slice(0, 10)} 回复：
                    </Typography.Text>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{r.text}</Typography.Paragraph>
                  </div>
                ),
              },
              ...(r.decision
                ? [
                    {
                      key: `d${r.id}`,
                      color: r.decision === 'accepted' ? 'green' : 'red',
                      content: (
                        <Typography.Text>
                          {r.decidedBy ?? '—'} {r.decidedAt?.slice(0, 10)}{' '}
                          {r.decision === 'accepted' ? '审核通过，督办单办结' : '退回重新回复'}
                          {r.decisionNote ? `：${r.decisionNote}` : ''}
                        </Typography.Text>
                      ),
                    },
                  ]
                : []),
            ])}
          />
        )}
        {view.can.reply && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Input.TextArea
              value={reply}
              onChange={(e) => setReply(e.target.value)}
              autoSize={{ minRows: 3, maxRows: 10 }}
              maxLength={4000}
              placeholder="填写针对督办事项采取的措施、取得的进展和完成时间"
              data-testid="order-reply-text"
            />
            <Button
              type="primary"
              loading={isBusy}
              disabled={reply.trim() === ''}
              data-testid="order-reply-submit"
              onClick={() =>
                act(
                  () =>
                    api
                      .post('/api/supervision-orders/:id/reply', {
                        params: { id: view.id },
                        body: { text: reply.trim(), version: view.version },
                      })
                      .then((o) => {
                        setReply('');
                        return o;
                      }),
                  '已回复',
                )
              }
            >
              提交回复
            </Button>
          </Space>
        )}
        {view.can.decide && (
          <Space>
            <Button
              type="primary"
              data-testid="order-accept"
              onClick={() =>
                setAsk({ title: '办结督办单', label: '审核意见（可不填）', isRequired: false, accept: true })
              }
            >
              审核通过，办结
            </Button>
            <Button
              danger
              data-testid="order-send-back"
              onClick={() =>
                setAsk({
                  title: '退回重新回复',
                  label: '退回理由',
                  isRequired: true,
                  accept: false,
                  okText: '退回',
                })
              }
            >
              退回
            </Button>
          </Space>
        )}
      </Card>
      <Card
        size="small"
        title="约谈记录"
        extra={
          view.can.interview && (
            <Button size="small" onClick={() => setInterviewing(true)} data-testid="order-interview">
              记录约谈
            </Button>
          )
        }
      >
        {view.interviews.length === 0 ? (
          <Typography.Text type="secondary">暂无约谈</Typography.Text>
        ) : (
          <Timeline
            items={view.interviews.map((v) => ({
              key: v.id,
              content: (
                <div>
                  <Typography.Text strong>
                    {v.heldOn} {v.interviewers} 约谈 {v.interviewee}
                  </Typography.Text>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{v.summary}</Typography.Paragraph>
                </div>
              ),
            }))}
          />
        )}
      </Card>
      <DecisionModal
        ask={ask}
        testId="order-decision-note"
        onCancel={() => setAsk(null)}
        onSubmit={(note) => {
          const accept = ask?.accept ?? false;
          setAsk(null);
          act(
            () =>
              api.post('/api/supervision-orders/:id/decision', {
                params: { id: view.id },
                body: { accept, note: note === '' ? null : note, version: view.version },
              }),
            accept ? '督办单已办结' : '已退回',
          );
        }}
      />
      <InterviewModal
        isOpen={isInterviewing}
        onClose={() => setInterviewing(false)}
        onSubmit={(body) => {
          setInterviewing(false);
          act(
            () => api.post('/api/supervision-orders/:id/interviews', { params: { id: view.id }, body }),
            '已记录约谈',
          );
        }}
      />
    </Space>
  );
}
