/** Accounts and sessions. */
import type { Kysely } from 'kysely';
import type { Updateable } from 'kysely';
import type { TRole } from '@shared/domain.ts';
import type { Database, UserRow, UserTable } from '../db/schema.ts';
import { inScope, type TUnitScope } from './scope.ts';
import { ancestorUnitIds, newestUnitId } from './unit.repository.ts';
import { preparedQuery } from './prepared.ts';

type Db = Kysely<Database>;

/** A user by login name. */
export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

/** A user by id. */
export async function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Accounts whose unit is in scope (all accounts for the whole scope), with the unit's name. */
export async function listUsersWithUnit(db: Db, scope: TUnitScope) {
  return db
    .selectFrom('users')
    .leftJoin('units', 'units.id', 'users.unit_id')
    .selectAll('users')
    .select('units.name as unit_name')
    .where(inScope('users.unit_id', scope))
    .orderBy('users.id')
    .execute();
}

/** Writes the given account fields. */
export async function updateUser(
  db: Db,
  id: number,
  patch: Pick<Updateable<UserTable>, 'display_name' | 'role' | 'unit_id' | 'person_id' | 'is_active'>,
): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

/** Number of accounts. */
export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Inserts a user and returns the id. */
export async function insertUser(
  db: Db,
  u: {
    username: string;
    displayName: string;
    passwordHash: string;
    role: TRole;
    unitId: number | null;
    personId: number | null;
    isDemo: boolean;
    mustChangePassword?: boolean;
    at: string;
  },
): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      username: u.username,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      role: u.role,
      unit_id: u.unitId,
      person_id: u.personId,
      is_active: 1,
      is_demo: u.isDemo ? 1 : 0,
      created_at: u.at,
      must_change_password: u.mustChangePassword === true ? 1 : 0,
      locked_until: null,
      password_changed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Stores a session under the hash of its token. */
export async function insertSession(
  db: Db,
  s: { id: string; userId: number; at: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id: s.id, user_id: s.userId, created_at: s.at, last_seen_at: s.at, expires_at: s.expiresAt })
    .execute();
}

/** A session with its user: read on every request, so built once (prepared.ts). */
const sessionWithUser = preparedQuery((db: Db, v: { id: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('units', 'units.id', 'users.unit_id')
    .leftJoin('people', 'people.id', 'users.person_id')
    .selectAll('users')
    .select([
      'sessions.id as session_id',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'units.path as unit_path',
      'people.department_id as person_department_id',
    ])
    .select((eb) => newestUnitId(eb).as('max_unit_id'))
    .where('sessions.id', '=', v.id),
);

/** A session with its user. */
export async function findSession(db: Db, id: string) {
  return (await sessionWithUser(db, { id }))[0];
}

/** Records that a session was used now. */
export async function touchSession(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

/** Ends a session. */
export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/**
 * Takes one login attempt slot atomically: counts the attempt as a failure before the password is checked (a
 * success clears it). Returns the failures so far including this one, or null while the account is locked.
 */
export async function reserveLoginAttempt(db: Db, userId: number, at: string): Promise<number | null> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
    .returning('failed_logins')
    .executeTakeFirst();
  return row ? Number(row.failed_logins) : null;
}

/** Locks the account until the given time and starts the count again for afterwards. */
export async function lockAccount(db: Db, userId: number, lockedUntil: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: lockedUntil })
    .where('id', '=', userId)
    .execute();
}

/** Clears the failure count after a successful login. */
export async function clearFailedLogins(db: Db, userId: number): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

/** Stores a new password hash. */
export async function setPasswordHash(
  db: Db,
  userId: number,
  hash: string,
  mustChange: boolean,
  at: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      password_hash: hash,
      must_change_password: mustChange ? 1 : 0,
      password_changed_at: at,
      failed_logins: 0,
      locked_until: null,
    })
    .where('id', '=', userId)
    .execute();
}

/** Ends every session of a user, except one (the one asking) when given. */
export async function deleteSessionsOfUser(db: Db, userId: number, exceptId?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The account and the person behind it, for separation-of-duties checks. */
export async function accountIdentity(
  db: Kysely<Database>,
  userId: number,
): Promise<{ userId: number; personId: number | null } | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'person_id'])
    .where('id', '=', userId)
    .executeTakeFirst();
  return row ? { userId: row.id, personId: row.person_id } : undefined;
}

/** Active accounts of the given people, or of anyone in the given department. */
export async function activeUsersOf(
  db: Db,
  who: { personIds: number[]; departmentId: number | null },
): Promise<number[]> {
  if (who.personIds.length === 0 && who.departmentId === null) return [];
  const rows = await db
    .selectFrom('users')
    .leftJoin('people', 'people.id', 'users.person_id')
    .select('users.id')
    .where('users.is_active', '=', 1)
    .where((eb) =>
      eb.or([
        ...(who.personIds.length > 0 ? [eb('users.person_id', 'in', who.personIds)] : []),
        ...(who.departmentId !== null ? [eb('people.department_id', '=', who.departmentId)] : []),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}

/** Active accounts of these people (for a page of measures at once: the ids are that page's, never a table's). */
export async function activeAccountsOfPeople(db: Db, personIds: number[]) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'person_id'])
    .where('is_active', '=', 1)
    .where('person_id', 'in', personIds)
    .execute();
}

/** Active accounts of the members of these departments. */
export async function activeAccountsOfDepartments(db: Db, departmentIds: number[]) {
  if (departmentIds.length === 0) return [];
  return db
    .selectFrom('users')
    .innerJoin('people', 'people.id', 'users.person_id')
    .select(['users.id', 'people.department_id'])
    .where('users.is_active', '=', 1)
    .where('people.department_id', 'in', departmentIds)
    .execute();
}

/** Active accounts of the given roles assigned to exactly one of these units. */
export async function activeAccountsOfUnits(db: Db, roles: TRole[], unitIds: number[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'unit_id'])
    .where('role', 'in', roles)
    .where('is_active', '=', 1)
    .where('unit_id', 'in', unitIds)
    .execute();
}

/** Active accounts of the given roles whose unit is the given unit or one above it. */
export async function activeUsersCovering(db: Db, roles: TRole[], unitId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('role', 'in', roles)
    .where('is_active', '=', 1)
    .where('unit_id', 'in', await ancestorUnitIds(db, unitId))
    .execute();
  return rows.map((u) => u.id);
}

/** The person and display name behind each account id. */
export async function accountsByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('users').select(['id', 'person_id', 'display_name']).where('id', 'in', ids).execute();
}

/** Active accounts of the given roles assigned to exactly this unit. */
export async function activeUsersOfUnit(db: Db, roles: TRole[], unitId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('role', 'in', roles)
    .where('is_active', '=', 1)
    .where('unit_id', '=', unitId)
    .execute();
  return rows.map((u) => u.id);
}
