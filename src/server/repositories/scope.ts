/** Unit scope: the units an actor may see. Repositories filter with it in SQL, never after the fact. */
import { type Expression, type SqlBool, sql } from 'kysely';

/** Every unit (administrators and system jobs), or an explicit list (a subtree). */
export type TUnitScope = { kind: 'all' } | { kind: 'units'; unitIds: readonly number[] };

/** A scope that sees everything. */
export const ALL_UNITS: TUnitScope = { kind: 'all' };

/** `column IN (scope)` as a SQL condition; false for an empty scope. */
export function inScope(
  column: 'inspections.unit_id' | 'units.id' | 'users.unit_id' | 'audit_events.unit_id',
  scope: TUnitScope,
): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`1 = 1`;
  if (scope.unitIds.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`${sql.ref(column)} in (${sql.join(scope.unitIds.map((id) => sql`${id}`))})`;
}
