/**
 * The measure state machine: the only place where transitions are decided. Server use cases, the CLI, the
 * demo seeding and the web (to label buttons) all call `decideTransition`.
 */
import type { TMeasureState } from './domain.ts';

/** What can be done to a measure's state. */
export const MEASURE_ACTIONS = [
  'start',
  'record_progress',
  'request_close_out',
  'send_back',
  'approve_close_out',
  'set_standing',
  'relapse',
] as const;
export type TMeasureAction = (typeof MEASURE_ACTIONS)[number];

/** Chinese labels of the actions. */
export const MEASURE_ACTION_LABELS: Record<TMeasureAction, string> = {
  start: '启动整改',
  record_progress: '记录进展',
  request_close_out: '申请销号',
  send_back: '退回',
  approve_close_out: '批准销号',
  set_standing: '转为长期坚持',
  relapse: '认定反弹',
};

/** Facts about the measure the decision depends on. */
export type TTransitionContext = {
  isSixClear: boolean;
};

/** The outcome: the next state, or a refusal with a Chinese reason for the user. */
export type TTransitionDecision = { ok: true; to: TMeasureState } | { ok: false; reason: string };

const OPEN_WORK: readonly TMeasureState[] = ['in_progress', 'relapsed', 'standing'];

/** Decides whether `action` may be applied to a measure in state `from`, and to which state it leads. */
export function decideTransition(
  from: TMeasureState,
  action: TMeasureAction,
  ctx: TTransitionContext,
): TTransitionDecision {
  const refuse = (reason: string): TTransitionDecision => ({ ok: false, reason });
  const needsSix = '六个明确未齐全，不能启动整改';
  switch (action) {
    case 'start':
      if (from !== 'not_started') return refuse('只有未启动的措施可以启动');
      if (!ctx.isSixClear) return refuse(needsSix);
      return { ok: true, to: 'in_progress' };
    case 'record_progress':
      if (from === 'closed') return refuse('已销号的措施不能再记录进展；如问题反弹，请通过“回头看”认定反弹');
      if (from === 'close_requested') return refuse('销号申请审核中，不能记录进展；如需补充，请先退回');
      if (from === 'not_started') return { ok: true, to: ctx.isSixClear ? 'in_progress' : 'not_started' };
      return { ok: true, to: from };
    case 'request_close_out':
      if (!OPEN_WORK.includes(from)) return refuse('只有推进中、长期坚持或反弹的措施可以申请销号');
      if (!ctx.isSixClear) return refuse('六个明确未齐全，不能申请销号');
      return { ok: true, to: 'close_requested' };
    case 'send_back':
      if (from !== 'close_requested') return refuse('只有申请销号的措施可以退回');
      return { ok: true, to: 'in_progress' };
    case 'approve_close_out':
      if (from !== 'close_requested') return refuse('只有申请销号的措施可以批准销号');
      return { ok: true, to: 'closed' };
    case 'set_standing':
      if (from !== 'in_progress' && from !== 'not_started')
        return refuse('只有未启动或推进中的措施可以转为长期坚持');
      if (!ctx.isSixClear) return refuse(needsSix);
      return { ok: true, to: 'standing' };
    case 'relapse':
      if (from !== 'closed') return refuse('只有已销号的措施可以认定反弹');
      return { ok: true, to: 'relapsed' };
  }
}

/** The actions that would succeed from `from`, for offering buttons. */
export function availableTransitions(from: TMeasureState, ctx: TTransitionContext): TMeasureAction[] {
  return MEASURE_ACTIONS.filter((a) => decideTransition(from, a, ctx).ok);
}
