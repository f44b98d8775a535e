/** Adds a comment to a measure (the one write discipline supervisors have); the responsible side is told. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { TActor } from '../../policies/actor.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { insertComment } from '../../repositories/measure.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { noticeComment } from './handoff-notices.ts';
import { loadMeasureFor } from './measure-snapshot.ts';

/** Returns the comment's id. */
export async function commentMeasure({
  db,
  actor,
  measureId,
  text,
}: {
  db: Kysely<Database>;
  actor: TActor;
  measureId: number;
  text: string;
}): Promise<number> {
  return inTransaction(db, async (trx) => {
    const m = await loadMeasureFor(trx, actor, measureId, 'measure.comment');
    const at = nowIso();
    const id = await insertComment(trx, {
      measure_id: measureId,
      author_id: actor.userId,
      text,
      created_at: at,
    });
    await appendAudit(trx, {
      kind: 'measure.commented',
      ...auditActor(actor),
      objectType: 'measure',
      objectId: measureId,
      unitId: m.unit_id,
      after: { text },
      at,
    });
    await noticeComment(trx, actor, m, text, at);
    return id;
  });
}
