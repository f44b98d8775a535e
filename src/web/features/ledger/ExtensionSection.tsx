/** Deadline extension and measure change requests (申请延期/调整) of a measure, and their decisions. */
import { Button, Checkbox, DatePicker, Input, Modal, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { TMeasureDetail } from '@shared/api.ts';
import { api } from '../../api/client.ts';
import { DecisionModal } from '../../components/DecisionModal.tsx';
import { errorMessage } from '../../api/use-api.ts';

const STATUS = {
  pending: <Tag color="processing">待审批</Tag>,
  approved: <Tag color="success">已批准</Tag>,
  rejected: <Tag>未批准</Tag>,
};

/** The section; `onChanged` receives the measure as the server now has it. */
export function ExtensionSection({
  detail,
  onChanged,
  onError,
}: {
  detail: TMeasureDetail;
  onChanged: (d: TMeasureDetail) => void;
  onError: (text: string) => void;
}) {
  const [isOpen, setOpen] = useState(false);
  const [deadline, setDeadline] = useState<Dayjs | null>(null);
  const [isStanding, setStanding] = useState(false);
  const [content, setContent] = useState('');
  const [reason, setReason] = useState('');
  const [deciding, setDeciding] = useState<{ id: number; approve: boolean } | null>(null);
  const hasPending = detail.extensions.some((x) => x.status === 'pending');
  const call = async (work: () => Promise<TMeasureDetail>) => {
    try {
      onChanged(await work());
      return true;
    } catch (e) {
      onError(errorMessage(e, '操作失败'));
      return false;
    }
  };
  const submit = async () => {
    const body = {
      ...(isStanding ? { isStanding: true } : deadline ? { deadline: deadline.format('YYYY-MM-DD') } : {}),
      ...(content.trim() ? { content: content.trim() } : {}),
      reason: reason.trim(),
    };
    if (
      await call(() =>
        api.post('/api/measures/:id/extensions', { params: { id: detail.measure.id }, body: body }),
      )
    )
      setOpen(false);
  };
  if (detail.extensions.length === 0 && !detail.canRequestExtension) return null;
  return (
    <>
      <Space>
        <Typography.Title level={5} style={{ margin: 0 }}>
          延期与调整
        </Typography.Title>
        {detail.canRequestExtension && !hasPending && (
          <Button size="small" onClick={() => setOpen(true)} data-testid="request-extension">
            申请延期/调整
          </Button>
        )}
      </Space>
      {detail.extensions.map((x) => (
        <div key={x.id}>
          {STATUS[x.status]}
          <Typography.Text>
            {x.newIsStanding
              ? '改为长期坚持'
              : x.newDeadline
                ? `完成时限 ${x.deadlineAtRequest ?? '—'} → ${x.newDeadline}`
                : ''}
            {x.newContent ? '；调整措施内容' : ''}。理由：{x.reason}
            {x.wasOverdue ? '（申请时已逾期）' : ''}
          </Typography.Text>
          {x.status === 'pending' && detail.canDecideExtension && (
            <Space style={{ marginInlineStart: 8 }}>
              <Button
                size="small"
                type="primary"
                onClick={() => setDeciding({ id: x.id, approve: true })}
                data-testid={`extension-approve-${x.id}`}
              >
                批准
              </Button>
              <Button
                size="small"
                onClick={() => setDeciding({ id: x.id, approve: false })}
                data-testid={`extension-reject-${x.id}`}
              >
                不批准
              </Button>
            </Space>
          )}
          {x.decisionNote && (
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              审批意见：{x.decisionNote}
            </Typography.Text>
          )}
        </div>
      ))}
      <DecisionModal
        ask={
          deciding === null
            ? null
            : deciding.approve
              ? { title: '确认批准该申请？', label: '审批意见（可选）', isRequired: false }
              : { title: '确认不批准该申请？', label: '不批准的理由（必填）', isRequired: true }
        }
        onCancel={() => setDeciding(null)}
        onSubmit={(text) => {
          const d = deciding;
          if (!d) return;
          void call(() =>
            api.post('/api/extensions/:id/decision', {
              params: { id: d.id },
              body: {
                approve: d.approve,
                note: text === '' ? null : text,
              },
            }),
          ).then((ok) => ok && setDeciding(null));
        }}
        testId="extension-note"
      />
      {detail.measure.originalDeadline && (
        <Typography.Text type="secondary">原定完成时限：{detail.measure.originalDeadline}</Typography.Text>
      )}
      <Modal
        open={isOpen}
        title="申请延期/调整"
        okText="提交"
        cancelText="取消"
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        okButtonProps={{ disabled: reason.trim() === '' }}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space>
            <DatePicker
              placeholder="新的完成时限"
              value={deadline}
              onChange={setDeadline}
              disabled={isStanding}
              format="YYYY-MM-DD"
            />
            <Checkbox checked={isStanding} onChange={(e) => setStanding(e.target.checked)}>
              改为长期坚持
            </Checkbox>
          </Space>
          <Input.TextArea
            placeholder="调整后的整改措施（不调整可不填）"
            value={content}
            onChange={(e) => setContent(e.target.value)}
            autoSize={{ minRows: 2 }}
          />
          <Input.TextArea
            placeholder="申请理由"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            autoSize={{ minRows: 2 }}
          />
        </Space>
      </Modal>
    </>
  );
}
