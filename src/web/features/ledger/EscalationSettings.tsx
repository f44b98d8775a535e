/**
 * 预警设置: the inspection office sets when the inspection's reminders go out — days before the deadline, days red
 * before the responsible leader and then the principal and discipline supervisor are told, working days a 销号 or
 * extension request may wait. Others see the thresholds.
 */
import { App, Button, Form, InputNumber, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { TLedgerView } from '@shared/api.ts';
import { api } from '../../api/client.ts';
import { errorMessage } from '../../api/use-api.ts';

type TEscalation = TLedgerView['escalation'];

const FIELDS: Array<[keyof TEscalation, string, string]> = [
  ['remindDaysBefore', '到期前提醒（天）', '完成时限前这么多天起提醒责任人、责任领导'],
  ['escalateLeaderDays', '超期后督促责任领导（天）', '超期满这么多天，提醒责任领导督促'],
  ['escalateTopDays', '超期后上报（天）', '超期满这么多天，提醒第一责任人和纪检监察组'],
  ['reviewDays', '审核时限（工作日）', '销号、延期申请等待超过这么多个工作日，提醒审核人'],
];

/** The button and its dialog (or, for those who cannot change it, the thresholds as text). */
export function EscalationSettings(props: {
  inspectionId: number;
  escalation: TEscalation;
  canChange: boolean;
  onSaved: () => void;
}) {
  const { inspectionId, escalation, canChange, onSaved } = props;
  const { message } = App.useApp();
  const [draft, setDraft] = useState<TEscalation | null>(null);
  const [isSaving, setSaving] = useState(false);
  const summary = `超期预警：到期前 ${escalation.remindDaysBefore} 天提醒，超期 ${escalation.escalateLeaderDays} 天督促分管领导、${escalation.escalateTopDays} 天上报`;
  if (!canChange)
    return (
      <Typography.Text type="secondary" data-testid="escalation-summary">
        {summary}
      </Typography.Text>
    );
  const save = () => {
    if (!draft) return;
    setSaving(true);
    api
      .patch('/api/inspections/:id/settings', { params: { id: inspectionId }, body: { escalation: draft } })
      .then(() => {
        void message.success('预警设置已保存');
        setDraft(null);
        onSaved();
      })
      .catch((e: unknown) => void message.error(errorMessage(e, '保存失败')))
      .finally(() => setSaving(false));
  };
  return (
    <>
      <Button size="small" onClick={() => setDraft(escalation)} title={summary} data-testid="escalation-open">
        预警设置
      </Button>
      <Modal
        open={draft !== null}
        title="超期预警设置"
        okText="保存"
        cancelText="取消"
        confirmLoading={isSaving}
        onCancel={() => setDraft(null)}
        onOk={save}
        okButtonProps={{ ...{ 'data-testid': 'escalation-save' } }}
      >
        <Form layout="vertical">
          {FIELDS.map(([key, label, help]) => (
            <Form.Item key={key} label={label} extra={help}>
              <InputNumber
                min={key === 'reviewDays' ? 1 : 0}
                max={key === 'remindDaysBefore' || key === 'reviewDays' ? 60 : 365}
                precision={0}
                value={draft?.[key]}
                onChange={(v) => draft && v !== null && setDraft({ ...draft, [key]: v })}
                data-testid={`escalation-${key}`}
              />
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </>
  );
}
