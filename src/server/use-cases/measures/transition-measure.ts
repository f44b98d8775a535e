/** Applies a state transition decided by the shared state machine and records who, when and why. */
import type { Kysely } from 'kysely';
import type { TMeasureState } from '@shared/domain.ts';
import { decideTransition, type TMeasureAction } from '@shared/measure-state.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { insertTransition, updateMeasureAtVersion } from '../../repositories/measure.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { loadMeasureFor, rowIsSixClear } from './measure-snapshot.ts';

/** Options for `transitionMeasure`. */
export type TTransitionOptions = {
  db: Kysely<Database>;
  actor: TActor;
  measureId: number;
  action: TMeasureAction;
  reason: string | null;
  version: number;
};

/** Moves the measure to the state the machine decides; 422 with the machine's reason when refused. */
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
    const from = m.state as TMeasureState;
    const decision = decideTransition(from, action, { isSixClear: rowIsSixClear(m) });
    if (!decision.ok) throw new AppError('UNPROCESSABLE', decision.reason);
    const at = nowIso();
    const patch = {
      state: decision.to,
      updated_at: at,
      updated_by: actor.userId,
      ...(decision.to === 'standing' ? { is_standing: 1 } : {}),
    };
    if (!(await updateMeasureAtVersion(trx, measureId, m.version, patch)))
      throw new AppError('CONFLICT', '该措施已被他人修改，请刷新后重试');
    await insertTransition(trx, {
      measure_id: measureId,
      action,
      from_state: from,
      to_state: decision.to,
      reason,
      actor_id: actor.userId,
      at,
    });
    await appendAudit(trx, {
      kind: 'measure.transitioned',
      ...auditActor(actor),
      objectType: 'measure',
      objectId: measureId,
      unitId: m.unit_id,
      before: { state: from },
      after: { state: decision.to, action, reason },
      at,
    });
    return m.version + 1;
  });
}
