/**
 * A measure's progress entries, newest first. Within the correction window the author sees 更正 and 撤回 on their
 * own entries (the server says until when); a corrected entry says so, a withdrawn one stays, struck through.
 */
import { App, Button, DatePicker, Empty, Input, Modal, Space, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { TMeasureDetail } from '@shared/api.ts';
import { api } from '../../api/client.ts';
import { errorMessage } from '../../api/use-api.ts';
import { DecisionModal } from '../../components/DecisionModal.tsx';

type TEntry = TMeasureDetail['progress'][number];

/** The timeline; `onChanged` receives the measure's detail after a correction or withdrawal. */
export function ProgressTimeline(props: { detail: TMeasureDetail; onChanged: (d: TMeasureDetail) => void }) {
  const { detail, onChanged } = props;
  const { message } = App.useApp();
  const [editing, setEditing] = useState<{ entry: TEntry; text: string; date: Dayjs } | null>(null);
  const [withdrawing, setWithdrawing] = useState<TEntry | null>(null);
  const measureId = detail.measure.id;

  const correct = async () => {
    if (!editing) return;
    try {
      const d = await api.patch('/api/measures/:id/progress/:entryId', {
        params: { id: measureId, entryId: editing.entry.id },
        body: {
          entryDate: editing.date.format('YYYY-MM-DD'),
          text: editing.text.trim(),
          version: detail.measure.version,
        },
      });
      setEditing(null);
      onChanged(d);
      void message.success('已更正');
    } catch (e) {
      void message.error(errorMessage(e, '更正失败'));
    }
  };
  const withdraw = async (reason: string) => {
    if (!withdrawing) return;
    try {
      const d = await api.post('/api/measures/:id/progress/:entryId/withdraw', {
        params: { id: measureId, entryId: withdrawing.id },
        body: { reason, version: detail.measure.version },
      });
      setWithdrawing(null);
      onChanged(d);
      void message.success('已撤回该进展');
    } catch (e) {
      void message.error(errorMessage(e, '撤回失败'));
    }
  };

  if (detail.progress.length === 0) return <Empty description="尚无进展记录" />;
  return (
    <>
      <Timeline
        items={detail.progress.map((p) => ({
          key: p.id,
          content: (
            <div data-testid="progress-entry">
              <Typography.Text strong delete={p.withdrawnAt !== null}>
                {p.entryDate}
              </Typography.Text>
              {p.authorName && <Typography.Text type="secondary"> · {p.authorName}</Typography.Text>}
              {p.editedAt && <Tag style={{ marginLeft: 8 }}>已更正</Tag>}
              {p.withdrawnAt && <Tag style={{ marginLeft: 8 }}>已撤回</Tag>}
              <Typography.Paragraph
                delete={p.withdrawnAt !== null}
                type={p.withdrawnAt !== null ? 'secondary' : undefined}
                style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
              >
                {p.text}
              </Typography.Paragraph>
              {p.correctableUntil && (
                <Space size="small">
                  <Button
                    size="small"
                    type="link"
                    style={{ padding: 0 }}
                    onClick={() => setEditing({ entry: p, text: p.text, date: dayjs(p.entryDate) })}
                    data-testid="progress-correct"
                  >
                    更正
                  </Button>
                  <Button
                    size="small"
                    type="link"
                    danger
                    style={{ padding: 0 }}
                    onClick={() => setWithdrawing(p)}
                    data-testid="progress-withdraw"
                  >
                    撤回
                  </Button>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    可更正至 {dayjs(p.correctableUntil).format('MM-DD HH:mm')}
                  </Typography.Text>
                </Space>
              )}
            </div>
          ),
        }))}
      />
      <Modal
        open={editing !== null}
        title="更正整改进展"
        okText="保存更正"
        cancelText="取消"
        onCancel={() => setEditing(null)}
        onOk={() => void correct()}
        okButtonProps={{ disabled: (editing?.text.trim() ?? '') === '' }}
      >
        {editing && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <DatePicker
              value={editing.date}
              format="YYYY-MM-DD"
              allowClear={false}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')} // the server refuses a future date too
              onChange={(d: Dayjs | null) => d && setEditing({ ...editing, date: d })}
            />
            <Input.TextArea
              value={editing.text}
              onChange={(e) => setEditing({ ...editing, text: e.target.value })}
              autoSize={{ minRows: 4, maxRows: 10 }}
              maxLength={5000}
              data-testid="progress-correct-text"
            />
          </Space>
        )}
      </Modal>
      <DecisionModal
        ask={
          withdrawing
            ? {
                title: '撤回这条进展？',
                label: '撤回原因（必填，随进展附上的材料一并撤回）',
                isRequired: true,
                okText: '撤回',
              }
            : null
        }
        onCancel={() => setWithdrawing(null)}
        onSubmit={(reason) => void withdraw(reason)}
        testId="progress-withdraw-reason"
      />
    </>
  );
}
