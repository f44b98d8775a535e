/** Adds a measure to a problem. */
import { loadInspectionFor } from '../inspections/load-inspection.ts';
import type { Kysely } from 'kysely';
import type { TCreateMeasureRequest } from '@shared/api.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { can } from '../../policies/policy.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { getProblem } from '../../repositories/inspection.repository.ts';
import { getMeasure, insertMeasure, nextMeasureOrdinal } from '../../repositories/measure.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { checkAssignees, measureSnapshot } from './measure-snapshot.ts';

/** Options for `createMeasure`. */
export type TCreateMeasureOptions = {
  db: Kysely<Database>;
  actor: TActor;
  problemId: number;
  input: TCreateMeasureRequest;
};

/** Creates a measure in state 未启动 (it starts when its six clarities are set and work begins). */
export async function createMeasure({ db, actor, problemId, input }: TCreateMeasureOptions): Promise<number> {
  return inTransaction(db, async (trx) => {
    const problem = await getProblem(trx, problemId, actor.scope);
    if (!problem) throw new AppError('NOT_FOUND', '反馈问题不存在');
    if (!can(actor, 'measure.create', { unitId: problem.unit_id }))
      throw new AppError('FORBIDDEN', '没有新增整改措施的权限');
    // Through the inspection's door: an archived ledger takes no new measure, one being deleted is waited for.
    await loadInspectionFor(trx, actor, problem.inspection_id, { write: true });
    await checkAssignees(trx, problem.unit_id, input);
    const at = nowIso();
    const id = await insertMeasure(trx, {
      inspection_id: problem.inspection_id,
      problem_id: problemId,
      ordinal: await nextMeasureOrdinal(trx, problemId),
      task: input.task && input.task !== '' ? input.task : problem.title,
      content: input.content,
      department_id: input.departmentId,
      leader_id: input.leaderId,
      person_id: input.personId,
      deadline: input.isStanding ? null : input.deadline,
      is_standing: input.isStanding ? 1 : 0,
      check_interval_days: input.checkIntervalDays,
      goal: input.goal === '' ? null : input.goal,
      done_criteria: input.doneCriteria === '' ? null : input.doneCriteria,
      state: 'not_started',
      progress: null,
      is_demo: 0,
      created_at: at,
      created_by: actor.userId,
      updated_at: at,
      updated_by: actor.userId,
    });
    const row = await getMeasure(trx, id, actor.scope);
    await appendAudit(trx, {
      kind: 'measure.created',
      ...auditActor(actor),
      objectType: 'measure',
      objectId: id,
      unitId: problem.unit_id,
      after: row ? measureSnapshot(row) : undefined,
      at,
    });
    return id;
  });
}
