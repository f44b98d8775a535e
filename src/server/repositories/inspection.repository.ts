/** Inspections with their categories and problems. */
import {
  type Insertable,
  type Kysely,
  PostgresAdapter,
  type RawBuilder,
  type SqlBool,
  sql,
  type Updateable,
} from 'kysely';
import type { TInspectionKind } from '@shared/domain.ts';
import type { CategoryRow, Database, InspectionRow, InspectionTable, ProblemRow } from '../db/schema.ts';
import { likePattern } from './measure-search.repository.ts';
import { preparedQuery } from './prepared.ts';
import {
  inScope,
  inScopeOf,
  pathEnd,
  scopeBounds,
  scopeShape,
  type TScopeShape,
  type TUnitScope,
} from './scope.ts';

type Db = Kysely<Database>;

/** An inspection with its unit's names. */
export type TInspectionWithUnit = InspectionRow & { unit_name: string; party_org_name: string | null };

const withUnit = (db: Db, scope: TUnitScope) =>
  db
    .selectFrom('inspections')
    .innerJoin('units', 'units.id', 'inspections.unit_id')
    .selectAll('inspections')
    .select(['units.name as unit_name', 'units.party_org_name'])
    .where(inScope('inspections.unit_id', scope));

/** Filters of the inspection list (the actor's scope is always applied). */
export type TInspectionFilter = {
  scope: TUnitScope;
  unitPath?: string;
  round?: string;
  kind?: TInspectionKind;
  /** Has (true) or has not (false) a measure meeting this condition (overdue work). */
  hasMeasure?: { condition: RawBuilder<SqlBool>; present: boolean };
  q?: string;
  /** Only archived ledgers (true) or, by default, only those in work. */
  archived?: boolean;
};

/** One page of the inspections meeting the filter, newest feedback first, and how many there are in all. */
export async function listInspectionsPage(
  db: Db,
  f: TInspectionFilter,
  page: { limit: number; offset: number } | null,
): Promise<{ total: number; rows: TInspectionWithUnit[] }> {
  const conditions: Array<RawBuilder<SqlBool>> = [
    sql<SqlBool>`inspections.archived_at is ${sql.raw(f.archived === true ? 'not null' : 'null')}`,
  ];
  if (f.unitPath !== undefined)
    conditions.push(sql<SqlBool>`units.path >= ${f.unitPath} and units.path < ${pathEnd(f.unitPath)}`);
  if (f.round !== undefined) conditions.push(sql<SqlBool>`inspections.round = ${f.round}`);
  if (f.kind !== undefined) conditions.push(sql<SqlBool>`inspections.kind = ${f.kind}`);
  if (f.q !== undefined) {
    const words = likePattern(f.q);
    conditions.push(
      sql<SqlBool>`(lower(units.name) like ${words} escape '\\' or lower(inspections.title) like ${words} escape '\\' or lower(coalesce(units.party_org_name, '')) like ${words} escape '\\')`,
    );
  }
  if (f.hasMeasure !== undefined)
    conditions.push(
      sql<SqlBool>`${sql.raw(f.hasMeasure.present ? '' : 'not ')}exists (select 1 from measures where measures.inspection_id = inspections.id and ${f.hasMeasure.condition})`,
    );
  const where =
    conditions.length === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`${sql.join(conditions, sql` and `)}`;
  const base = withUnit(db, f.scope).where(where);
  const [count, rows] = await Promise.all([
    page === null
      ? null
      : db
          .selectFrom('inspections')
          .innerJoin('units', 'units.id', 'inspections.unit_id')
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .where(inScope('inspections.unit_id', f.scope))
          .where(where)
          .executeTakeFirstOrThrow(),
    (page === null ? base : base.limit(page.limit).offset(page.offset))
      .orderBy('inspections.feedback_date', 'desc')
      .orderBy('inspections.id', 'desc')
      .execute(),
  ]);
  return { total: count === null ? rows.length : Number(count.n), rows };
}

/** One inspection with its unit's names, in a scope of a shape: read by most requests about a ledger, so built once. */
const inspectionInScope = preparedQuery(
  (db: Db, { id, ...bounds }: { id: number; scopeFrom: string; scopeTo: string }, shape: TScopeShape) =>
    db
      .selectFrom('inspections')
      .innerJoin('units', 'units.id', 'inspections.unit_id')
      .selectAll('inspections')
      .select(['units.name as unit_name', 'units.party_org_name'])
      .where(inScopeOf('inspections.unit_id', shape, bounds))
      .where('inspections.id', '=', id),
  (shape) => shape,
);

/** One inspection, if in scope. */
export async function getInspection(
  db: Db,
  id: number,
  scope: TUnitScope,
): Promise<TInspectionWithUnit | undefined> {
  return (await inspectionInScope(db, { id, ...scopeBounds(scope) }, scopeShape(scope)))[0];
}

/** The most recently created inspection in scope. */
export async function latestInspectionId(db: Db, scope: TUnitScope): Promise<number | undefined> {
  const row = await db
    .selectFrom('inspections')
    .select('id')
    .where(inScope('inspections.unit_id', scope))
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.id;
}

