/**
 * The six-clarity gap column (migration 20261211090000) on a database that already holds ledgers: every existing
 * measure gets the value the TypeScript rule gives it, and the dashboard's indexes carry it; down and up again.
 */
import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { missingClarities } from '@shared/six-clarities.ts';
import { openTestDatabase, testEngines } from '../test-support/databases.ts';
import { buildFixture } from '../test-support/factories.ts';
import { sixClaritiesOf } from '../repositories/measure.repository.ts';
import type { Database } from './schema.ts';

const BEFORE = '20261210110000-inspection-list-indexes';

/** The measures table's indexes by name, each with its columns in order. */
async function measureIndexes(db: Kysely<Database>, engine: string): Promise<Record<string, string>> {
  const rows =
    engine === 'sqlite'
      ? (
          await sql<{ name: string; columns: string }>`select m.name as name,
              (select group_concat(i.name, ',') from (select name from pragma_index_info(m.name) order by seqno) i) as columns
            from sqlite_master m where m.type = 'index' and m.tbl_name = 'measures' and m.sql is not null`.execute(
            db,
          )
        ).rows
      : (
          await sql<{ name: string; columns: string }>`select c.relname as name,
              string_agg(a.attname, ',' order by k.n) as columns
            from pg_index x
            join pg_class c on c.oid = x.indexrelid
            join pg_class t on t.oid = x.indrelid
            join pg_namespace s on s.oid = t.relnamespace and s.nspname = current_schema()
            cross join lateral unnest(x.indkey) with ordinality as k(attnum, n)
            join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
            where t.relname = 'measures' and not x.indisprimary
            group by c.relname`.execute(db)
        ).rows;
  return Object.fromEntries(rows.map((r) => [r.name, r.columns]));
}

describe.each(testEngines())('the six-clarity gap migration on %s', (engine) => {
  it('gives measures that existed before it the value of the rule', async () => {
    const database = await openTestDatabase(engine, { upTo: '20261210110000-inspection-list-indexes' });
    try {
      const fx = await buildFixture(database.db);
      await fx.app.close();
      // Some measures made clear, the others left as imported (no owner, no deadline).
      const [first, second] = fx.measureIds;
      await database.db
        .updateTable('measures')
        .set({
          department_id: fx.departmentId,
          leader_id: fx.leaderId,
          person_id: fx.personId,
          deadline: '2030-06-30',
        })
        .where('id', 'in', [first ?? 0, second ?? 0])
        .execute();
      await database.migrateRest();
      const rows = await database.db.selectFrom('measures').selectAll().execute();
      expect(rows.length).toBeGreaterThan(2);
      for (const m of rows) {
        const missing = missingClarities(sixClaritiesOf(m));
        expect(m.is_unclear, `measure ${m.id}`).toBe(missing.length > 0 ? 1 : 0);
      }
      expect(
        rows
          .filter((m) => m.is_unclear === 0)
          .map((m) => m.id)
          .sort(),
      ).toEqual([first, second].sort());
    } finally {
      await database.drop();
    }
  });

  it('goes down to the narrow indexes and no column, and up again', async () => {
    const database = await openTestDatabase(engine);
    try {
      const fx = await buildFixture(database.db);
      await fx.app.close();
      const wide = await measureIndexes(database.db, engine);
      expect(wide['measures_inspection']).toBe(
        'inspection_id,state,is_standing,deadline,check_due,is_unclear,version',
      );
      expect(wide['measures_problem']).toBe('problem_id,state,is_standing,deadline,check_due,is_unclear');
      expect(wide['measures_department']).toBe(
        'department_id,state,is_standing,deadline,check_due,is_unclear',
      );
      expect(wide['measures_inspection_state']).toBeUndefined();
      expect(wide['measures_inspection_version']).toBeUndefined();

      const ids = async () =>
        (await database.db.selectFrom('measures').select('id').orderBy('id').execute()).map((m) => m.id);
      const before = await ids();
      expect(before.length).toBeGreaterThan(2);
      await database.migrateTo(BEFORE);
      const narrow = await measureIndexes(database.db, engine);
      expect(narrow['measures_inspection']).toBe('inspection_id');
      expect(narrow['measures_problem']).toBe('problem_id');
      expect(narrow['measures_department']).toBe('department_id');
      expect(narrow['measures_inspection_state']).toBe('inspection_id,state');
      expect(narrow['measures_inspection_version']).toBe('inspection_id,version');
      await expect(sql`select is_unclear from measures`.execute(database.db)).rejects.toThrow();
      expect(await ids()).toEqual(before);

      await database.migrateRest();
      expect(await measureIndexes(database.db, engine)).toEqual(wide);
      const rows = await database.db.selectFrom('measures').selectAll().execute();
      for (const m of rows) {
        expect(m.is_unclear, `measure ${m.id}`).toBe(missingClarities(sixClaritiesOf(m)).length > 0 ? 1 : 0);
      }
    } finally {
      await database.drop();
    }
  });
});
