/**
 * Batch actions on measures chosen in the search (措施查询): reassign (another department, leader or responsible
 * person) and remind (催办). Each goes measure by measure through the same checks as a single action — the actor's
 * permission on that measure's unit, its version, the audit entry — in one transaction: all or nothing.
 */
import type { Kysely } from 'kysely';
import type { TBatchReassignRequest, TBatchRemindRequest, TBatchResult } from '@shared/api.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { insertNotifications } from '../../repositories/notification.repository.ts';
import { activeUsersOf } from '../../repositories/user.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { shortText } from './handoff-notices.ts';
import { loadMeasureFor } from './measure-snapshot.ts';
import { updateMeasure } from './update-measure.ts';

/**
 * Runs `step` for each item in the order of the measures' ids — so two batches over the same measures take their
 * rows in the same order and one waits for the other instead of each holding what the other needs (a deadlock on
 * PostgreSQL) — and an error names the measure by its place in the user's own selection and refuses the batch.
 */
async function eachMeasure<T>(
  items: readonly T[],
  idOf: (item: T) => number,
  step: (item: T) => Promise<void>,
): Promise<void> {
  const inIdOrder = [...items.entries()].sort(([, a], [, b]) => idOf(a) - idOf(b));
  for (const [index, item] of inIdOrder) {
    try {
      await step(item);
    } catch (error) {
      if (error instanceof AppError)
        throw new AppError(
          error.code,
          `所选第 ${index + 1} 条措施：${error.message}（本次批量操作未做任何修改）`,
          {
            ...error.details,
            index,
          },
        );
      throw error;
    }
  }
}

/** Gives every chosen measure the sent department, leader or person, at the versions the user saw. */
export async function reassignMeasures(
  db: Kysely<Database>,
  actor: TActor,
  input: TBatchReassignRequest,
): Promise<TBatchResult> {
  const owners = {
    ...(input.departmentId !== undefined ? { departmentId: input.departmentId } : {}),
    ...(input.leaderId !== undefined ? { leaderId: input.leaderId } : {}),
    ...(input.personId !== undefined ? { personId: input.personId } : {}),
  };
  await inTransaction(db, (trx) =>
    eachMeasure(
      input.items,
      (item) => item.id,
      async (item) => {
        await updateMeasure({
          db: trx,
          actor,
          measureId: item.id,
          input: { version: item.version, ...owners },
        });
      },
    ),
  );
  return { measures: input.items.length, messages: 0, unreachable: [] };
}

/**
 * 催办: a message now to the accounts of each chosen measure's responsible person and leader (or, with neither,
 * its department), recorded in the audit trail of the measure with how many it reached. A closed measure is not
 * reminded; a measure nobody can receive a message for is answered as unreachable.
 */
export async function remindMeasures(
  db: Kysely<Database>,
  actor: TActor,
  input: TBatchRemindRequest,
): Promise<TBatchResult> {
  const ids = [...new Set(input.ids)];
  const at = nowIso();
  let messages = 0;
  const unreachable: number[] = [];
  await inTransaction(db, (trx) =>
    eachMeasure(
      ids,
      (id) => id,
      async (id) => {
        const m = await loadMeasureFor(trx, actor, id, 'measure.remind');
        if (m.state === 'closed') throw new AppError('UNPROCESSABLE', '该措施已销号，无需催办');
        const people = [m.person_id, m.leader_id].filter((p): p is number => p !== null);
        const recipients = (
          await activeUsersOf(trx, {
            personIds: people,
            departmentId: people.length === 0 ? m.department_id : null,
          })
        ).filter((userId) => userId !== actor.userId);
        const deadline = m.deadline === null ? '' : `（完成时限 ${m.deadline}）`;
        const note = input.note === undefined || input.note === '' ? '' : `：${input.note}`;
        const text = `【催办】请加快推进整改措施“${shortText(m.content)}”${deadline}${note}`;
        if (recipients.length === 0) unreachable.push(id);
        await insertNotifications(
          trx,
          recipients.map((userId) => ({
            user_id: userId,
            text,
            measure_id: id,
            created_at: at,
            read_at: null,
          })),
        );
        messages += recipients.length;
        await appendAudit(trx, {
          kind: 'measure.reminded',
          ...auditActor(actor),
          objectType: 'measure',
          objectId: id,
          unitId: m.unit_id,
          after: { recipients: recipients.length, note: input.note ?? null },
          at,
        });
      },
    ),
  );
  return { measures: ids.length, messages, unreachable };
}