/** Inserts an inspection and returns the id. */
export async function insertInspection(db: Db, i: Insertable<InspectionTable>): Promise<number> {
  const row = await db.insertInto('inspections').values(i).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts a category and returns the id. */
export async function insertCategory(db: Db, c: Omit<CategoryRow, 'id'>): Promise<number> {
  const row = await db.insertInto('categories').values(c).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts a problem and returns the id. */
export async function insertProblem(db: Db, p: Omit<ProblemRow, 'id'>): Promise<number> {
  const row = await db.insertInto('problems').values(p).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

const categoriesOf = preparedQuery((db: Db, v: { inspectionId: number }) =>
  db
    .selectFrom('categories')
    .selectAll()
    .where('inspection_id', '=', v.inspectionId)
    .orderBy('ordinal')
    .orderBy('id'),
);

/** Categories of an inspection, in order. */
export async function listCategories(db: Db, inspectionId: number): Promise<CategoryRow[]> {
  return categoriesOf(db, { inspectionId });
}

const problemsOf = preparedQuery((db: Db, v: { inspectionId: number }) =>
  db
    .selectFrom('problems')
    .selectAll()
    .where('inspection_id', '=', v.inspectionId)
    .orderBy('ordinal')
    .orderBy('id'),
);

/** Problems of an inspection, in order. */
export async function listProblems(db: Db, inspectionId: number): Promise<ProblemRow[]> {
  return problemsOf(db, { inspectionId });
}

/** A problem with its inspection's unit, if in scope. */
export async function getProblem(db: Db, id: number, scope: TUnitScope) {
  return db
    .selectFrom('problems')
    .innerJoin('inspections', 'inspections.id', 'problems.inspection_id')
    .selectAll('problems')
    .select('inspections.unit_id')
    .where('problems.id', '=', id)
    .where(inScope('inspections.unit_id', scope))
    .executeTakeFirst();
}

/** True when the inspection's rectification plan has been approved. */
export async function isPlanApproved(db: Kysely<Database>, inspectionId: number): Promise<boolean> {
  const row = await db
    .selectFrom('inspections')
    .select('plan_approved_at')
    .where('id', '=', inspectionId)
    .executeTakeFirst();
  return row !== undefined && row.plan_approved_at !== null;
}

/** Writes inspection fields if its version is still `version` (and bumps it); false when it was not. */
export async function updateInspectionAtVersion(
  db: Db,
  id: number,
  version: number,
  patch: Omit<Updateable<InspectionTable>, 'id' | 'version'>,
): Promise<boolean> {
  const r = await db
    .updateTable('inspections')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Per inspection: its categories and its top-level problems. */
export async function countCategoriesAndProblems(
  db: Db,
  inspectionIds: number[],
): Promise<Map<number, { categories: number; problems: number }>> {
  const counts = new Map(inspectionIds.map((id) => [id, { categories: 0, problems: 0 }]));
  if (inspectionIds.length === 0) return counts;
  const [problems, categories] = await Promise.all([
    db
      .selectFrom('problems')
      .select(['inspection_id'])
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('inspection_id', 'in', inspectionIds)
      .where('parent_id', 'is', null)
      .groupBy('inspection_id')
      .execute(),
    db
      .selectFrom('categories')
      .select(['inspection_id'])
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('inspection_id', 'in', inspectionIds)
      .groupBy('inspection_id')
      .execute(),
  ]);
  for (const p of problems) {
    const c = counts.get(p.inspection_id);
    if (c) c.problems = Number(p.n);
  }
  for (const k of categories) {
    const c = counts.get(k.inspection_id);
    if (c) c.categories = Number(k.n);
  }
  return counts;
}

/** Sets the overall rectification deadline (demo data: a deadline relative to today). */
export async function setInspectionDeadline(db: Db, id: number, deadline: string): Promise<void> {
  await db.updateTable('inspections').set({ deadline }).where('id', '=', id).execute();
}

/**
 * An inspection of the unit that a document describes already: the same group and feedback date, or the same
 * group and on-site period. Undefined when the document says too little to tell.
 */
export async function findSameInspection(
  db: Db,
  unitId: number,
  i: { group: string | null; feedbackDate: string | null; startDate: string | null; endDate: string | null },
): Promise<{ id: number; title: string } | undefined> {
  if (i.group === null || (i.feedbackDate === null && (i.startDate === null || i.endDate === null)))
    return undefined;
  return (
    db
      .selectFrom('inspections')
      .select(['id', 'title'])
      .where('unit_id', '=', unitId)
      // An archived ledger (created by mistake) does not stand in the way of importing the document again.
      .where('archived_at', 'is', null)
      .where('group_name', '=', i.group)
      .where((eb) =>
        eb.or([
          ...(i.feedbackDate === null ? [] : [eb('feedback_date', '=', i.feedbackDate)]),
          ...(i.startDate === null || i.endDate === null
            ? []
            : [eb.and([eb('start_date', '=', i.startDate), eb('end_date', '=', i.endDate)])]),
        ]),
      )
      .orderBy('id')
      .executeTakeFirst()
  );
}

/** Holds the inspection's row until the transaction ends (PostgreSQL only: callers check the engine). */
export async function lockInspectionRow(db: Db, inspectionId: number): Promise<void> {
  await db
    .selectFrom('inspections')
    .select('id')
    .where('id', '=', inspectionId)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

/**
 * Locks the unit's row until the transaction ends (PostgreSQL; SQLite serialises writing transactions already), so
 * two imports for one unit at once take turns and the second sees the first's inspection.
 */
export async function lockUnitForImport(db: Db, unitId: number): Promise<void> {
  const query = db.selectFrom('units').select('id').where('id', '=', unitId);
  await (db.getExecutor().adapter instanceof PostgresAdapter ? query.forUpdate() : query).executeTakeFirst();
}
