/**
 * The measure state machine: the only place where transitions are decided, including who may take each step of
 * the close-out chain (销号). Server use cases, the import, the demo data and the web (to offer buttons) all call
 * `decideTransition`.
 */
import type { TMeasureState, TRole } from './domain.ts';

/** What can be done to a measure's state. */
export const MEASURE_ACTIONS = [
  'start',
  'record_progress',
  'request_close_out',
  'leader_review',
  'approve_close_out',
  'confirm_close_out',
  'send_back',
  'set_standing',
  'relapse',
] as const;
export type TMeasureAction = (typeof MEASURE_ACTIONS)[number];

/**
 * The steps a user takes with the transition request (buttons in the drawer, in this order). Progress is recorded
 * through its own request, and a relapse through a look-back.
 */
export const USER_TRANSITIONS = [
  'start',
  'request_close_out',
  'leader_review',
  'approve_close_out',
  'confirm_close_out',
  'send_back',
  'set_standing',
] as const satisfies readonly TMeasureAction[];
export type TUserTransition = (typeof USER_TRANSITIONS)[number];

/** True for the actions a user takes with the transition request. */
export function isUserTransition(action: TMeasureAction): action is TUserTransition {
  return (USER_TRANSITIONS as readonly TMeasureAction[]).includes(action);
}

/**
 * Whether a close-out request still covers the measure as it is: neither the measure (its version) nor its evidence
 * (the sorted SHA-256 list) changed since the request. Steps and the drawer both ask this.
 */
export function isApprovalCurrent(
  request: { measureVersion: number; evidenceHashes: string },
  measure: { version: number; evidenceHashes: readonly string[] },
): boolean {
  return (
    request.measureVersion === measure.version &&
    request.evidenceHashes === JSON.stringify([...measure.evidenceHashes].sort())
  );
}

/** Chinese labels of the actions. */
export const MEASURE_ACTION_LABELS: Record<TMeasureAction, string> = {
  start: '启动整改',
  record_progress: '记录进展',
  request_close_out: '申请销号',
  leader_review: '责任领导审核通过',
  approve_close_out: '批准销号',
  confirm_close_out: '巡察办确认销号',
  send_back: '退回',
  set_standing: '转为长期坚持',
  relapse: '认定反弹',
};

/** Where a close-out request waits: the responsible leader, the principal, or the inspection office. */
export type TCloseOutStage = 'leader' | 'principal' | 'office';

/** The stages in the order a request passes them. */
export const CLOSE_OUT_STAGES: readonly TCloseOutStage[] = ['leader', 'principal', 'office'];

/** Chinese labels of the stages. */
export const CLOSE_OUT_STAGE_LABELS: Record<TCloseOutStage, string> = {
  leader: '待责任领导审核',
  principal: '待第一责任人批准',
  office: '待巡察办确认',
};

/**
 * Who reviews a close-out request at each stage — the one statement of that rule, read by the state machine (who
 * may take or send back the stage), the 销号 queue's SQL (what waits for a reader), the messages that ask the
 * reviewers to act and the reminders when they do not: the measure's responsible leader; the inspected unit's
 * principal; the inspection office over the unit (its own or an ancestor's).
 */
export type TStageReviewer =
  { by: 'measure_leader' } | { by: 'role'; role: TRole; reach: 'unit' | 'covering' };

export const STAGE_REVIEWERS: Record<TCloseOutStage, TStageReviewer> = {
  leader: { by: 'measure_leader' },
  principal: { by: 'role', role: 'principal', reach: 'unit' },
  office: { by: 'role', role: 'inspection_office', reach: 'covering' },
};

/** The stages a reader reviews (given whether they lead the measure at hand): the rule above, from their side. */
export function reviewsStage(
  stage: TCloseOutStage,
  actor: { role: TRole | 'system'; isLeader: boolean },
): boolean {
  if (actor.role === 'system') return true;
  const r = STAGE_REVIEWERS[stage];
  return r.by === 'measure_leader' ? actor.isLeader : actor.role === r.role;
}

/** Who a human is, for separation of duties: one account, and the person it belongs to (one person may hold two accounts). */
export type TIdentity = { userId: number | null; personId: number | null };

/** True when the two identities are the same human: the same account, or accounts of the same person. */
export function samePerson(a: TIdentity | null | undefined, b: TIdentity | null | undefined): boolean {
  if (!a || !b) return false;
  return (a.userId !== null && a.userId === b.userId) || (a.personId !== null && a.personId === b.personId);
}

/** Who acts, as far as the state machine cares. `system` is imports and demo data. */
export type TActorFacts = {
  role: TRole | 'system';
  /** The measure's responsible person, or a member of its responsible department. */
  isResponsible: boolean;
  /** The measure's responsible leader. */
  isLeader: boolean;
  /** The human behind the account (absent for the system actor). */
  identity?: TIdentity;
};

