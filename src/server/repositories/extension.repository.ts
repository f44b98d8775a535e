/** Requests to extend a deadline or change a measure after the plan was approved (延期/调整申请). */
import type { Insertable, Kysely } from 'kysely';
import type { Database, ExtensionRequestTable } from '../db/schema.ts';

type Db = Kysely<Database>;

/** The pending request of a measure, if any. */
export async function pendingExtension(db: Db, measureId: number) {
  return db
    .selectFrom('extension_requests')
    .selectAll()
    .where('measure_id', '=', measureId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

/** A request by id. */
export async function getExtension(db: Db, id: number) {
  return db.selectFrom('extension_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts a request and returns its id. */
export async function insertExtension(db: Db, r: Insertable<ExtensionRequestTable>): Promise<number> {
  const row = await db.insertInto('extension_requests').values(r).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Decides a request if it is still pending; false when another decision came first. */
export async function decideExtensionIfPending(
  db: Db,
  id: number,
  d: { status: 'approved' | 'rejected'; decidedBy: number | null; at: string; note: string | null },
): Promise<boolean> {
  const r = await db
    .updateTable('extension_requests')
    .set({ status: d.status, decided_by: d.decidedBy, decided_at: d.at, decision_note: d.note })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
