/** Reading the audit trail for verification and checkpoints (appending is audit.repository.ts). */
import type { Kysely } from 'kysely';
import type { AuditEventTable, AuditHeadTable, Database } from '../db/schema.ts';
import type { Selectable } from 'kysely';

type Db = Kysely<Database>;

/** Number of entries. */
export async function countAuditEvents(db: Db): Promise<number> {
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The sequence number of the first entry that carries a signature, if any. */
export async function firstSignedSeq(db: Db): Promise<number | undefined> {
  const row = await db
    .selectFrom('audit_events')
    .select('seq')
    .where('mac', 'is not', null)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  return row?.seq;
}

/** Entries in chain order (seq, then id) after the given one, at most `limit`. */
export async function auditEventsPage(
  db: Db,
  after: { seq: number; id: number } | null,
  limit: number,
): Promise<Selectable<AuditEventTable>[]> {
  let q = db.selectFrom('audit_events').selectAll();
  if (after)
    q = q.where((eb) =>
      eb.or([eb('seq', '>', after.seq), eb.and([eb('seq', '=', after.seq), eb('id', '>', after.id)])]),
    );
  return q.orderBy('seq').orderBy('id').limit(limit).execute();
}

/** The head of the chain (last sequence number and hash), if any entry was ever written. */
export async function readAuditHead(db: Db): Promise<Selectable<AuditHeadTable> | undefined> {
  return db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
}

/** Whether the database holds accounts or ledgers (then an empty trail means it was emptied). */
export async function holdsBusinessData(db: Db): Promise<boolean> {
  const user = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  const ledger = await db.selectFrom('inspections').select('id').limit(1).executeTakeFirst();
  return user !== undefined || ledger !== undefined;
}
