/**
 * Batch actions on the measures chosen in 措施查询: 催办 (a message now to the people who carry them) and 调整责任人
 * (another department, leader or responsible person for all of them — measures of one unit, whose people they are).
 * The server takes all or none; its message names a refused measure.
 */
import { App, Button, Form, Input, Modal, Select, type TableProps, Typography } from 'antd';
import { NotificationOutlined, TeamOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { TLedgerView, TMeasureSearchItem } from '@shared/api.ts';
import { api } from '../../api/client.ts';
import { errorMessage } from '../../api/use-api.ts';

/** A chosen measure: where it belongs and the version the user saw. */
export type TPicked = { unitId: number; inspectionId: number; version: number };

/** The table's row selection, kept across pages: each chosen row's unit, inspection and version as shown. */
export function pickedSelection(
  picked: ReadonlyMap<number, TPicked>,
  setPicked: (next: Map<number, TPicked>) => void,
): NonNullable<TableProps<TMeasureSearchItem>['rowSelection']> {
  return {
    selectedRowKeys: [...picked.keys()],
    preserveSelectedRowKeys: true,
    onChange: (keys, rows) => {
      const next = new Map<number, TPicked>();
      const shown = new Map(
        rows
          .filter(Boolean)
          .map((r) => [r.id, { unitId: r.unitId, inspectionId: r.inspectionId, version: r.version }]),
      );
      for (const k of keys) {
        const p = shown.get(Number(k)) ?? picked.get(Number(k));
        if (p !== undefined) next.set(Number(k), p);
      }
      setPicked(next);
    },
  };
}

/** The two buttons and their dialogs. */
export function BatchActions(props: {
  picked: ReadonlyMap<number, TPicked>;
  canRemind: boolean;
  canReassign: boolean;
  onDone: () => void;
}) {
  const { picked, canRemind, canReassign, onDone } = props;
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<'remind' | 'reassign' | null>(null);
  const [note, setNote] = useState('');
  const [owners, setOwners] = useState<{ departmentId?: number; leaderId?: number; personId?: number }>({});
  const [directory, setDirectory] = useState<Pick<TLedgerView, 'departments' | 'people'> | null>(null);
  const [isSaving, setSaving] = useState(false);
  // Only what was chosen is sent: a cleared field changes nothing.
  const chosen = Object.fromEntries(Object.entries(owners).filter(([, v]) => v !== undefined));
  const units = new Set([...picked.values()].map((p) => p.unitId));
  const first = picked.values().next().value;

  const openReassign = () => {
    if (!first) return;
    setOwners({});
    setDirectory(null);
    setDialog('reassign');
    // The people and departments of the measures' unit, as its ledger lists them.
    api
      .get('/api/inspections/:id/ledger', { params: { id: first.inspectionId } })
      .then((ledger) => setDirectory({ departments: ledger.departments, people: ledger.people }))
      .catch((e: unknown) => void message.error(errorMessage(e, '读取人员名单失败')));
  };
  const remind = () => {
    setSaving(true);
    api
      .post('/api/measures/batch/remind', {
        body: { ids: [...picked.keys()], ...(note.trim() ? { note: note.trim() } : {}) },
      })
      .then((r) => {
        void message.success(`已催办 ${r.measures} 条措施，发出 ${r.messages} 条消息`);
        if (r.unreachable.length > 0)
          void message.warning(`${r.unreachable.length} 条措施的责任人、责任领导没有账号，消息未能送达`);
        setNote('');
        setDialog(null);
        onDone();
      })
      .catch((e: unknown) => void message.error(errorMessage(e, '催办失败')))
      .finally(() => setSaving(false));
  };
  const reassign = () => {
    setSaving(true);
    api
      .post('/api/measures/batch/reassign', {
        body: { items: [...picked].map(([id, p]) => ({ id, version: p.version })), ...chosen },
      })
      .then((r) => {
        void message.success(`已调整 ${r.measures} 条措施的责任人`);
        setDialog(null);
        onDone();
      })
      .catch((e: unknown) => void message.error(errorMessage(e, '调整失败')))
      .finally(() => setSaving(false));
  };
  const personOptions = (directory?.people ?? [])
    .filter((p) => !p.hasLeft)
    .map((p) => ({
      value: p.id,
      label: p.position ? `${p.name}（${p.position}）` : p.name,
    }));

  return (
    <>
      {canRemind && (
        <Button
          icon={<NotificationOutlined />}
          disabled={picked.size === 0}
          onClick={() => setDialog('remind')}
          data-testid="search-remind"
        >
          催办{picked.size > 0 ? `（${picked.size}）` : ''}
        </Button>
      )}
      {canReassign && (
        <Button
          icon={<TeamOutlined />}
          disabled={picked.size === 0 || units.size !== 1}
          title={units.size > 1 ? '所选措施属于多个单位，请按单位分别调整' : undefined}
          onClick={openReassign}
          data-testid="search-reassign"
        >
          调整责任人
        </Button>
      )}
      <Modal
        open={dialog === 'remind'}
        title="催办"
        okText="发送催办"
        cancelText="取消"
        confirmLoading={isSaving}
        onCancel={() => setDialog(null)}
        onOk={remind}
        okButtonProps={{ ...{ 'data-testid': 'remind-submit' } }}
      >
        <Typography.Paragraph type="secondary">
          向所选 {picked.size}{' '}
          条措施的责任人和责任领导发送催办消息（无人员时发给责任部门），并记入各措施的操作记录。
        </Typography.Paragraph>
        <Input.TextArea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={500}
          placeholder="催办说明（可不填），如：请于本周五前报送整改进展"
          data-testid="remind-note"
        />
      </Modal>
      <Modal
        open={dialog === 'reassign'}
        title="调整责任人"
        okText="调整"
        cancelText="取消"
        confirmLoading={isSaving}
        onCancel={() => setDialog(null)}
        onOk={reassign}
        okButtonProps={{
          disabled: Object.keys(chosen).length === 0,
          ...{ 'data-testid': 'reassign-submit' },
        }}
      >
        <Typography.Paragraph type="secondary">
          所选 {picked.size}{' '}
          条措施一并调整；只改所选的项，其余不变。任何一条调整不了（如已被他人修改）则都不调整。
        </Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label="责任部门">
            <Select
              allowClear
              loading={directory === null}
              value={owners.departmentId}
              onChange={(v?: number) => setOwners({ ...owners, departmentId: v })}
              options={(directory?.departments ?? [])
                .filter((d) => d.isActive)
                .map((d) => ({ value: d.id, label: d.name }))}
              data-testid="reassign-department"
            />
          </Form.Item>
          <Form.Item label="责任领导">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              value={owners.leaderId}
              onChange={(v?: number) => setOwners({ ...owners, leaderId: v })}
              options={personOptions}
              data-testid="reassign-leader"
            />
          </Form.Item>
          <Form.Item label="责任人">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              value={owners.personId}
              onChange={(v?: number) => setOwners({ ...owners, personId: v })}
              options={personOptions}
              data-testid="reassign-person"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
