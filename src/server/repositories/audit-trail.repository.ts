/** Reading the audit trail for verification and checkpoints (appending is audit.repository.ts). */
import { type Kysely, sql } from 'kysely';
import type { AuditEventRow, AuditHeadTable, Database } from '../db/schema.ts';
import type { Selectable } from 'kysely';
import { preparedQuery } from './prepared.ts';
import { inScope, type TUnitScope } from './scope.ts';

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
): Promise<AuditEventRow[]> {
  let q = db.selectFrom('audit_events').selectAll();
  if (after)
    q = q.where((eb) =>
      eb.or([eb('seq', '>', after.seq), eb.and([eb('seq', '=', after.seq), eb('id', '>', after.id)])]),
    );
  return q.orderBy('seq').orderBy('id').limit(limit).execute();
}

/** The head of the chain (last sequence number and hash), if any entry was ever written. */
export async function readAuditHead(db: Db): Promise<Selectable<AuditHeadTable> | undefined> {
  return (await auditHead(db, { id: 1 }))[0];
}

/** The chain's head: read by every kept figure (its version), so built once. */
const auditHead = preparedQuery((db: Db, v: { id: number }) =>
  db.selectFrom('audit_head').selectAll().where('id', '=', v.id),
);

/** Whether the database holds accounts or ledgers (then an empty trail means it was emptied). */
export async function holdsBusinessData(db: Db): Promise<boolean> {
  const user = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  const ledger = await db.selectFrom('inspections').select('id').limit(1).executeTakeFirst();
  return user !== undefined || ledger !== undefined;
}

/** What the audit page filters by. */
export type TAuditFilter = {
  actor?: string;
  kind?: string;
  objectType?: string;
  objectId?: number;
  from?: string;
  to?: string;
};

function filtered(db: Db, scope: TUnitScope, q: TAuditFilter) {
  // Entries about no unit (e.g. a global administrator's login) are for global readers only.
  let query = db.selectFrom('audit_events').selectAll().where(inScope('audit_events.unit_id', scope));
  if (q.actor) query = query.where('actor_label', 'like', `%${q.actor.replace(/[%_\\]/g, '')}%`);
  if (q.kind) query = query.where('kind', '=', q.kind);
  if (q.objectType) query = query.where('object_type', '=', q.objectType);
  if (q.objectId !== undefined) query = query.where('object_id', '=', q.objectId);
  if (q.from) query = query.where('at', '>=', `${q.from}T00:00:00`);
  if (q.to) query = query.where('at', '<=', `${q.to}T23:59:59.999Z`);
  return query;
}

/**
 * What people know an entry's object and actor by, looked up by the database for the rows returned only: the
 * measure's problem number and first words, the person's or unit's name, the opinion's code, the account's name.
 */
function named(query: ReturnType<typeof filtered>) {
  return query.select([
    sql<string | null>`case audit_events.object_type
      when 'measure' then (select np.number || '-' || nm.ordinal || ' ' || substr(nm.content, 1, 40)
        from measures nm join problems np on np.id = nm.problem_id where nm.id = audit_events.object_id)
      when 'inspection' then (select ni.title from inspections ni where ni.id = audit_events.object_id)
      when 'person' then (select npp.name from people npp where npp.id = audit_events.object_id)
      when 'unit' then (select nu.name from units nu where nu.id = audit_events.object_id)
      when 'department' then (select nd.name from departments nd where nd.id = audit_events.object_id)
      when 'user' then (select nuu.display_name from users nuu where nuu.id = audit_events.object_id)
      when 'opinion' then (select nop.code from opinions nop where nop.id = audit_events.object_id)
      else null end`.as('object_name'),
    sql<string | null>`(select na.display_name from users na where na.id = audit_events.actor_id)`.as(
      'actor_name',
    ),
  ]);
}
export type TNamedAuditRow = AuditEventRow & { object_name: string | null; actor_name: string | null };

/** One page of matching entries, newest first, and how many match. */
export async function searchAudit(
  db: Db,
  scope: TUnitScope,
  q: TAuditFilter,
  page: { page: number; pageSize: number },
): Promise<{ total: number; rows: TNamedAuditRow[] }> {
  const total = await filtered(db, scope, q)
    .clearSelect()
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await named(filtered(db, scope, q))
    .orderBy('seq', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { total: Number(total.n), rows };
}

/** Matching entries oldest first, at most `limit` (the CSV export). */
export async function auditForExport(
  db: Db,
  scope: TUnitScope,
  q: TAuditFilter,
  limit: number,
): Promise<TNamedAuditRow[]> {
  return named(filtered(db, scope, q))
    .orderBy('seq')
    .limit(limit)
    .execute();
}
