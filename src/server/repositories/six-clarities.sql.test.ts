/** The six-clarities rule in SQL agrees with `missingClarities` on random measures, on SQLite and PostgreSQL. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingClarities } from '@shared/six-clarities.ts';
import { openTestDatabase, testEngines } from '../test-support/databases.ts';
import { buildFixture, type TFixture } from '../test-support/factories.ts';
import { unclearSql } from './six-clarities.sql.ts';

describe.each(testEngines())('the six clarities in SQL on %s', (engine) => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let fx: TFixture;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    fx = await buildFixture(database.db);
  });
  afterAll(async () => {
    await fx.app.close();
    await database.drop();
  });

  it('finds a measure unclear exactly when the TypeScript rule finds a clarity missing', async () => {
    const id = fx.measureIds[0] ?? 0;
    const { problem_id: problemId } = await database.db
      .selectFrom('measures')
      .select('problem_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const text = fc.constantFrom(
      '',
      ' ',
      '\u3000',
      '\t\n',
      '\u00a0',
      '建立制度',
      ' 开展检查 ',
      '\u3000整改\u3000',
      '\u2028\ufeff\u200a',
      '\ufeff落实\u2029',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          task: text,
          content: text,
          departmentId: fc.option(fc.constant(fx.departmentId), { nil: null }),
          leaderId: fc.option(fc.constant(fx.leaderId), { nil: null }),
          personId: fc.option(fc.constant(fx.personId), { nil: null }),
          deadline: fc.option(fc.constant('2030-01-01'), { nil: null }),
          isStanding: fc.boolean(),
        }),
        async (m) => {
          await database.db
            .updateTable('measures')
            .set({
              task: m.task,
              content: m.content,
              department_id: m.departmentId,
              leader_id: m.leaderId,
              person_id: m.personId,
              deadline: m.deadline,
              is_standing: m.isStanding ? 1 : 0,
            })
            .where('id', '=', id)
            .execute();
          const hit = await database.db
            .selectFrom('measures')
            .select('id')
            .where('id', '=', id)
            .where(unclearSql())
            .executeTakeFirst();
          expect(hit !== undefined).toBe(missingClarities(m).length > 0);
          // The same value read from the index the dashboard groups by problem (the column is in it).
          const grouped = await database.db
            .selectFrom('measures')
            .select((eb) => eb.fn.sum<string | number>('is_unclear').as('n'))
            .where('problem_id', '=', problemId)
            .where('id', '=', id)
            .executeTakeFirstOrThrow();
          expect(Number(grouped.n)).toBe(missingClarities(m).length > 0 ? 1 : 0);
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);
});
