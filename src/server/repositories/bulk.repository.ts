/**
 * Bulk inserts for synthetic data sets (`npm run seed:scale`): many rows per statement, ids returned in the order
 * the rows were given. Not for application writes, which go through the services one audited change at a time.
 */
import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;
/** Tables the synthetic data set fills in bulk. */
export type TBulkTable =
  'departments' | 'people' | 'inspections' | 'categories' | 'problems' | 'measures' | 'progress_entries';

/** Rows per statement: well under SQLite's and PostgreSQL's limits on bound parameters for the widest table. */
const CHUNK = 400;

/** Inserts the rows in chunks and returns their ids, in order. */
export async function insertMany<T extends TBulkTable>(
  db: Db,
  table: T,
  rows: ReadonlyArray<Insertable<Database[T]>>,
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    // Kysely cannot relate a table name chosen by a type parameter to its row type; the signature above does.
    const inserted = (await (db as unknown as Kysely<Record<string, { id: number }>>)
      .insertInto(table)
      .values(chunk as never)
      .returning('id')
      .execute()) as Array<{ id: number }>;
    const chunkIds = inserted.map((r) => Number(r.id));
    // Both engines return a multi-row insert's ids in the order of its rows; make sure, as everything hangs on it.
    if (chunkIds.length !== chunk.length || chunkIds.some((id, k) => k > 0 && id <= (chunkIds[k - 1] ?? 0)))
      throw new Error(`bulk insert into ${table} did not return its ids in order`);
    ids.push(...chunkIds);
  }
  return ids;
}

/** Whether the database holds any unit (a synthetic data set is only built on an empty one). */
export async function hasAnyUnit(db: Db): Promise<boolean> {
  return (await db.selectFrom('units').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Refreshes the planner's statistics after a bulk load, so the first queries already choose the right indexes. */
export async function analyzeAfterBulkLoad(db: Db): Promise<void> {
  await sql`analyze`.execute(db);
}
