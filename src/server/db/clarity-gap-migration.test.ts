/**
 * The six-clarity gap column (migration 20261211090000) on a database that already holds ledgers: every existing
 * measure gets the value the TypeScript rule gives it, and the dashboard's indexes carry it.
 */
import { describe, expect, it } from 'vitest';
import { missingClarities } from '@shared/six-clarities.ts';
import { openTestDatabase, testEngines } from '../test-support/databases.ts';
import { buildFixture } from '../test-support/factories.ts';
import { sixClaritiesOf } from '../repositories/measure.repository.ts';

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
});
