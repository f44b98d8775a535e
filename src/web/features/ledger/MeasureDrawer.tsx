/**
 * The measure page as a drawer: the six clarities, close-out status, evidence, look-backs, progress, comments and
 * state changes in one place, with the actions the server says this user may take now.
 */
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Grid,
  Input,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import type { TMeasureDetail, TMeasureView } from '@shared/api.ts';
import { measureMarker } from '@shared/chinese.ts';
import { MEASURE_STATE_LABELS, ZMeasureState } from '@shared/domain.ts';
import {
  CLOSE_OUT_STAGE_LABELS,
  MEASURE_ACTION_LABELS,
  USER_TRANSITIONS,
  type TMeasureAction,
  type TUserTransition,
} from '@shared/measure-state.ts';
import { CLARITY_LABELS, deadlineText, SIX_CLARITIES_INCOMPLETE } from '@shared/six-clarities.ts';
import { api } from '../../api/client.ts';
import { DemoMark, StateTag, WarningLight } from '../../components/StatusBits.tsx';
import { DecisionModal, type TDecisionAsk } from '../../components/DecisionModal.tsx';
import { EvidenceList } from './EvidenceList.tsx';
import { ProgressTimeline } from './ProgressTimeline.tsx';
import { ExtensionSection } from './ExtensionSection.tsx';
import { errorMessage } from '../../api/use-api.ts';

const stateLabel = (s: string) => {
  const parsed = ZMeasureState.safeParse(s);
  return parsed.success ? MEASURE_STATE_LABELS[parsed.data] : s;
};

/** Actions that are confirmed in a dialog with a text: a summary, a reason (required) or an opinion (optional). */
const ASKING: Partial<Record<TMeasureAction, TDecisionAsk>> = {
  request_close_out: { title: '申请销号', label: '整改完成情况说明', isRequired: true },
  leader_review: { title: '确认审核通过销号申请？', label: '审核意见（可选）', isRequired: false },
  approve_close_out: { title: '确认批准销号？', label: '批准意见（可选）', isRequired: false },
  confirm_close_out: { title: '确认巡察办确认销号？', label: '确认意见（可选）', isRequired: false },
  send_back: { title: '退回销号申请', label: '退回理由（必填）', isRequired: true },
};

/** One line per step of the close-out chain that has been taken: who, when, and their opinion. */
function chainLines(co: NonNullable<TMeasureDetail['closeOut']>): string[] {
  const line = (what: string, who: string | null, at: string | null, opinion: string | null) =>
    at === null ? [] : [`${what}：${who ?? '—'} ${at.slice(0, 10)}${opinion ? `，意见：${opinion}` : ''}`];
  return [
    ...line('申请', co.requesterName, co.requestedAt, co.summary),
    ...line('责任领导审核', co.reviewerName, co.leaderReviewedAt, co.leaderOpinion),
    ...line('第一责任人批准', co.approverName, co.approvedAt, co.approvalOpinion),
    ...line('巡察办确认', co.confirmerName, co.confirmedAt, co.confirmationOpinion),
  ];
}

