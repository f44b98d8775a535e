/** Look-backs (回头看) of an inspection: schedule a re-check of closed measures, record 巩固 or 反弹. */
import { Button, Card, DatePicker, Empty, Input, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { TLedgerView } from '@shared/api.ts';
import { api } from '../../api/client.ts';
import { errorMessage, useApi } from '../../api/use-api.ts';

type TScopeKind = 'all' | 'category' | 'picked';

/** The panel; `onChanged` refreshes the ledger after a relapse reopens a measure. */
export function LookbackPanel({
  ledger,
  onChanged,
  onError,
}: {
  ledger: TLedgerView;
  onChanged: () => void;
  onError: (text: string) => void;
}) {
  const [isScheduling, setScheduling] = useState(false);
  const [date, setDate] = useState<Dayjs | null>(dayjs(ledger.today));
  const [checkers, setCheckers] = useState<string[]>([]);
  const [scope, setScope] = useState<TScopeKind>('all');
  const [categoryId, setCategoryId] = useState<number | null>(null);
  const [picked, setPicked] = useState<number[]>([]);
  const [recording, setRecording] = useState<{ itemId: number; result: 'holds' | 'relapsed' } | null>(null);
  const [note, setNote] = useState('');
  const inspectionId = ledger.inspection.id;
  const loaded = useApi(
    () => api.get('/api/inspections/:id/lookbacks', { params: { id: inspectionId } }),
    [inspectionId],
  );
  const lookbacks = loaded.data ?? [];
  const closed = ledger.categories.flatMap((c) =>
    c.problems.flatMap((p) =>
      p.measures
        .filter((m) => m.state === 'closed')
        .map((m) => ({ value: m.id, label: `${p.number}. ${m.content.slice(0, 30)}` })),
    ),
  );
  const fail = (e: unknown) => onError(errorMessage(e, '操作失败'));

  const schedule = async () => {
    try {
      const body = {
        scheduledDate: date?.format('YYYY-MM-DD') ?? '',
        checkers,
        scope:
          scope === 'all'
            ? { kind: 'all' as const }
            : scope === 'category'
              ? { kind: 'category' as const, categoryId: categoryId ?? 0 }
              : { kind: 'picked' as const, measureIds: picked },
      };
      await api.post('/api/inspections/:id/lookbacks', { params: { id: inspectionId }, body: body });
      setScheduling(false);
      loaded.reload();
    } catch (e) {
      fail(e);
    }
  };
  const record = async () => {
    if (!recording) return;
    try {
      await api.post('/api/lookback-items/:id', {
        params: { id: recording.itemId },
        body: {
          result: recording.result,
          note: note.trim(),
        },
      });
      setRecording(null);
      setNote('');
      loaded.reload();
      onChanged();
    } catch (e) {
      fail(e);
    }
  };
  if (!ledger.canManageLookback && lookbacks.length === 0) return null;
  return (
    <Card
      size="small"
      title="回头看"
      extra={
        ledger.canManageLookback && (
          <Button
            onClick={() => setScheduling(true)}
            disabled={closed.length === 0}
            data-testid="schedule-lookback"
          >
            安排回头看
          </Button>
        )
      }
    >
      {lookbacks.length === 0 ? (
        <Empty
          description={closed.length === 0 ? '暂无已销号的措施' : '尚未安排回头看'}
          image={Empty.PRESENTED_IMAGE_SIMPLE}
        />
      ) : (
        lookbacks.map((l) => (
          <div key={l.id} style={{ marginBottom: 12 }}>
            <Typography.Text strong>
              {l.scheduledDate} · 检查人：{l.checkers.join('、')}
            </Typography.Text>
            {l.items.map((i) => (
              <div key={i.id} style={{ marginInlineStart: 16 }} data-testid={`lookback-item-${i.measureId}`}>
                <Space>
                  <Typography.Text>{i.content.slice(0, 40)}</Typography.Text>
                  {i.result === null ? (
                    ledger.canManageLookback && (
                      <>
                        <Button size="small" onClick={() => setRecording({ itemId: i.id, result: 'holds' })}>
                          巩固
                        </Button>
                        <Button
                          size="small"
                          danger
                          onClick={() => setRecording({ itemId: i.id, result: 'relapsed' })}
                          data-testid={`relapse-${i.measureId}`}
                        >
                          反弹
                        </Button>
                      </>
                    )
                  ) : (
                    <Tag color={i.result === 'holds' ? 'success' : 'error'}>
                      {i.result === 'holds' ? '巩固' : '反弹'}
                    </Tag>
                  )}
                </Space>
              </div>
            ))}
          </div>
        ))
      )}
      <Modal
        open={isScheduling}
        title="安排回头看"
        okText="安排"
        cancelText="取消"
        onCancel={() => setScheduling(false)}
        onOk={() => void schedule()}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <DatePicker value={date} onChange={setDate} format="YYYY-MM-DD" />
          <Select
            mode="tags"
            placeholder="检查人（输入姓名后回车）"
            value={checkers}
            onChange={setCheckers}
            style={{ width: '100%' }}
            data-testid="lookback-checkers"
          />
          <Radio.Group value={scope} onChange={(e) => setScope(e.target.value as TScopeKind)}>
            <Radio value="all">全部已销号措施</Radio>
            <Radio value="category">按问题类别</Radio>
            <Radio value="picked">指定措施</Radio>
          </Radio.Group>
          {scope === 'category' && (
            <Select
              placeholder="问题类别"
              value={categoryId ?? undefined}
              onChange={setCategoryId}
              options={ledger.categories.map((c) => ({ value: c.id, label: c.title }))}
              style={{ width: '100%' }}
            />
          )}
          {scope === 'picked' && (
            <Select
              mode="multiple"
              placeholder="选择已销号的措施"
              value={picked}
              onChange={setPicked}
              options={closed}
              style={{ width: '100%' }}
            />
          )}
        </Space>
      </Modal>
      <Modal
        open={recording !== null}
        title={recording?.result === 'relapsed' ? '认定反弹' : '确认巩固'}
        okText="提交"
        cancelText="取消"
        onCancel={() => setRecording(null)}
        onOk={() => void record()}
        okButtonProps={{ disabled: note.trim() === '' }}
      >
        <Typography.Paragraph type="secondary">
          {recording?.result === 'relapsed'
            ? '认定反弹后措施重新打开，并通知其责任人、责任领导和纪检监察组。'
            : '记录检查情况。'}
        </Typography.Paragraph>
        <Input.TextArea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          autoSize={{ minRows: 3 }}
          placeholder="检查情况"
          data-testid="lookback-note"
        />
      </Modal>
    </Card>
  );
}
