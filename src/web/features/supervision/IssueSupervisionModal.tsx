/** 下发督办单: the reason and the reply deadline for the chosen measures (one order per unit they belong to). */
import { App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { errorMessage } from '../../api/use-api.ts';

/** The dialog; `measureIds` null hides it. */
export function IssueSupervisionModal(props: {
  measureIds: number[] | null;
  units: number;
  onClose: () => void;
  onIssued: (ids: number[]) => void;
}) {
  const { measureIds, units, onClose, onIssued } = props;
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [deadline, setDeadline] = useState<Dayjs | null>(dayjs().add(7, 'day'));
  const [isSaving, setSaving] = useState(false);
  const submit = () => {
    if (!measureIds || !deadline) return;
    setSaving(true);
    api
      .post('/api/supervision-orders', {
        body: { measureIds, reason: reason.trim(), replyDeadline: deadline.format('YYYY-MM-DD') },
      })
      .then(({ ids }) => {
        void message.success(`已下发 ${ids.length} 份督办单`);
        setReason('');
        onIssued(ids);
      })
      .catch((e: unknown) => void message.error(errorMessage(e, '下发失败')))
      .finally(() => setSaving(false));
  };
  return (
    <Modal
      open={measureIds !== null}
      title="下发督办单"
      okText="下发"
      cancelText="取消"
      confirmLoading={isSaving}
      onCancel={onClose}
      onOk={submit}
      okButtonProps={{
        disabled: reason.trim() === '' || deadline === null,
        ...{ 'data-testid': 'issue-submit' },
      }}
    >
      <Typography.Paragraph type="secondary">
        已选 {measureIds?.length ?? 0} 条措施，涉及 {units}{' '}
        个单位；每个单位各下发一份督办单，由其整改联络员或第一责任人回复。
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="督办事由" required>
          <Input.TextArea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={2000}
            placeholder="如：以上措施已超过完成时限，请说明原因并明确完成时间"
            data-testid="issue-reason"
          />
        </Form.Item>
        <Form.Item label="回复期限" required>
          <DatePicker
            value={deadline}
            onChange={setDeadline}
            format="YYYY-MM-DD"
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
