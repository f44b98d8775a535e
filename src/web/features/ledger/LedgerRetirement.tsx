/**
 * A ledger created by mistake: the header's 归档 / 恢复 / 删除 buttons (each asks for a reason where one is needed) and
 * the banner of an archived ledger. What the server allows decides which buttons show (`ledger.retirement`).
 */
import { Alert, App, Button, Popconfirm, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { TLedgerView } from '@shared/api.ts';
import { todayInChina } from '@shared/chinese.ts';
import { api } from '../../api/client.ts';
import { errorMessage } from '../../api/use-api.ts';
import { DecisionModal } from '../../components/DecisionModal.tsx';

type TAsking = 'archive' | 'delete' | null;

/** The buttons, in the ledger header. */
export function LedgerRetirementActions({
  ledger,
  onChanged,
}: {
  ledger: TLedgerView;
  onChanged: () => void;
}) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [asking, setAsking] = useState<TAsking>(null);
  const { retirement: r, inspection: i } = ledger;
  const failed = (e: unknown) => void message.error(errorMessage(e, '操作失败'));
  const submit = (reason: string) => {
    const which = asking;
    setAsking(null);
    if (which === 'archive')
      void api
        .post('/api/inspections/:id/archive', { params: { id: i.id }, body: { version: i.version, reason } })
        .then(() => {
          void message.success('台账已归档：不再计入统计和提醒');
          onChanged();
        }, failed);
    if (which === 'delete')
      void api
        .delete('/api/inspections/:id', { params: { id: i.id }, body: { version: i.version, reason } })
        .then(() => {
          void message.success('误建的台账已删除（操作日志保留记录）');
          void navigate('/inspections');
        }, failed);
  };
  const restore = () =>
    void api
      .post('/api/inspections/:id/restore', { params: { id: i.id }, body: { version: i.version } })
      .then(() => {
        void message.success('台账已恢复');
        onChanged();
      }, failed);
  const recorded = r.touches.length > 0 ? `已有整改记录：${r.touches.join('、')}` : '';
  if (!r.canArchive && !r.canRestore && !r.canDelete && r.touches.length === 0) return null;
  return (
    <Space wrap className="no-print">
      {r.canArchive && (
        <Button onClick={() => setAsking('archive')} data-testid="archive-ledger">
          归档台账
        </Button>
      )}
      {!r.canArchive && !r.canRestore && r.touches.length > 0 && (
        <Tooltip title={`${recorded}；已有整改记录的台账只能由巡察办归档`}>
          <Button disabled data-testid="archive-ledger-disabled">
            归档台账
          </Button>
        </Tooltip>
      )}
      {r.canRestore && (
        <Popconfirm
          title="恢复后台账重新计入统计和提醒，可以继续填报。确认恢复？"
          okText="恢复"
          cancelText="取消"
          onConfirm={restore}
        >
          <Button data-testid="restore-ledger">恢复台账</Button>
        </Popconfirm>
      )}
      {r.canDelete ? (
        <Button danger onClick={() => setAsking('delete')} data-testid="delete-ledger">
          删除台账
        </Button>
      ) : (
        r.touches.length > 0 && (
          <Tooltip title={`${recorded}，不能删除；如系误建，请归档`}>
            <Button danger disabled data-testid="delete-ledger-disabled">
              删除台账
            </Button>
          </Tooltip>
        )
      )}
      <DecisionModal
        ask={
          asking === 'archive'
            ? {
                title: '归档后台账只能查看，不再计入统计、查询和提醒，可随时恢复。确认归档？',
                label: '归档原因（如：导入了错误的文件、导入到了错误的单位）',
                isRequired: true,
                okText: '归档',
              }
            : asking === 'delete'
              ? {
                  title: '删除后台账及导入的问题、措施不可恢复（操作日志保留记录）。确认删除？',
                  label: '删除原因（如：导入到了错误的单位）',
                  isRequired: true,
                  okText: '删除',
                }
              : null
        }
        onCancel={() => setAsking(null)}
        onSubmit={submit}
        testId="retirement-reason"
      />
    </Space>
  );
}

/** The banner of an archived ledger. */
export function ArchivedLedgerBanner({ ledger }: { ledger: TLedgerView }) {
  const archived = ledger.inspection.archived;
  if (archived === null) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="ledger-archived"
      title={`该台账已于 ${todayInChina(new Date(archived.at))} 归档${archived.reason ? `（${archived.reason}）` : ''}：只能查看，不计入统计、查询和提醒；如需继续整改，请先恢复台账。`}
    />
  );
}
