/** Units, their departments and people. */
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { Database, DepartmentRow, PersonRow, UnitRow } from '../db/schema.ts';
import { inScope, NO_UNITS, pathSegment, type TUnitScope } from './scope.ts';

type Db = Kysely<Database>;

/** Finds a unit by its party-organisation name or its name. */
export async function findUnitByName(db: Db, name: string): Promise<UnitRow | undefined> {
  return db
    .selectFrom('units')
    .selectAll()
    .where((eb) => eb.or([eb('party_org_name', '=', name), eb('name', '=', name)]))
    .orderBy('id')
    .executeTakeFirst();
}

/** Inserts a unit and returns its id. */
export async function insertUnit(
  db: Db,
  unit: {
    parentId: number | null;
    name: string;
    partyOrgName: string | null;
    phone: string | null;
    address: string | null;
    email: string | null;
    at: string;
  },
): Promise<number> {
  const row = await db
    .insertInto('units')
    .values({
      parent_id: unit.parentId,
      name: unit.name,
      party_org_name: unit.partyOrgName,
      phone: unit.phone,
      address: unit.address,
      email: unit.email,
      created_at: unit.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The path is the parent's and the unit's own id: known once the id is.
  const parent =
    unit.parentId === null
      ? undefined
      : await db.selectFrom('units').select('path').where('id', '=', unit.parentId).executeTakeFirst();
  await db
    .updateTable('units')
    .set({ path: `${parent?.path ?? ''}${pathSegment(row.id)}` })
    .where('id', '=', row.id)
    .execute();
  return row.id;
}

/** Fills a unit's public contact where it has none yet. */
export async function fillUnitContact(
  db: Db,
  unitId: number,
  contact: { phone: string | null; address: string | null; email: string | null },
): Promise<void> {
  const unit = await db.selectFrom('units').selectAll().where('id', '=', unitId).executeTakeFirstOrThrow();
  await db
    .updateTable('units')
    .set({
      phone: unit.phone ?? contact.phone,
      address: unit.address ?? contact.address,
      email: unit.email ?? contact.email,
    })
    .where('id', '=', unitId)
    .execute();
}

/** A unit, if in scope. */
export async function getUnit(db: Db, id: number, scope: TUnitScope): Promise<UnitRow | undefined> {
  return db
    .selectFrom('units')
    .selectAll()
    .where('id', '=', id)
    .where(inScope('units.id', scope))
    .executeTakeFirst();
}

/**
 * The newest unit's id (the last entry of the primary key), as a subquery: whether the cached unit tree is still
 * whole (units are only ever added).
 */
export function newestUnitId<TB extends keyof Database>(eb: ExpressionBuilder<Database, TB>) {
  return eb.selectFrom('units as newest').select(sql<number | null>`max(newest.id)`.as('m'));
}

/** The unit tree of one database as last read, and the subtrees asked for since (units are only ever added). */
type TTree = {
  maxId: number;
  total: number;
  children: Map<number, number[]>;
  subtrees: Map<number, ReadonlySet<number>>;
};
const trees = new WeakMap<Db, TTree>();

/**
 * The scope of a unit and everything below it: one query for the unit's path and the newest unit's id, then
 * `subtreeScopeOf`.
 */
export async function subtreeScope(db: Db, rootId: number): Promise<TUnitScope> {
  const root = await db
    .selectFrom('units')
    .select('path')
    .select((eb) => newestUnitId(eb).as('max_id'))
    .where('id', '=', rootId)
    .executeTakeFirst();
  if (!root) return NO_UNITS;
  return subtreeScopeOf(db, rootId, root.path, Number(root.max_id ?? 0));
}

/**
 * The scope of a unit whose path and the newest unit's id are known (read with the session): the ids of the subtree
 * come from a tree cached per database and read again only when a unit was added since (units are never removed
 * nor moved), so no request's cost grows with the units.
 */
export async function subtreeScopeOf(
  db: Db,
  rootId: number,
  path: string,
  maxId: number,
): Promise<TUnitScope> {
  let tree = trees.get(db);
  if (!tree || tree.maxId !== maxId) {
    const children = new Map<number, number[]>();
    const units = await db.selectFrom('units').select(['id', 'parent_id']).execute();
    for (const u of units)
      if (u.parent_id !== null) children.set(u.parent_id, [...(children.get(u.parent_id) ?? []), u.id]);
    tree = { maxId, total: units.length, children, subtrees: new Map() };
    trees.set(db, tree);
  }
  let unitIds = tree.subtrees.get(rootId);
  if (!unitIds) {
    const ids = new Set<number>();
    const stack = [rootId];
    for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
      if (ids.has(id)) continue;
      ids.add(id);
      stack.push(...(tree.children.get(id) ?? []));
    }
    unitIds = ids;
    tree.subtrees.set(rootId, unitIds);
  }
  return { kind: 'subtree', rootId, path, unitIds, wholeTree: unitIds.size === tree.total };
}

/** A department of the unit by exact name. */
export async function findDepartmentByName(
  db: Db,
  unitId: number,
  name: string,
): Promise<DepartmentRow | undefined> {
  return db
    .selectFrom('departments')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('name', '=', name)
    .executeTakeFirst();
}

/** A department by id. */
export async function getDepartment(db: Db, id: number): Promise<DepartmentRow | undefined> {
  return db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A person by id. */
export async function getPerson(db: Db, id: number): Promise<PersonRow | undefined> {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Units in scope, by id. */
export async function listUnits(db: Db, scope: TUnitScope): Promise<UnitRow[]> {
  return db.selectFrom('units').selectAll().where(inScope('units.id', scope)).orderBy('id').execute();
}

/** Writes a unit's names and contact if its version is still `version`; false when it was not. */
export async function updateUnitAtVersion(
  db: Db,
  unitId: number,
  version: number,
  patch: Partial<Pick<UnitRow, 'name' | 'party_org_name' | 'phone' | 'address' | 'email'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('units')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', unitId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Inserts a department (or returns the existing one of the same name). */
export async function ensureDepartment(
  db: Db,
  unitId: number,
  name: string,
  isDemo: boolean,
): Promise<number> {
  const existing = await db
    .selectFrom('departments')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('name', '=', name)
    .executeTakeFirst();
  if (existing) return existing.id;
  const row = await db
    .insertInto('departments')
    .values({ unit_id: unitId, name, is_demo: isDemo ? 1 : 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts a person and returns the id. */
export async function insertPerson(
  db: Db,
  p: { unitId: number; departmentId: number | null; name: string; position: string | null; isDemo: boolean },
): Promise<number> {
  const row = await db
    .insertInto('people')
    .values({
      unit_id: p.unitId,
      department_id: p.departmentId,
      name: p.name,
      position: p.position,
      is_demo: p.isDemo ? 1 : 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Departments of the given units. */
export async function listDepartments(db: Db, unitIds: number[]): Promise<DepartmentRow[]> {
  if (unitIds.length === 0) return [];
  return db.selectFrom('departments').selectAll().where('unit_id', 'in', unitIds).orderBy('id').execute();
}

/** People of the given units. */
export async function listPeople(db: Db, unitIds: number[]): Promise<PersonRow[]> {
  if (unitIds.length === 0) return [];
  return db.selectFrom('people').selectAll().where('unit_id', 'in', unitIds).orderBy('id').execute();
}

/** A person of the unit by exact name (the first, if several share it). */
export async function findPersonByName(db: Db, unitId: number, name: string): Promise<PersonRow | undefined> {
  return db
    .selectFrom('people')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('name', '=', name)
    .orderBy('id')
    .executeTakeFirst();
}

/** A unit's departments and people, with id → name maps for presenting measures. */
export type TUnitDirectory = {
  departments: DepartmentRow[];
  people: PersonRow[];
  departmentName: (id: number | null) => string | null;
  personName: (id: number | null) => string | null;
};

/** Loads the directory of one unit. */
export async function unitDirectory(db: Db, unitId: number): Promise<TUnitDirectory> {
  const [departments, people] = await Promise.all([listDepartments(db, [unitId]), listPeople(db, [unitId])]);
  const d = new Map(departments.map((x) => [x.id, x.name]));
  const p = new Map(people.map((x) => [x.id, x.name]));
  return {
    departments,
    people,
    departmentName: (id) => (id === null ? null : (d.get(id) ?? null)),
    personName: (id) => (id === null ? null : (p.get(id) ?? null)),
  };
}

/** The ids of a unit and all units above it, read from its path (no walk of the tree). */
export async function ancestorUnitIds(db: Db, unitId: number): Promise<number[]> {
  const unit = await db.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst();
  const path = unit?.path ?? '';
  const ids: number[] = [];
  for (let i = 0; i + 10 <= path.length; i += 10) ids.push(Number(path.slice(i, i + 10)));
  return ids.reverse();
}

/** A unit's materialised path, if the unit exists. */
export async function unitPathOf(db: Db, unitId: number): Promise<string | undefined> {
  return (await db.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst())?.path;
}

/** The first top-level unit (the root of the tree), if any. */
export async function rootUnit(db: Db): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('parent_id', 'is', null).orderBy('id').executeTakeFirst();
}
