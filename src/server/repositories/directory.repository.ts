/**
 * Departments and people edited over the years, in SQL: saves at a version (optimistic locking), the open work of a
 * department, moving people and accounts to another record. Nothing is deleted.
 */
import type { Kysely, Updateable } from 'kysely';
import type { Database, DepartmentTable, PersonTable } from '../db/schema.ts';

type Db = Kysely<Database>;

/** Saves the department's changes if it is still at `version`; false when someone saved first. */
export async function updateDepartmentAtVersion(
  db: Db,
  id: number,
  version: number,
  patch: Updateable<DepartmentTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('departments')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Saves the person's changes if the record is still at `version`; false when someone saved first. */
export async function updatePersonAtVersion(
  db: Db,
  id: number,
  version: number,
  patch: Updateable<PersonTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('people')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Measures not yet closed that the department is responsible for (archived ledgers aside), with their versions. */
export async function openMeasuresOfDepartment(db: Db, departmentId: number) {
  return (
    db
      .selectFrom('measures')
      .select(['id', 'version'])
      .where('department_id', '=', departmentId)
      .where('state', '<>', 'closed')
      // An archived ledger is kept as it was: its measures keep their department.
      .where('inspection_id', 'not in', (eb) =>
        eb.selectFrom('inspections').select('id').where('archived_at', 'is not', null),
      )
      .orderBy('id')
      .execute()
  );
}

/** Moves the department's people to another department of the unit; how many. */
export async function movePeopleOfDepartment(db: Db, from: number, to: number): Promise<number> {
  const r = await db
    .updateTable('people')
    .set((eb) => ({ department_id: to, version: eb('version', '+', 1) }))
    .where('department_id', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Links the accounts of one person record to another (a duplicate merged); the accounts' ids. */
export async function relinkAccounts(db: Db, from: number, to: number): Promise<number[]> {
  const rows = await db.selectFrom('users').select('id').where('person_id', '=', from).execute();
  if (rows.length === 0) return [];
  await db.updateTable('users').set({ person_id: to }).where('person_id', '=', from).execute();
  return rows.map((r) => r.id);
}
