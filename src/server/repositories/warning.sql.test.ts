/**
 * The warning colour computed by the database agrees with `src/shared/warning.ts` on random measures and dates —
 * every state, standing or not, any check interval and last progress date — on SQLite and PostgreSQL.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@shared/chinese.ts';
import { MEASURE_STATES, WARNING_COLOURS } from '@shared/domain.ts';
import { warningColour } from '@shared/warning.ts';
import { openTestDatabase, testEngines } from '../test-support/databases.ts';
import { buildFixture, type TFixture } from '../test-support/factories.ts';
import { colourCondition, overdueCondition } from './measure-search.repository.ts';
import { warningColourSql } from './warning.sql.ts';

const day = fc.integer({ min: 0, max: 4000 }).map((n) => addDays('2020-01-01', n));

describe.each(testEngines())('the warning colour in SQL on %s', (engine) => {
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

  it('agrees with warning.ts on random measures, days and yellow windows', async () => {
    const id = fx.measureIds[0] ?? 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          state: fc.constantFrom(...MEASURE_STATES),
          deadline: fc.option(day, { nil: null }),
          isStanding: fc.boolean(),
          checkIntervalDays: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
          lastProgressDate: fc.option(day, { nil: null }),
        }),
        day,
        fc.integer({ min: 0, max: 60 }),
        async (m, today, yellowDays) => {
          await database.db
            .updateTable('measures')
            .set({
              state: m.state,
              deadline: m.deadline,
              is_standing: m.isStanding ? 1 : 0,
              check_interval_days: m.checkIntervalDays,
              last_progress_date: m.lastProgressDate,
            })
            .where('id', '=', id)
            .execute();
          const row = await database.db
            .selectFrom('measures')
            .select(warningColourSql(today, yellowDays).as('colour'))
            .select('check_due')
            .where('id', '=', id)
            .executeTakeFirstOrThrow();
          const expected = warningColour(m, today, yellowDays);
          expect(row.colour).toBe(expected);
          // The next check date the database keeps is the rule's: never, always, or last progress + interval.
          expect(row.check_due).toBe(
            !m.checkIntervalDays
              ? '9999-12-31'
              : m.lastProgressDate === null
                ? '0000-01-01'
                : addDays(m.lastProgressDate, m.checkIntervalDays),
          );
          // The search's colour filter (index-friendly ranges for dated work) picks exactly that colour.
          for (const colour of WARNING_COLOURS) {
            const hit = await database.db
              .selectFrom('measures')
              .select('id')
              .where('id', '=', id)
              .where(colourCondition(colour, today, yellowDays))
              .executeTakeFirst();
            expect(hit !== undefined, `colour filter ${colour}`).toBe(colour === expected);
          }
          // Overdue: past the deadline, open, not standing — red for dated work, never for standing work.
          const overdue = await database.db
            .selectFrom('measures')
            .select('id')
            .where('id', '=', id)
            .where(overdueCondition(today))
            .executeTakeFirst();
          const standing = m.isStanding || m.state === 'standing';
          expect(overdue !== undefined, 'overdue filter').toBe(!standing && expected === 'red');
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);

  it('keeps the latest progress date on the measure as entries are written', async () => {
    const id = fx.measureIds[1] ?? 0;
    const { insertProgressEntry } = await import('./measure.repository.ts');
    const at = new Date().toISOString();
    const entry = (entry_date: string) =>
      insertProgressEntry(database.db, {
        measure_id: id,
        entry_date,
        text: '推进',
        created_by: null,
        created_at: at,
        source: 'user',
      });
    await entry('2099-03-01');
    await entry('2099-05-01');
    await entry('2099-04-01'); // an older date written later does not move it back
    const m = await database.db
      .selectFrom('measures')
      .select('last_progress_date')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(m.last_progress_date).toBe('2099-05-01');
  });
});
