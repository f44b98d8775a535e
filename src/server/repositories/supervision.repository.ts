/**
 * Supervision orders (督办单). Every read is limited to the actor's unit scope in SQL; lists are filtered, counted
 * and paged by the database (indexes: unit + status, status + reply deadline, items and replies by order).
 */
import { type Insertable, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { TSupervisionStatus } from '@shared/supervision.ts';
import type {
  Database,
  SupervisionInterviewTable,
  SupervisionOrderItemTable,
  SupervisionOrderTable,
  SupervisionReplyTable,
} from '../db/schema.ts';
import { inScope, pathEnd, type TUnitScope } from './scope.ts';

type Db = Kysely<Database>;

/** The chosen measures that lie in the scope, with their unit, inspection and problem. */
export async function measureTargetsInScope(db: Db, scope: TUnitScope, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('measures')
    .innerJoin('inspections', 'inspections.id', 'measures.inspection_id')
    .select([
      'measures.id as measure_id',
      'measures.problem_id',
      'measures.inspection_id',
      'measures.state',
      'inspections.unit_id',
    ])
    .where('measures.id', 'in', ids)
    .where(inScope('inspections.unit_id', scope))
    .execute();
}

/** The chosen problems that lie in the scope, with their unit and inspection. */
export async function problemTargetsInScope(db: Db, scope: TUnitScope, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('problems')
    .innerJoin('inspections', 'inspections.id', 'problems.inspection_id')
    .select(['problems.id as problem_id', 'problems.inspection_id', 'inspections.unit_id'])
    .where('problems.id', 'in', ids)
    .where(inScope('inspections.unit_id', scope))
    .execute();
}

/** Inserts an order with its items; returns its id. */
export async function insertOrder(
  db: Db,
  order: Insertable<SupervisionOrderTable>,
  items: Array<Omit<Insertable<SupervisionOrderItemTable>, 'order_id'>>,
): Promise<number> {
  const { id } = await db
    .insertInto('supervision_orders')
    .values(order)
    .returning('id')
    .executeTakeFirstOrThrow();
  if (items.length > 0)
    await db
      .insertInto('supervision_order_items')
      .values(items.map((i) => ({ ...i, order_id: id })))
      .execute();
  return id;
}

/** Orders in the scope with their unit's and issuer's names and how many items and interviews they have. */
function ordersInScope(db: Db, scope: TUnitScope) {
  return db
    .selectFrom('supervision_orders')
    .innerJoin('units', 'units.id', 'supervision_orders.unit_id')
    .leftJoin('users as issuer', 'issuer.id', 'supervision_orders.issued_by')
    .selectAll('supervision_orders')
    .select(['units.name as unit_name', 'issuer.display_name as issuer_name'])
    .select((eb) => [
      eb
        .selectFrom('supervision_order_items')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('supervision_order_items.order_id', '=', 'supervision_orders.id')
        .as('item_count'),
      eb
        .selectFrom('supervision_interviews')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('supervision_interviews.order_id', '=', 'supervision_orders.id')
        .as('interview_count'),
    ])
    .where(inScope('units.id', scope));
}

/** An order in the scope (undefined for another unit's: the caller answers 404). */
export async function getOrder(db: Db, id: number, scope: TUnitScope) {
  return ordersInScope(db, scope).where('supervision_orders.id', '=', id).executeTakeFirst();
}
export type TOrderRow = NonNullable<Awaited<ReturnType<typeof getOrder>>>;

/** Filters of the list. */
export type TOrderFilters = {
  /** A status, or `open`: not yet closed. */
  status?: TSupervisionStatus | 'open' | undefined;
  /** The path of a unit: that unit and every unit below it. */
  unitPath?: string | undefined;
  /** Waiting for a reply past the deadline (true) or not (false), as of `today`. */
  overdue?: boolean | undefined;
  today: string;
};

/** The filters as SQL conditions on `supervision_orders` joined to `units`. */
function filterConditions(f: TOrderFilters): Array<RawBuilder<SqlBool>> {
  const conditions: Array<RawBuilder<SqlBool>> = [];
  if (f.status === 'open') conditions.push(sql<SqlBool>`supervision_orders.status <> 'closed'`);
  else if (f.status !== undefined) conditions.push(sql<SqlBool>`supervision_orders.status = ${f.status}`);
  if (f.unitPath !== undefined)
    conditions.push(sql<SqlBool>`(units.path >= ${f.unitPath} and units.path < ${pathEnd(f.unitPath)})`);
  if (f.overdue !== undefined) {
    const overdue = sql<SqlBool>`(supervision_orders.status = 'awaiting_reply' and supervision_orders.reply_deadline < ${f.today})`;
    conditions.push(f.overdue ? overdue : sql<SqlBool>`not ${overdue}`);
  }
  return conditions;
}

/** One page of the orders in scope, newest first, with the total. */
export async function listOrders(
  db: Db,
  scope: TUnitScope,
  f: TOrderFilters,
  page: { offset: number; limit: number },
): Promise<{ total: number; rows: TOrderRow[] }> {
  const conditions = filterConditions(f);
  let counted = db
    .selectFrom('supervision_orders')
    .innerJoin('units', 'units.id', 'supervision_orders.unit_id')
    .where(inScope('units.id', scope));
  let listed = ordersInScope(db, scope);
  for (const c of conditions) {
    counted = counted.where(c);
    listed = listed.where(c);
  }
  const { total } = await counted
    .select((eb) => eb.fn.countAll<number | string>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await listed
    .orderBy('supervision_orders.id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return { total: Number(total), rows };
}

/** What an order is about, with the names a reader needs. */
export async function orderTargets(db: Db, orderId: number) {
  return db
    .selectFrom('supervision_order_items as i')
    .innerJoin('inspections', 'inspections.id', 'i.inspection_id')
    .leftJoin('measures', 'measures.id', 'i.measure_id')
    .innerJoin('problems', (j) =>
      j.on(sql<SqlBool>`problems.id = coalesce(i.problem_id, measures.problem_id)`),
    )
    .select([
      'i.id',
      'i.inspection_id',
      'inspections.title as inspection_title',
      'problems.id as problem_id',
      'problems.number as problem_number',
      'problems.title as problem_title',
      'i.measure_id',
      'measures.content as measure_content',
      'measures.state as measure_state',
    ])
    .where('i.order_id', '=', orderId)
    .orderBy('i.id')
    .execute();
}

/** The replies of an order, oldest first, with the names of who wrote and decided them. */
export async function orderReplies(db: Db, orderId: number) {
  return db
    .selectFrom('supervision_replies as r')
    .leftJoin('users as by', 'by.id', 'r.replied_by')
    .leftJoin('users as decider', 'decider.id', 'r.decided_by')
    .selectAll('r')
    .select(['by.display_name as replied_by_name', 'decider.display_name as decided_by_name'])
    .where('r.order_id', '=', orderId)
    .orderBy('r.id')
    .execute();
}

/** The interviews of an order, oldest first. */
export async function orderInterviews(db: Db, orderId: number) {
  return db
    .selectFrom('supervision_interviews as v')
    .leftJoin('users as by', 'by.id', 'v.recorded_by')
    .selectAll('v')
    .select('by.display_name as recorded_by_name')
    .where('v.order_id', '=', orderId)
    .orderBy('v.id')
    .execute();
}

/** Moves an order to a new status if it is still at `version`; false when someone else changed it first. */
export async function moveOrderIfVersion(
  db: Db,
  id: number,
  version: number,
  set: { status: TSupervisionStatus; closed_by?: number | null; closed_at?: string | null },
): Promise<boolean> {
  const r = await db
    .updateTable('supervision_orders')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Inserts a reply. */
export async function insertReply(db: Db, r: Insertable<SupervisionReplyTable>): Promise<void> {
  await db.insertInto('supervision_replies').values(r).execute();
}

/** The reply waiting for a decision, if any. */
export async function pendingReply(db: Db, orderId: number) {
  return db
    .selectFrom('supervision_replies')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('decision', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** Records the decision on a reply. */
export async function decideReply(
  db: Db,
  id: number,
  d: { decision: 'accepted' | 'returned'; note: string | null; by: number | null; at: string },
): Promise<void> {
  await db
    .updateTable('supervision_replies')
    .set({ decision: d.decision, decision_note: d.note, decided_by: d.by, decided_at: d.at })
    .where('id', '=', id)
    .execute();
}

/** Inserts an interview; returns its id. */
export async function insertInterview(db: Db, v: Insertable<SupervisionInterviewTable>): Promise<number> {
  const { id } = await db
    .insertInto('supervision_interviews')
    .values(v)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
