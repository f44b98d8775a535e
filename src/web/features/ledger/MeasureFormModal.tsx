/** Create or edit a measure; shows live which of the six clarities are missing, and handles edit conflicts. */
import {
  Alert,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { TLedgerView, TMeasureDetail, TMeasureView } from '@shared/api.ts';
import { CLARITY_LABELS, missingClarities, SIX_CLARITIES_INCOMPLETE } from '@shared/six-clarities.ts';
import { api, ApiError } from '../../api/client.ts';
import { errorMessage } from '../../api/use-api.ts';

type TFields = {
  task: string;
  content: string;
  departmentId: number | null;
  leaderId: number | null;
  personId: number | null;
  deadline: Dayjs | null;
  isStanding: boolean;
  checkIntervalDays: number | null;
  goal: string;
  doneCriteria: string;
};

/** What the modal edits: an existing measure, or a new one under a problem. */
export type TMeasureFormTarget =
  { kind: 'edit'; measure: TMeasureView } | { kind: 'create'; problemId: number; problemTitle: string };

const toFields = (m: TMeasureView): TFields => ({
  task: m.task,
  content: m.content,
  departmentId: m.departmentId,
  leaderId: m.leaderId,
  personId: m.personId,
  deadline: m.deadline ? dayjs(m.deadline) : null,
  isStanding: m.isStanding,
  checkIntervalDays: m.checkIntervalDays,
  goal: m.goal ?? '',
  doneCriteria: m.doneCriteria ?? '',
});

const FIELD_LABELS: Record<keyof TFields, string> = {
  ...CLARITY_LABELS,
  departmentId: '责任单位',
  leaderId: '责任领导',
  personId: '责任人',
  isStanding: '长期坚持',
  checkIntervalDays: '检查周期',
  goal: '整改目标',
  doneCriteria: '完成标准',
};

/** A key that remounts the form for each new target, so no stale input or error carries over. */
export function measureFormKey(target: TMeasureFormTarget | null): string {
  if (!target) return 'closed';
  return target.kind === 'edit'
    ? `edit-${target.measure.id}-${target.measure.version}`
    : `create-${target.problemId}`;
}

/** The form; `onSaved` receives the measure as the server now has it. */
export function MeasureFormModal(props: {
  target: TMeasureFormTarget | null;
  ledger: TLedgerView;
  onSaved: (d: TMeasureDetail) => void;
  onCancel: () => void;
}) {
  const { target, ledger, onSaved, onCancel } = props;
  const [form] = Form.useForm<TFields>();
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<TMeasureView | null>(null);
  const [isSaving, setSaving] = useState(false);
  const values = Form.useWatch([], form) as Partial<TFields> | undefined;
  // After the plan is approved the server accepts deadline and content changes only by an approved request.
  const isPlanLocked = target?.kind === 'edit' && !target.measure.allowed.includes('update_plan');

  const initialValues: TFields | undefined = !target
    ? undefined
    : target.kind === 'edit'
      ? toFields(target.measure)
      : {
          task: target.problemTitle,
          content: '',
          departmentId: null,
          leaderId: null,
          personId: null,
          deadline: null,
          isStanding: false,
          checkIntervalDays: null,
          goal: '',
          doneCriteria: '',
        };

  const missing = missingClarities({
    task: values?.task ?? '',
    content: values?.content ?? '',
    departmentId: values?.departmentId ?? null,
    leaderId: values?.leaderId ?? null,
    personId: values?.personId ?? null,
    deadline: values?.deadline ? values.deadline.format('YYYY-MM-DD') : null,
    isStanding: values?.isStanding ?? false,
  });

  const submit = async () => {
    if (!target) return;
    const v = await form.validateFields();
    const body = {
      task: v.task.trim(),
      departmentId: v.departmentId ?? null,
      leaderId: v.leaderId ?? null,
      personId: v.personId ?? null,
      ...(isPlanLocked
        ? {}
        : {
            content: v.content.trim(),
            deadline: v.isStanding || !v.deadline ? null : v.deadline.format('YYYY-MM-DD'),
            isStanding: v.isStanding,
          }),
      checkIntervalDays: v.isStanding ? (v.checkIntervalDays ?? null) : null,
      goal: (v.goal ?? '').trim() || null,
      doneCriteria: (v.doneCriteria ?? '').trim() || null,
    };
    setSaving(true);
    setError(null);
    try {
      const detail =
        target.kind === 'edit'
          ? await api.patch('/api/measures/:id', {
              params: { id: target.measure.id },
              body: {
                ...body,
                version: conflict?.version ?? target.measure.version,
              },
            })
          : await api.post('/api/problems/:id/measures', {
              params: { id: target.problemId },
              // A new measure is never plan-locked: its content is always on the form.
              body: { ...body, content: v.content.trim() },
            });
      onSaved(detail);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && target.kind === 'edit') {
        const latest = await api.get('/api/measures/:id', { params: { id: target.measure.id } });
        setConflict(latest.measure);
      } else setError(errorMessage(e, '保存失败，请重试'));
    } finally {
      setSaving(false);
    }
  };

  const conflictFields =
    conflict && target?.kind === 'edit'
      ? (Object.keys(FIELD_LABELS) as Array<keyof TFields>).filter((k) => {
          const a = toFields(target.measure)[k];
          const b = toFields(conflict)[k];
          return dayjs.isDayjs(a) || dayjs.isDayjs(b) ? a?.toString() !== b?.toString() : a !== b;
        })
      : [];
  const peopleOptions = ledger.people
    .filter((p) => !p.hasLeft)
    .map((p) => ({
      value: p.id,
      label: `${p.name}${p.position ? `（${p.position}）` : ''}${p.isDemo ? ' [演示]' : ''}`,
    }));

  return (
    <Modal
      open={target !== null}
      title={target?.kind === 'create' ? '新增整改措施' : '编辑整改措施'}
      okText={conflict ? '在最新版本上重新提交' : '保存'}
      cancelText="取消"
      width={720}
      confirmLoading={isSaving}
      onOk={() => void submit()}
      onCancel={onCancel}
      destroyOnHidden
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="该措施已被他人修改"
          description={`他人修改了：${conflictFields.map((k) => FIELD_LABELS[k]).join('、') || '状态或进展'}。您的填写仍保留在下方，核对后可在最新版本上重新提交。`}
        />
      )}
      <Alert
        type={missing.length === 0 ? 'success' : 'warning'}
        showIcon
        style={{ marginBottom: 12 }}
        data-testid="six-clarities"
        title={
          missing.length === 0 ? (
            '六个明确已齐全'
          ) : (
            <Space wrap>
              {SIX_CLARITIES_INCOMPLETE}：缺少
              {missing.map((c) => (
                <Tag key={c} color="warning">
                  {CLARITY_LABELS[c]}
                </Tag>
              ))}
            </Space>
          )
        }
      />
      <Form<TFields> form={form} layout="vertical" requiredMark={false} initialValues={initialValues}>
        <Form.Item
          name="task"
          label="整改事项"
          rules={[{ required: true, whitespace: true, message: '请填写整改事项' }]}
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} />
        </Form.Item>
        <Form.Item
          name="content"
          label="整改措施"
          rules={[{ required: true, whitespace: true, message: '请填写整改措施' }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} disabled={isPlanLocked} />
        </Form.Item>
        <Space.Compact block style={{ gap: 12 }}>
          <Form.Item name="departmentId" label="责任单位（部室）" style={{ flex: 1 }}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="选择部室"
              // A closed department stays shown on the measure that has it, and is offered for no other.
              options={ledger.departments
                .filter(
                  (d) => d.isActive || (target?.kind === 'edit' && target.measure.departmentId === d.id),
                )
                .map((d) => ({ value: d.id, label: d.isActive ? d.name : `${d.name}（已停用）` }))}
              data-testid="field-department"
            />
          </Form.Item>
          <Form.Item name="leaderId" label="责任领导" style={{ flex: 1 }}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="选择责任领导"
              options={peopleOptions}
              data-testid="field-leader"
            />
          </Form.Item>
          <Form.Item name="personId" label="责任人" style={{ flex: 1 }}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="选择责任人"
              options={peopleOptions}
              data-testid="field-person"
            />
          </Form.Item>
        </Space.Compact>
        <Space align="end" size="large">
          <Form.Item name="deadline" label="完成时限">
            <DatePicker
              format="YYYY-MM-DD"
              disabled={values?.isStanding === true || isPlanLocked}
              placeholder="选择日期"
              data-testid="field-deadline"
            />
          </Form.Item>
          <Form.Item name="isStanding" valuePropName="checked">
            <Checkbox disabled={isPlanLocked}>长期坚持</Checkbox>
          </Form.Item>
          {values?.isStanding === true && (
            <Form.Item
              name="checkIntervalDays"
              label="定期检查周期（天）"
              extra="每个周期须有新的进展记录，否则亮黄灯、红灯"
            >
              <InputNumber min={1} max={366} precision={0} placeholder="如 30" />
            </Form.Item>
          )}
        </Space>
        <Form.Item name="goal" label="整改目标" extra="整改要达到的效果，销号审核时与佐证材料并列显示">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} data-testid="field-goal" />
        </Form.Item>
        <Form.Item
          name="doneCriteria"
          label="完成标准"
          extra="如何判断已完成，如“印发制度并组织学习，抽查无违规”"
        >
          <Input.TextArea
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={1000}
            data-testid="field-criteria"
          />
        </Form.Item>
      </Form>
      {isPlanLocked && (
        <Typography.Paragraph type="warning" data-testid="plan-locked">
          整改方案已批准：整改措施、完成时限不能直接修改，请在措施详情中“申请延期/调整”，经第一责任人批准。
        </Typography.Paragraph>
      )}
      <Typography.Text type="secondary">六个明确齐全后，措施方可启动整改并申请销号。</Typography.Text>
    </Modal>
  );
}
