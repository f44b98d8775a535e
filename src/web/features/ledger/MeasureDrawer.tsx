/** A measure's six clarities, progress history and state changes, with the actions the user may take. */
import { App, Button, Descriptions, Drawer, Empty, Input, Space, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { TMeasureDetail, TMeasureView } from '@shared/api.ts';
import { measureMarker } from '@shared/chinese.ts';
import { MEASURE_STATE_LABELS, ZMeasureState } from '@shared/domain.ts';
import { MEASURE_ACTION_LABELS, type TMeasureAction } from '@shared/measure-state.ts';
import { CLARITY_LABELS, deadlineText, SIX_CLARITIES_INCOMPLETE } from '@shared/six-clarities.ts';
import { api, ApiError } from '../../api/client.ts';
import { DemoMark, StateTag, WarningLight } from '../../components/StatusBits.tsx';

const stateLabel = (s: string) => {
  const parsed = ZMeasureState.safeParse(s);
  return parsed.success ? MEASURE_STATE_LABELS[parsed.data] : s;
};

/** The drawer; `onChanged` tells the ledger to refresh a measure. */
export function MeasureDrawer(props: {
  measureId: number | null;
  refreshKey: number;
  onClose: () => void;
  onEdit: (m: TMeasureView) => void;
  onProgress: (m: TMeasureView) => void;
  onChanged: (d: TMeasureDetail) => void;
}) {
  const { measureId, refreshKey, onClose, onEdit, onProgress, onChanged } = props;
  const { message } = App.useApp();
  const [loaded, setDetail] = useState<TMeasureDetail | null>(null);
  useEffect(() => {
    if (measureId === null) return;
    let isCurrent = true;
    api<TMeasureDetail>('GET', `/api/measures/${measureId}`)
      .then((d) => isCurrent && setDetail(d))
      .catch((e: unknown) => void message.error(e instanceof ApiError ? e.message : '加载失败'));
    return () => {
      isCurrent = false;
    };
  }, [measureId, refreshKey, message]);
  // Only show what belongs to the measure asked for, never the previous one while loading.
  const detail = loaded !== null && loaded.measure.id === measureId ? loaded : null;

  const [comment, setComment] = useState('');
  const addComment = async () => {
    if (!detail) return;
    try {
      setDetail(
        await api<TMeasureDetail>('POST', `/api/measures/${detail.measure.id}/comments`, {
          text: comment.trim(),
        }),
      );
      setComment('');
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : '发表失败');
    }
  };

  const transition = async (action: TMeasureAction) => {
    if (!detail) return;
    try {
      const d = await api<TMeasureDetail>('POST', `/api/measures/${detail.measure.id}/transitions`, {
        action,
        version: detail.measure.version,
      });
      setDetail(d);
      onChanged(d);
      void message.success(`已${MEASURE_ACTION_LABELS[action]}`);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : '操作失败');
    }
  };

  const m = detail?.measure;
  return (
    <Drawer
      open={measureId !== null}
      onClose={onClose}
      size={640}
      title={m ? `${detail.problem.number}. ${detail.problem.title}` : '整改措施'}
      destroyOnHidden
    >
      {m && detail && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="measure-drawer">
          <Space wrap>
            <StateTag state={m.state} />
            <WarningLight colour={m.colour} />
            {m.missing.length > 0 && <Tag color="warning">{SIX_CLARITIES_INCOMPLETE}</Tag>}
            {m.isDemo && <DemoMark />}
          </Space>
          <Space wrap>
            {m.allowed.includes('update') && <Button onClick={() => onEdit(m)}>编辑</Button>}
            {m.allowed.includes('record_progress') && (
              <Button type="primary" onClick={() => onProgress(m)}>
                记录进展
              </Button>
            )}
            {m.allowed.includes('start') && (
              <Button onClick={() => void transition('start')}>启动整改</Button>
            )}
            {m.allowed.includes('set_standing') && (
              <Button onClick={() => void transition('set_standing')}>转为长期坚持</Button>
            )}
          </Space>
          <Descriptions column={1} size="small" bordered styles={{ label: { width: 110 } }}>
            <Descriptions.Item label="问题类别">{detail.category.title}</Descriptions.Item>
            <Descriptions.Item label={CLARITY_LABELS.task}>{m.task}</Descriptions.Item>
            <Descriptions.Item label={`${CLARITY_LABELS.content}（${measureMarker(m.ordinal)}）`}>
              <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
                {m.content}
              </Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label={CLARITY_LABELS.department}>
              {m.departmentName ?? <Missing />}
            </Descriptions.Item>
            <Descriptions.Item label={CLARITY_LABELS.leader}>{m.leaderName ?? <Missing />}</Descriptions.Item>
            <Descriptions.Item label={CLARITY_LABELS.person}>{m.personName ?? <Missing />}</Descriptions.Item>
            <Descriptions.Item label={CLARITY_LABELS.deadline}>
              {deadlineText(m) || <Missing />}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>整改进展</Typography.Title>
          {detail.progress.length === 0 ? (
            <Empty description="尚无进展记录" />
          ) : (
            <Timeline
              items={detail.progress.map((p) => ({
                key: p.id,
                content: (
                  <>
                    <Typography.Text strong>{p.entryDate}</Typography.Text>
                    {p.authorName && <Typography.Text type="secondary"> · {p.authorName}</Typography.Text>}
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                      {p.text}
                    </Typography.Paragraph>
                  </>
                ),
              }))}
            />
          )}
          <Typography.Title level={5}>意见</Typography.Title>
          {detail.comments.length === 0 ? (
            <Typography.Text type="secondary">暂无意见</Typography.Text>
          ) : (
            detail.comments.map((c) => (
              <div key={c.id} data-testid="measure-comment">
                <Typography.Text strong>{c.authorName ?? '—'}</Typography.Text>
                {c.authorRole && <Typography.Text type="secondary">（{c.authorRole}）</Typography.Text>}
                <Typography.Text type="secondary"> {c.createdAt.slice(0, 10)}</Typography.Text>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
                  {c.text}
                </Typography.Paragraph>
              </div>
            ))
          )}
          {detail.canComment && (
            <Space.Compact style={{ width: '100%' }}>
              <Input.TextArea
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                autoSize={{ minRows: 1, maxRows: 4 }}
                maxLength={2000}
                placeholder="对本措施的意见、督促"
              />
              <Button onClick={() => void addComment()} disabled={comment.trim() === ''}>
                发表
              </Button>
            </Space.Compact>
          )}
          <Typography.Title level={5}>状态变更</Typography.Title>
          {detail.transitions.length === 0 ? (
            <Typography.Text type="secondary">无</Typography.Text>
          ) : (
            <Timeline
              items={detail.transitions.map((t) => ({
                key: t.id,
                content: `${t.at.slice(0, 10)} · ${t.actorName ?? '系统'}：${stateLabel(t.fromState)} → ${stateLabel(t.toState)}${t.reason ? `（${t.reason}）` : ''}`,
              }))}
            />
          )}
        </Space>
      )}
    </Drawer>
  );
}

function Missing() {
  return <Typography.Text type="warning">未明确</Typography.Text>;
}
