/**
 * A materialised path on every unit: its ancestors' ids and its own, each as 10 zero-padded digits, root first.
 * A subtree is then one index range (`path >= p and path < next(p)`), so scope is a condition in SQL rather than a
 * list of ids, and reading a user's scope does not walk the unit tree. Units never move (no edit changes a parent).
 */
import type { Kysely } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;
type TUnits = { units: { id: number; parent_id: number | null; path: string | null } };

const segment = (id: number) => String(id).padStart(10, '0');

/** Adds, fills and indexes the column. */
export async function up(anyDb: AnyDb): Promise<void> {
  const db = anyDb as unknown as Kysely<TUnits>; // the one table this migration reads, as it is at this point
  await db.schema.alterTable('units').addColumn('path', 'text').execute();
  const units = await db.selectFrom('units').select(['id', 'parent_id']).orderBy('id').execute();
  const parent = new Map(units.map((u) => [u.id, u.parent_id]));
  for (const u of units) {
    const ids: number[] = [];
    for (let id: number | null | undefined = u.id; id !== null && id !== undefined && !ids.includes(id);) {
      ids.unshift(id);
      id = parent.get(id);
    }
    await db
      .updateTable('units')
      .set({ path: ids.map(segment).join('') })
      .where('id', '=', u.id)
      .execute();
  }
  await db.schema.createIndex('units_path').on('units').column('path').execute();
}

/** Drops it. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('units_path').execute();
  await db.schema.alterTable('units').dropColumn('path').execute();
}
