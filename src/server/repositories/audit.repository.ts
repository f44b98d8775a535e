/** The audit trail: append-only. There is no update or delete here, on purpose. */
import { type Kysely, PostgresAdapter } from 'kysely';
import { entryHash, entryMac, GENESIS_HASH } from '../audit/audit-chain.ts';
import type { TAuditKind } from '@shared/audit.ts';
import type { Database } from '../db/schema.ts';

/** One entry: who did what to which object, with the changed fields before and after. */
export type TAuditEntry = {
  kind: TAuditKind;
  actorId: number | null;
  actorLabel: string;
  ip: string | null;
  objectType: string;
  objectId: number | null;
  unitId: number | null;
  before?: unknown;
  after?: unknown;
  at: string;
};

/** The who-fields of an entry, from the acting user or system. */
export function auditActor(actor: {
  userId: number | null;
  label: string;
  ip: string | null;
}): Pick<TAuditEntry, 'actorId' | 'actorLabel' | 'ip'> {
  return { actorId: actor.userId, actorLabel: actor.label, ip: actor.ip };
}

/**
 * Appends an entry, chained to the one before: the head row is locked (PostgreSQL) so concurrent writers queue;
 * on SQLite writes are serialised by the database. Call inside the transaction of the write it records.
 */
export async function appendAudit(db: Kysely<Database>, e: TAuditEntry): Promise<void> {
  const append = async (trx: Kysely<Database>) => {
    const isPostgres = trx.getExecutor().adapter instanceof PostgresAdapter;
    const headQuery = trx.selectFrom('audit_head').selectAll().where('id', '=', 1);
    const head = await (isPostgres ? headQuery.forUpdate() : headQuery).executeTakeFirst();
    const fields = {
      seq: (head?.last_seq ?? 0) + 1,
      at: e.at,
      actor_id: e.actorId,
      actor_label: e.actorLabel,
      ip: e.ip,
      kind: e.kind,
      object_type: e.objectType,
      object_id: e.objectId,
      unit_id: e.unitId,
      before_json: e.before === undefined ? null : JSON.stringify(e.before),
      after_json: e.after === undefined ? null : JSON.stringify(e.after),
    };
    const prevHash = head?.last_hash ?? GENESIS_HASH;
    const hash = entryHash(fields, prevHash);
    await trx
      .insertInto('audit_events')
      .values({ ...fields, prev_hash: prevHash, hash, mac: entryMac(hash) })
      .execute();
    if (head)
      await trx
        .updateTable('audit_head')
        .set({ last_seq: fields.seq, last_hash: hash })
        .where('id', '=', 1)
        .execute();
    else
      await trx.insertInto('audit_head').values({ id: 1, last_seq: fields.seq, last_hash: hash }).execute();
  };
  if (db.isTransaction) await append(db);
  else await db.transaction().execute(append);
}

/** Entries about one object, oldest first (for tests and the measure timeline). */
export async function listAuditFor(db: Kysely<Database>, objectType: string, objectId: number) {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('object_type', '=', objectType)
    .where('object_id', '=', objectId)
    .orderBy('id')
    .execute();
}