/** Who has already acted on the pending close-out request: each later step must be taken by someone else. */
export type TCloseOutChain = {
  requester: TIdentity | null;
  reviewer: TIdentity | null;
  approver: TIdentity | null;
  /** A step was skipped because the unit had too few people: the inspection office must confirm instead. */
  officeRequired: boolean;
};

/** Facts about the measure the decision depends on. */
export type TTransitionContext = {
  isSixClear: boolean;
  actor: TActorFacts;
  hasEvidence?: boolean;
  stage?: TCloseOutStage | null;
  requiresOfficeConfirmation?: boolean;
  /** A look-back of this closed measure has found it relapsed. */
  hasRelapsedLookback?: boolean;
  /** The pending request's chain so far (absent when there is none). */
  chain?: TCloseOutChain | null;
  /**
   * Whether someone other than those who already acted (the actor included) can take the next stage: a leader
   * with an account who is not the requester; a principal who is neither requester nor reviewer. Absent means yes.
   */
  available?: { leader: boolean; principal: boolean };
};

/** The outcome: the next state (and close-out stage), or a refusal with a Chinese reason for the user. */
export type TTransitionDecision =
  | { ok: true; to: TMeasureState; stage: TCloseOutStage | null; officeRequired?: boolean }
  | { ok: false; reason: string };

/** Why a step of the chain is refused to someone who already took an earlier one. */
export const SEPARATION_REASONS = {
  requesterReviews: '申请销号的人不能审核或批准自己的申请',
  reviewerApproves: '审核销号申请的人不能再批准同一申请',
  approverConfirms: '批准销号的人不能再确认同一申请',
} as const;

const OPEN_WORK: readonly TMeasureState[] = ['in_progress', 'relapsed', 'standing'];
const MANAGERS: ReadonlyArray<TRole | 'system'> = ['system', 'admin', 'coordinator', 'principal'];

const isManager = (a: TActorFacts) => MANAGERS.includes(a.role);
const worksOnIt = (a: TActorFacts) => isManager(a) || a.isLeader || a.isResponsible;

/** A refused transition. (Module-level, not per call: lists decide every action of every measure they show.) */
function refuse(reason: string): TTransitionDecision {
  return { ok: false, reason };
}

/** An allowed transition to `to`, at a close-out stage. */
function go(
  to: TMeasureState,
  stage: TCloseOutStage | null = null,
  officeRequired = false,
): TTransitionDecision {
  return { ok: true, to, stage, ...(officeRequired ? { officeRequired } : {}) };
}

