/**
 * The six-clarities rule (六个明确) as SQL: a measure lacking one of them, as `missingClarities` in
 * `src/shared/six-clarities.ts` decides — for counts (dashboard, inspection list) made by the database. A property
 * test (`six-clarities.sql.test.ts`) holds the two to the same answer on random measures, on both databases.
 */
import { type Expression, type Kysely, PostgresAdapter, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

/** The characters JavaScript's `trim()` removes (Unicode white space and line terminators, BOM). */
const WHITE_SPACE =
  ' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

/** The text is empty once trimmed as JavaScript trims (SQL's own trim removes only spaces). */
function isBlank(db: Kysely<Database>, column: Expression<string>): RawBuilder<SqlBool> {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? sql<SqlBool>`btrim(${column}, ${WHITE_SPACE}) = ''`
    : sql<SqlBool>`trim(${column}, ${WHITE_SPACE}) = ''`;
}

/** True for a row of `measures` lacking a clarity. */
export function unclearSql(db: Kysely<Database>): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${isBlank(db, sql.ref('measures.task'))} or ${isBlank(db, sql.ref('measures.content'))}
    or measures.department_id is null or measures.leader_id is null or measures.person_id is null
    or (measures.is_standing = 0 and measures.deadline is null))`;
}
