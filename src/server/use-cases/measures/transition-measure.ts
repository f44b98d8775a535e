/**
 * Applies a state transition decided by the shared state machine and records who, when and why — including each
 * step of the close-out chain (销号): request (with evidence and a summary), leader review, principal approval,
 * inspection-office confirmation, or sending back with a reason. An approval records the measure's version and
 * evidence hashes; a step is refused when either changed after the request.
 */
import type { Kysely } from 'kysely';

import {
  decideTransition,
  isApprovalCurrent,
  MEASURE_ACTION_LABELS,
  type TMeasureAction,
} from '@shared/measure-state.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';

import {
  evidenceHashes,
  insertCloseOutRequest,
  pendingCloseOut,
  updateCloseOutRequest,
} from '../../repositories/close-out.repository.ts';

import { inTransaction, nowIso } from '../transaction.ts';
import { applyTransition } from './apply-transition.ts';
import { noticeCloseOutOutcome, noticeCloseOutStage } from './handoff-notices.ts';
import { loadMeasureFor } from './measure-snapshot.ts';
import { transitionContext } from './transition-context.ts';

/** Options for `transitionMeasure`. */
export type TTransitionOptions = {
  db: Kysely<Database>;
  actor: TActor;
  measureId: number;
  action: TMeasureAction;
  /** Why (required to send back); the summary of a close-out request. */
  reason: string | null;
  version: number;
};

/** Moves the measure as the machine decides; 422 with the machine's reason when refused. Returns the new version. */
export async function transitionMeasure({
  db,
  actor,
  measureId,
  action,
  reason,
  version,
}: TTransitionOptions): Promise<number> {
  return inTransaction(db, async (trx) => {
    const m = await loadMeasureFor(trx, actor, measureId, 'measure.transition', version);
    const from = m.state;
    const ctx = await transitionContext(trx, actor, m, action);
    const decision = decideTransition(from, action, ctx);
    if (!decision.ok) throw new AppError('UNPROCESSABLE', decision.reason);
    const at = nowIso();
    const text = reason?.trim() ?? '';
    if (action === 'send_back' && text === '') throw new AppError('UNPROCESSABLE', '退回须说明理由');
    if (action === 'request_close_out' && text === '')
      throw new AppError('UNPROCESSABLE', '申请销号须填写整改完成情况说明');

    const pending = await pendingCloseOut(trx, measureId);
    const hashes = await evidenceHashes(trx, measureId);
    if (pending && action !== 'send_back') {
      const isCurrent = isApprovalCurrent(
        { measureVersion: pending.measure_version, evidenceHashes: pending.evidence_hashes },
        { version: m.version, evidenceHashes: hashes },
      );
      if (!isCurrent)
        throw new AppError(
          'UNPROCESSABLE',
          '销号申请提交后，措施内容或佐证材料已有变化，原审核不再有效：请退回后重新申请',
        );
    }

    // The opinion of a reviewer, approver or confirmer (optional when agreeing; sending back requires a reason).
    const opinion = text === '' ? null : text;
    // The version the measure will have once the step is applied: what an approval records.
    const newVersion = decision.to !== from ? m.version + 1 : m.version;
    switch (action) {
      case 'request_close_out':
        await insertCloseOutRequest(trx, {
          measure_id: measureId,
          stage: decision.stage ?? 'leader',
          summary: text,
          measure_version: newVersion,
          evidence_hashes: JSON.stringify(hashes),
          requested_by: actor.userId,
          request_person_id: actor.personId,
          requested_at: at,
          office_required: decision.officeRequired === true ? 1 : 0,
          leader_reviewed_by: null,
          leader_reviewed_at: null,
          approved_by: null,
          approved_at: null,
          confirmed_by: null,
          confirmed_at: null,
          outcome: 'pending',
          reason: null,
        });
        break;
      case 'leader_review':
        await updateCloseOutRequest(trx, pending?.id ?? 0, {
          stage: decision.stage ?? 'principal',
          leader_reviewed_by: actor.userId,
          leader_person_id: actor.personId,
          leader_reviewed_at: at,
          leader_opinion: opinion,
          ...(decision.officeRequired === true ? { office_required: 1 } : {}),
        });
        break;
      case 'approve_close_out':
        await updateCloseOutRequest(trx, pending?.id ?? 0, {
          approved_by: actor.userId,
          approver_person_id: actor.personId,
          approved_at: at,
          approval_opinion: opinion,
          ...(decision.to === 'closed'
            ? { outcome: 'approved', measure_version: newVersion }
            : { stage: 'office' }),
        });
        break;
      case 'confirm_close_out':
        await updateCloseOutRequest(trx, pending?.id ?? 0, {
          confirmed_by: actor.userId,
          confirmer_person_id: actor.personId,
          confirmed_at: at,
          confirmation_opinion: opinion,
          outcome: 'approved',
          measure_version: newVersion,
        });
        break;
      case 'send_back':
        await updateCloseOutRequest(trx, pending?.id ?? 0, { outcome: 'sent_back', reason: text });
        break;
      case 'start':
      case 'record_progress':
      case 'set_standing':
      case 'relapse':
        break;
    }
    // Whoever the step hands work to is told.
    const closed = decision.to === 'closed';
    if (action === 'request_close_out')
      await noticeCloseOutStage(trx, actor, m, decision.stage ?? 'leader', at);
    if (action === 'leader_review')
      await noticeCloseOutStage(trx, actor, m, decision.stage ?? 'principal', at);
    if (action === 'approve_close_out' && !closed) await noticeCloseOutStage(trx, actor, m, 'office', at);
    if ((action === 'approve_close_out' || action === 'confirm_close_out') && closed)
      await noticeCloseOutOutcome(trx, actor, m, pending?.requested_by ?? null, { approved: true }, at);
    if (action === 'send_back')
      await noticeCloseOutOutcome(
        trx,
        actor,
        m,
        pending?.requested_by ?? null,
        { approved: false, reason: text },
        at,
      );
    return applyTransition(trx, actor, m, {
      action,
      from,
      to: decision.to,
      reason: text === '' ? null : text,
      recordUnchanged: true,
      audit: {
        kind: 'measure.transitioned',
        before: { state: from, stage: pending?.stage ?? null },
        after: {
          state: decision.to,
          stage: decision.stage,
          action: MEASURE_ACTION_LABELS[action],
          reason: text === '' ? null : text,
          ...(action === 'request_close_out' ? { evidence: hashes } : {}),
        },
      },
      at,
    });
  });
}