/** Decides whether `action` may be applied to a measure in state `from`, by this actor, and what follows. */
export function decideTransition(
  from: TMeasureState,
  action: TMeasureAction,
  ctx: TTransitionContext,
): TTransitionDecision {
  const { actor } = ctx;
  const chain = ctx.chain ?? null;
  const officeRequired = chain?.officeRequired === true;
  const available = ctx.available ?? { leader: true, principal: true };
  const needsSix = '六个明确未齐全，不能启动整改';
  const stage = ctx.stage ?? null;
  switch (action) {
    case 'start':
      if (from !== 'not_started') return refuse('只有未启动的措施可以启动');
      if (!worksOnIt(actor))
        return refuse('只有整改联络员、第一责任人或该措施的责任领导、责任人可以启动整改');
      if (!ctx.isSixClear) return refuse(needsSix);
      return go('in_progress');
    case 'record_progress':
      if (!worksOnIt(actor)) return refuse('只有该措施的责任人、责任领导或整改联络员可以记录进展');
      if (from === 'closed') return refuse('已销号的措施不能再记录进展；如问题反弹，请通过“回头看”认定反弹');
      if (from === 'close_requested') return refuse('销号申请审核中，不能记录进展；如需补充，请先退回');
      if (from === 'not_started') return go(ctx.isSixClear ? 'in_progress' : 'not_started');
      return go(from);
    case 'request_close_out':
      if (!OPEN_WORK.includes(from)) return refuse('只有推进中、长期坚持或反弹的措施可以申请销号');
      if (!(actor.isResponsible || actor.role === 'system'))
        return refuse('只有该措施的责任人（或责任部室）可以申请销号');
      if (!ctx.isSixClear) return refuse('六个明确未齐全，不能申请销号');
      if (ctx.hasEvidence !== true) return refuse('申请销号须至少上传一份佐证材料');
      // Too few people for the chain: skip a stage nobody else can take, and require the office instead.
      if (available.leader) return go('close_requested', 'leader');
      if (available.principal) return go('close_requested', 'principal', true);
      return go('close_requested', 'office', true);
    case 'leader_review':
      if (from !== 'close_requested' || stage !== 'leader')
        return refuse('该措施没有待责任领导审核的销号申请');
      if (!reviewsStage('leader', actor)) return refuse('只有该措施的责任领导可以审核');
      if (samePerson(actor.identity, chain?.requester)) return refuse(SEPARATION_REASONS.requesterReviews);
      if (available.principal) return go('close_requested', 'principal', officeRequired);
      return go('close_requested', 'office', true);
    case 'approve_close_out':
      if (from !== 'close_requested' || stage !== 'principal')
        return refuse('该措施没有待第一责任人批准的销号申请');
      if (!reviewsStage('principal', actor)) return refuse('只有第一责任人可以批准销号');
      if (samePerson(actor.identity, chain?.requester)) return refuse(SEPARATION_REASONS.requesterReviews);
      if (samePerson(actor.identity, chain?.reviewer)) return refuse(SEPARATION_REASONS.reviewerApproves);
      return ctx.requiresOfficeConfirmation === true || officeRequired
        ? go('close_requested', 'office', officeRequired)
        : go('closed');
    case 'confirm_close_out':
      if (from !== 'close_requested' || stage !== 'office') return refuse('该措施没有待巡察办确认的销号申请');
      if (!reviewsStage('office', actor)) return refuse('只有巡察办可以确认销号');
      if (samePerson(actor.identity, chain?.requester)) return refuse(SEPARATION_REASONS.requesterReviews);
      if (samePerson(actor.identity, chain?.reviewer) || samePerson(actor.identity, chain?.approver))
        return refuse(SEPARATION_REASONS.approverConfirms);
      return go('closed');
    case 'send_back': {
      if (from !== 'close_requested' || stage === null) return refuse('只有审核中的销号申请可以退回');
      if (!reviewsStage(stage, actor)) return refuse('只有当前环节的审核人可以退回');
      if (samePerson(actor.identity, chain?.requester)) return refuse(SEPARATION_REASONS.requesterReviews);
      return go('in_progress');
    }
    case 'set_standing':
      if (from !== 'in_progress' && from !== 'not_started')
        return refuse('只有未启动或推进中的措施可以转为长期坚持');
      if (!(isManager(actor) || actor.isLeader))
        return refuse('只有整改联络员、第一责任人或责任领导可以转为长期坚持');
      if (!ctx.isSixClear) return refuse(needsSix);
      return go('standing');
    case 'relapse':
      if (from !== 'closed') return refuse('只有已销号的措施可以认定反弹');
      if (!(
        actor.role === 'system' ||
        actor.role === 'admin' ||
        actor.role === 'coordinator' ||
        actor.role === 'inspection_office'
      )) {
        return refuse('只有整改联络员或巡察办可以通过回头看认定反弹');
      }
      if (ctx.hasRelapsedLookback !== true) return refuse('认定反弹须有回头看记录');
      return go('relapsed');
  }
}

/** The actions that would succeed from `from` for this actor, for offering buttons. */
export function availableTransitions(from: TMeasureState, ctx: TTransitionContext): TMeasureAction[] {
  return MEASURE_ACTIONS.filter((a) => decideTransition(from, a, ctx).ok);
}

/** The plan's words for a change that needs an approved request once the plan is approved. */
export const PLAN_APPROVED_REASON =
  '整改方案已批准：调整完成时限或整改措施须提交延期/调整申请，经第一责任人批准';

/**
 * The one rule for every write to a measure — edit, extension decision, re-import: a closed measure is frozen, and
 * once the plan is approved its deadline and content change only through an approved request. Null when allowed.
 */
export function measureWriteRefusal(facts: {
  state: TMeasureState;
  isPlanApproved: boolean;
  changesPlan: boolean;
  isApprovedRequest?: boolean;
}): string | null {
  if (isFrozen(facts.state)) return '已销号的措施不能修改；如问题反弹，请通过“回头看”认定反弹后再调整';
  if (facts.changesPlan && facts.isPlanApproved && facts.isApprovedRequest !== true)
    return PLAN_APPROVED_REASON;
  return null;
}

/**
 * What becomes of a pending close-out request when the measure's responsible person or leader changes: the
 * request is void (its reviewers were chosen for other people) and the measure returns to work.
 */
export function afterReassignment(from: TMeasureState): TMeasureState {
  return from === 'close_requested' ? 'in_progress' : from;
}

/**
 * A measure awaiting a decision on its close-out request: the state a pending request puts it in (and the only one
 * with a pending request), so close-out stages are read only for measures in it.
 */
export function awaitsCloseOutDecision(state: TMeasureState): boolean {
  return state === 'close_requested';
}

/** Facts of the system actor (imports, demo data). */
export const SYSTEM_FACTS: TActorFacts = { role: 'system', isResponsible: true, isLeader: true };

/** A closed measure is frozen: no edits, no evidence, no extension requests, no import changes until a look-back reopens it. */
export function isFrozen(state: TMeasureState): boolean {
  return state === 'closed';
}