/** The drawer; `onChanged` tells the ledger to refresh. */
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
  // On a phone the measure takes the whole screen.
  const isPhone = Grid.useBreakpoint().md === false;
  const [loaded, setDetail] = useState<TMeasureDetail | null>(null);
  const [comment, setComment] = useState('');
  const [asking, setAsking] = useState<TUserTransition | null>(null);
  useEffect(() => {
    if (measureId === null) return;
    let isCurrent = true;
    api
      .get('/api/measures/:id', { params: { id: measureId } })
      .then((d) => isCurrent && setDetail(d))
      .catch((e: unknown) => void message.error(errorMessage(e, '加载失败')));
    return () => {
      isCurrent = false;
    };
  }, [measureId, refreshKey, message]);
  // Only show what belongs to the measure asked for, never the previous one while loading.
  const detail = loaded !== null && loaded.measure.id === measureId ? loaded : null;

  const addComment = async () => {
    if (!detail) return;
    try {
      setDetail(
        await api.post('/api/measures/:id/comments', {
          params: { id: detail.measure.id },
          body: {
            text: comment.trim(),
          },
        }),
      );
      setComment('');
    } catch (e) {
      void message.error(errorMessage(e, '发表失败'));
    }
  };

  const transition = async (action: TUserTransition, reason?: string) => {
    if (!detail) return;
    try {
      const d = await api.post('/api/measures/:id/transitions', {
        params: { id: detail.measure.id },
        body: {
          action,
          version: detail.measure.version,
          ...(reason ? { reason } : {}),
        },
      });
      setDetail(d);
      setAsking(null);
      onChanged(d);
      void message.success(`已${MEASURE_ACTION_LABELS[action]}`);
    } catch (e) {
      void message.error(errorMessage(e, '操作失败'));
    }
  };

  const m = detail?.measure;
  const co = detail?.closeOut ?? null;
  return (
    <Drawer
      open={measureId !== null}
      onClose={onClose}
      size={isPhone ? '100%' : 680}
      title={m && detail ? `${detail.problem.number}. ${detail.problem.title}` : '整改措施'}
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
              <Button type="primary" onClick={() => onProgress(m)} data-testid="action-record_progress">
                记录进展
              </Button>
            )}
            {USER_TRANSITIONS.filter((a) => m.allowed.includes(a)).map((a) => (
              <Button
                key={a}
                danger={a === 'send_back'}
                onClick={() => (ASKING[a] ? setAsking(a) : void transition(a))}
                data-testid={`action-${a}`}
              >
                {a === 'leader_review' ? '审核通过' : MEASURE_ACTION_LABELS[a]}
              </Button>
            ))}
          </Space>
          {co && (
            <Alert
              type={co.outcome === 'sent_back' ? 'warning' : co.outcome === 'approved' ? 'success' : 'info'}
              showIcon
              data-testid="close-out-status"
              title={
                co.outcome === 'pending' && co.stage
                  ? `销号申请${CLOSE_OUT_STAGE_LABELS[co.stage]}`
                  : co.outcome === 'approved'
                    ? '已批准销号'
                    : co.outcome === 'invalidated'
                      ? `销号申请已作废：${co.reason ?? ''}`
                      : `销号申请已退回：${co.reason ?? ''}`
              }
              description={
                <>
                  {chainLines(co).map((l) => (
                    <div key={l} data-testid="close-out-step">
                      {l}
                    </div>
                  ))}
                  {co.officeRequired && co.outcome === 'pending' && (
                    <Typography.Text type="secondary" style={{ display: 'block' }}>
                      本单位可参与审核的人员不足，须由巡察办确认销号。
                    </Typography.Text>
                  )}
                  {!co.isCurrent && co.outcome === 'pending' && (
                    <Typography.Text type="danger" style={{ display: 'block' }}>
                      申请后措施内容或佐证材料已有变化，原审核不再有效，须退回后重新申请。
                    </Typography.Text>
                  )}
                </>
              }
            />
          )}
          <Descriptions column={1} size="small" bordered styles={{ label: { width: isPhone ? 72 : 110 } }}>
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
            <Descriptions.Item label="整改目标">
              <span data-testid="measure-goal">{m.goal ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label="完成标准">
              <span data-testid="measure-criteria">{m.doneCriteria ?? '—'}</span>
            </Descriptions.Item>
          </Descriptions>
          <ExtensionSection
            detail={detail}
            onChanged={(d) => (setDetail(d), onChanged(d))}
            onError={(t) => void message.error(t)}
          />
          <Typography.Title level={5}>佐证材料</Typography.Title>
          {co?.outcome === 'pending' && (
            <Alert
              type="info"
              data-testid="review-criteria"
              title="对照整改目标和完成标准审核以下材料"
              description={
                <>
                  <div>整改目标：{m.goal ?? '未填写'}</div>
                  <div>完成标准：{m.doneCriteria ?? '未填写'}</div>
                </>
              }
            />
          )}
          <EvidenceList evidence={detail.evidence} />
          {detail.lookbacks.length > 0 && (
            <>
              <Typography.Title level={5}>回头看</Typography.Title>
              {detail.lookbacks.map((l) => (
                <Typography.Paragraph key={l.id} style={{ marginBottom: 4 }} data-testid="measure-lookback">
                  {l.scheduledDate} · {l.checkers.join('、')}：
                  {l.result === null ? '待检查' : l.result === 'holds' ? '巩固' : '反弹'}
                  {l.note ? `（${l.note}）` : ''}
                </Typography.Paragraph>
              ))}
            </>
          )}
          {detail.reminders.length > 0 && (
            <>
              <Typography.Title level={5}>提醒记录</Typography.Title>
              {detail.reminders.map((r) => (
                <Typography.Paragraph
                  key={r.id}
                  type={r.status === 'failed' ? 'danger' : 'secondary'}
                  style={{ marginBottom: 2 }}
                  data-testid="measure-reminder"
                >
                  {r.sentAt.slice(0, 10)} {r.ruleLabel} → {r.userName}（{r.channel}
                  {r.status === 'failed' ? `，发送失败${r.error ? `：${r.error}` : ''}` : ''}）
                </Typography.Paragraph>
              ))}
            </>
          )}
          <Typography.Title level={5}>整改进展</Typography.Title>
          <ProgressTimeline detail={detail} onChanged={(d) => (setDetail(d), onChanged(d))} />
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
      <DecisionModal
        ask={asking ? (ASKING[asking] ?? null) : null}
        onCancel={() => setAsking(null)}
        onSubmit={(text) => asking && void transition(asking, text)}
        testId="ask-text"
      />
    </Drawer>
  );
}

function Missing() {
  return <Typography.Text type="warning">未明确</Typography.Text>;
}
