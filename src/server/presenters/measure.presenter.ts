/** Presents measures: the fields that leave the server, the colour, missing clarities and allowed actions. */
import type { TMeasurePermission, TMeasureView } from '@shared/api.ts';

import {
  availableTransitions,
  isFrozen,
  isUserTransition,
  measureWriteRefusal,
  type TCloseOutChain,
  type TCloseOutStage,
} from '@shared/measure-state.ts';
import { daysBetween } from '@shared/chinese.ts';
import { missingClarities } from '@shared/six-clarities.ts';
import { warningColour } from '@shared/warning.ts';
import type { MeasureRow } from '../db/schema.ts';
import { sixClaritiesOf } from '../repositories/measure.repository.ts';
import type { TUnitDirectory } from '../repositories/unit.repository.ts';
import { actorFacts, type TActor } from '../policies/actor.ts';
import { can, measureObject } from '../policies/policy.ts';

/** Names looked up once per request. */
export type TNameLookups = Pick<TUnitDirectory, 'departmentName' | 'personName'>;

/** Close-out facts of a measure (evidence, pending stage, office confirmation). */
export type TCloseOutFacts = (measureId: number) => {
  hasEvidence: boolean;
  stage: TCloseOutStage | null;
  chain: TCloseOutChain | null;
  requiresOfficeConfirmation: boolean;
  lastProgressDate: string | null;
};

/** Context of a presentation. */
export type TPresentContext = {
  actor: TActor;
  unitId: number;
  today: string;
  yellowDays: number;
  names: TNameLookups;
  closeOut: TCloseOutFacts;
  /** The inspection's plan is approved: deadlines and contents change only by approved request. */
  isPlanApproved: boolean;
  /** The ledger is archived: the measure is shown, nothing may be done on it. */
  isArchived?: boolean;
};

/** The measure as the UI sees it. */
export function presentMeasure(m: MeasureRow, ctx: TPresentContext): TMeasureView {
  const state = m.state;
  const missing = missingClarities(sixClaritiesOf(m));
  const object = measureObject(ctx.unitId, m);
  const allowed: TMeasurePermission[] = [];
  if (!isFrozen(state) && can(ctx.actor, 'measure.update', object)) {
    allowed.push('update');
    // The same rule the server applies to a write that changes the plan.
    if (measureWriteRefusal({ state, isPlanApproved: ctx.isPlanApproved, changesPlan: true }) === null)
      allowed.push('update_plan');
  }
  const facts = ctx.closeOut(m.id);
  const transitions = availableTransitions(state, {
    isSixClear: missing.length === 0,
    actor: actorFacts(ctx.actor, m),
    hasEvidence: facts.hasEvidence,
    stage: facts.stage,
    chain: facts.chain,
    requiresOfficeConfirmation: facts.requiresOfficeConfirmation,
  });
  if (transitions.includes('record_progress') && can(ctx.actor, 'measure.record_progress', object))
    allowed.push('record_progress');
  if (can(ctx.actor, 'measure.transition', object)) {
    for (const t of transitions) if (isUserTransition(t)) allowed.push(t);
  }
  if (ctx.isArchived === true) allowed.length = 0;
  return {
    id: m.id,
    problemId: m.problem_id,
    ordinal: m.ordinal,
    task: m.task,
    content: m.content,
    departmentId: m.department_id,
    departmentName: ctx.names.departmentName(m.department_id),
    leaderId: m.leader_id,
    leaderName: ctx.names.personName(m.leader_id),
    personId: m.person_id,
    personName: ctx.names.personName(m.person_id),
    deadline: m.deadline,
    isStanding: m.is_standing === 1,
    state,
    colour: warningColour(
      {
        state,
        deadline: m.deadline,
        isStanding: m.is_standing === 1,
        checkIntervalDays: m.check_interval_days,
        lastProgressDate: facts.lastProgressDate,
      },
      ctx.today,
      ctx.yellowDays,
    ),
    missing,
    progress: m.progress,
    isDemo: m.is_demo === 1,
    version: m.version,
    updatedAt: m.updated_at,
    allowed,
    closeOutStage: facts.stage,
    originalDeadline: m.original_deadline,
    checkIntervalDays: m.check_interval_days,
    goal: m.goal,
    doneCriteria: m.done_criteria,
    hasEvidence: facts.hasEvidence,
    overdueDays: overdueDays(m, ctx.today),
  };
}

/** Days past the deadline of open work with a deadline, else null. */
export function overdueDays(
  m: { state: string; is_standing: number; deadline: string | null },
  today: string,
): number | null {
  if (m.state === 'closed' || m.state === 'standing' || m.is_standing === 1 || m.deadline === null)
    return null;
  const days = daysBetween(m.deadline, today);
  return days > 0 ? days : null;
}
