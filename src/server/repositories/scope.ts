/**
 * Unit scope: the units an actor may see. Repositories filter with it in SQL, never after the fact. A subtree is one
 * range of the units' materialised path (an index range scan), not a list of ids; the ids are also kept, cached per
 * database and refreshed only when a unit is added, for the checks made in memory (`isInScope`).
 */
import { type Expression, type SqlBool, sql } from 'kysely';

/** Every unit (administrators and system jobs), a unit and all below it, or nothing (an account without a unit). */
export type TUnitScope =
  | { kind: 'all' }
  | {
      kind: 'subtree';
      rootId: number;
      path: string;
      unitIds: ReadonlySet<number>;
      /** The subtree holds every unit (e.g. the province's inspection office): no condition is needed in SQL. */
      wholeTree: boolean;
    }
  | { kind: 'none' };

/** A scope that sees everything. */
export const ALL_UNITS: TUnitScope = { kind: 'all' };

/** A scope that sees nothing. */
export const NO_UNITS: TUnitScope = { kind: 'none' };

/** One id as a path segment. */
export const pathSegment = (id: number): string => String(id).padStart(10, '0');

/** The first path after every path that starts with `path`: its last segment plus one. */
export function pathEnd(path: string): string {
  const last = Number(path.slice(-10));
  return `${path.slice(0, -10)}${pathSegment(last + 1)}`;
}

type TScopedColumn = 'inspections.unit_id' | 'units.id' | 'users.unit_id' | 'audit_events.unit_id';

/** The form a scope's condition takes in SQL: none needed, never true, or a range of the units' paths. */
export type TScopeShape = 'all' | 'none' | 'range';

/** The form of the scope's condition (a subtree holding every unit needs none). */
export function scopeShape(scope: TUnitScope): TScopeShape {
  if (scope.kind === 'subtree') return scope.wholeTree ? 'all' : 'range';
  return scope.kind;
}

/** The range of paths a subtree scope covers, as values of a query ('' for a scope without a range). */
export function scopeBounds(scope: TUnitScope): { scopeFrom: string; scopeTo: string } {
  return scope.kind === 'subtree' && !scope.wholeTree
    ? { scopeFrom: scope.path, scopeTo: pathEnd(scope.path) }
    : { scopeFrom: '', scopeTo: '' };
}

/**
 * `column` lies in a scope given by its shape and path range, as a SQL condition (a subquery on the path index; false
 * for no units). The bounds are only handed to the query, so a prepared query (prepared.ts) can take them as values.
 */
export function inScopeOf(
  column: TScopedColumn,
  shape: TScopeShape,
  { scopeFrom: from, scopeTo: to }: { scopeFrom: string; scopeTo: string },
): Expression<SqlBool> {
  if (shape === 'all') return sql<SqlBool>`1 = 1`;
  if (shape === 'none') return sql<SqlBool>`1 = 0`;
  if (column === 'units.id') return sql<SqlBool>`(units.path >= ${from} and units.path < ${to})`;
  return sql<SqlBool>`${sql.ref(column)} in (select su.id from units su where su.path >= ${from} and su.path < ${to})`;
}

/** `column` lies in the scope, as a SQL condition (a subquery on the path index; false for no units). */
export function inScope(column: TScopedColumn, scope: TUnitScope): Expression<SqlBool> {
  return inScopeOf(column, scopeShape(scope), scopeBounds(scope));
}
