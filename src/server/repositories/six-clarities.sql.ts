/**
 * The six-clarities rule (六个明确) as SQL: a measure lacking one of them, as `missingClarities` in
 * `src/shared/six-clarities.ts` decides — for counts (dashboard, inspection list) made by the database. The database
 * keeps it itself as the generated column `measures.is_unclear` (migration 20261211090000, where its expression
 * stands), indexed with the figures the dashboard groups. A property test (`six-clarities.sql.test.ts`) holds the
 * column to the TypeScript rule on random measures, on both databases.
 */
import { type RawBuilder, type SqlBool, sql } from 'kysely';

/** True for a row of `measures` lacking a clarity. */
export function unclearSql(): RawBuilder<SqlBool> {
  return sql<SqlBool>`measures.is_unclear = 1`;
}
