/** Look-backs (回头看) and their items. */
import type { Insertable, Kysely } from 'kysely';
import type { TLookbackResult } from '@shared/domain.ts';
import type { Database, LookbackTable } from '../db/schema.ts';

type Db = Kysely<Database>;

/** Closed measures of an inspection, optionally of one category or a picked set, by id. */
export async function closedMeasureIds(
  db: Db,
  inspectionId: number,
  scope:
    { kind: 'all' } | { kind: 'category'; categoryId: number } | { kind: 'picked'; measureIds: number[] },
): Promise<number[]> {
  let q = db
    .selectFrom('measures')
    .innerJoin('problems', 'problems.id', 'measures.problem_id')
    .select('measures.id')
    .where('measures.inspection_id', '=', inspectionId)
    .where('measures.state', '=', 'closed');
  if (scope.kind === 'category') q = q.where('problems.category_id', '=', scope.categoryId);
  if (scope.kind === 'picked') {
    if (scope.measureIds.length === 0) return [];
    q = q.where('measures.id', 'in', scope.measureIds);
  }
  return (await q.orderBy('measures.id').execute()).map((m) => m.id);
}

/** Inserts a look-back with one unchecked item per measure; returns its id. */
export async function insertLookback(
  db: Db,
  l: Insertable<LookbackTable>,
  measureIds: number[],
): Promise<number> {
  const row = await db.insertInto('lookbacks').values(l).returning('id').executeTakeFirstOrThrow();
  if (measureIds.length > 0)
    await db
      .insertInto('lookback_items')
      .values(
        measureIds.map((measure_id) => ({
          lookback_id: row.id,
          measure_id,
          result: null,
          note: null,
          checked_by: null,
          checked_at: null,
        })),
      )
      .execute();
  return row.id;
}

/** A look-back item by id. */
export async function getLookbackItem(db: Db, id: number) {
  return db.selectFrom('lookback_items').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records an item's result if none was recorded yet; false when one was. */
export async function setLookbackItemResult(
  db: Db,
  id: number,
  r: { result: TLookbackResult; note: string | null; checkedBy: number | null; at: string },
): Promise<boolean> {
  const u = await db
    .updateTable('lookback_items')
    .set({ result: r.result, note: r.note, checked_by: r.checkedBy, checked_at: r.at })
    .where('id', '=', id)
    .where('result', 'is', null)
    .executeTakeFirst();
  return Number(u.numUpdatedRows) === 1;
}

/** Look-backs of an inspection, newest first, and their items with the measure's content. */
export async function listLookbacksOf(db: Db, inspectionId: number) {
  const lookbacks = await db
    .selectFrom('lookbacks')
    .selectAll()
    .where('inspection_id', '=', inspectionId)
    .orderBy('id', 'desc')
    .execute();
  const items = await db
    .selectFrom('lookback_items')
    .innerJoin('lookbacks', 'lookbacks.id', 'lookback_items.lookback_id')
    .innerJoin('measures', 'measures.id', 'lookback_items.measure_id')
    .selectAll('lookback_items')
    .select('measures.content')
    .where('lookbacks.inspection_id', '=', inspectionId)
    .orderBy('lookback_items.id')
    .execute();
  return { lookbacks, items };
}
