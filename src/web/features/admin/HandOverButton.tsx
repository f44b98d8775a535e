/** 交接: a person who leaves hands their open measures and opinions to a successor of the same unit, in one step. */
import { Button, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import type { TAdminUnit } from '@shared/api.ts';
import { api } from '../../api/client.ts';
import type { TRun } from './admin-helpers.ts';

type TPerson = TAdminUnit['people'][number];

/** The button and its dialog. */
export function HandOverButton({ person, unit, run }: { person: TPerson; unit: TAdminUnit; run: TRun }) {
  const [isOpen, setOpen] = useState(false);
  const [successor, setSuccessor] = useState<number | null>(null);
  const candidates = unit.people.filter((p) => p.id !== person.id && p.leftAt === null);
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid={`handover-${person.id}`}>
        离任交接
      </Button>
      <Modal
        open={isOpen}
        title={`${person.name} 离任交接`}
        okText="交接"
        cancelText="取消"
        okButtonProps={{ disabled: successor === null }}
        onCancel={() => setOpen(false)}
        onOk={() =>
          void run(
            () =>
              api.post('/api/admin/people/:id/handover', {
                params: { id: person.id },
                body: { successorId: successor ?? 0 },
              }),
            '已完成交接',
          ).then((ok) => ok && setOpen(false))
        }
      >
        <Typography.Paragraph>
          未完成的整改措施（作为责任人或责任领导）和待答复的群众意见将交给接替人，{person.name}
          的账号将停用并退出登录；已销号的措施、进展记录和操作日志保留原姓名。此操作不可撤销。
        </Typography.Paragraph>
        <Select<number>
          placeholder="接替人"
          style={{ width: 200 }}
          value={successor ?? undefined}
          onChange={(v) => setSuccessor(v)}
          options={candidates.map((p) => ({ value: p.id, label: p.name }))}
        />
      </Modal>
    </>
  );
}
