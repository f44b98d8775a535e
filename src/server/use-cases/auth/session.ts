/** Login, logout and session resolution. Session tokens are random; only their SHA-256 is stored. */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ROLE_LABELS, ZRole } from '@shared/domain.ts';
import type { TMe } from '@shared/api.ts';
import type { Database, UserRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { roleMay } from '../../policies/policy.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { ALL_UNITS } from '../../repositories/scope.ts';
import { subtreeUnitIds } from '../../repositories/unit.repository.ts';
import {
  clearFailedLogins,
  deleteSession,
  deleteSessionsOfUser,
  recordFailedLogin,
  setPasswordHash,
  findSession,
  findUserById,
  findUserByUsername,
  insertSession,
  touchSession,
} from '../../repositories/user.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { passwordProblems } from '@shared/password-policy.ts';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './password.ts';

/** Failed logins in a row that lock an account. */
export const MAX_FAILED_LOGINS = 5;
/** How long a lock lasts. */
export const LOCK_MINUTES = 15;

/** Session lifetimes. */
export type TSessionPolicy = { idleMinutes: number; maxHours: number };

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Options for `login`. */
export type TLoginOptions = {
  db: Kysely<Database>;
  username: string;
  password: string;
  ip: string | null;
  policy: TSessionPolicy;
};

/** Checks the password and opens a session; returns the token for the cookie. 401 with one message for any failure. */
export async function login({
  db,
  username,
  password,
  ip,
  policy,
}: TLoginOptions): Promise<{ token: string; userId: number }> {
  const user = await findUserByUsername(db, username);
  const at = nowIso();
  if (user?.locked_until && Date.parse(user.locked_until) > Date.now()) {
    const minutes = Math.ceil((Date.parse(user.locked_until) - Date.now()) / 60_000);
    await appendAudit(db, {
      kind: 'auth.login_failed',
      actorId: user.id,
      actorLabel: username.slice(0, 64),
      ip,
      objectType: 'user',
      objectId: user.id,
      unitId: user.unit_id,
      after: { reason: 'locked' },
      at,
    });
    throw new AppError(
      'ACCOUNT_LOCKED',
      `登录失败次数过多，账号已临时锁定，请 ${minutes} 分钟后再试或联系管理员`,
    );
  }
  const ok = await verifyPassword(password, user?.password_hash ?? (await DUMMY_HASH_PROMISE));
  if (!user || !ok || user.is_active !== 1) {
    await inTransaction(db, async (trx) => {
      let lockedUntil: string | null = null;
      if (user && !ok) {
        const failures = user.failed_logins + 1;
        lockedUntil =
          failures >= MAX_FAILED_LOGINS ? new Date(Date.now() + LOCK_MINUTES * 60_000).toISOString() : null;
        await recordFailedLogin(trx, user.id, lockedUntil ? 0 : failures, lockedUntil);
      }
      await appendAudit(trx, {
        kind: 'auth.login_failed',
        actorId: user?.id ?? null,
        actorLabel: username.slice(0, 64),
        ip,
        objectType: 'user',
        objectId: user?.id ?? null,
        unitId: user?.unit_id ?? null,
        ...(lockedUntil ? { after: { lockedUntil } } : {}),
        at,
      });
    });
    throw new AppError('UNAUTHENTICATED', '用户名或密码错误');
  }
  await clearFailedLogins(db, user.id);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + policy.maxHours * 3_600_000).toISOString();
  await inTransaction(db, async (trx) => {
    await insertSession(trx, { id: hashToken(token), userId: user.id, at, expiresAt });
    await appendAudit(trx, {
      kind: 'auth.login',
      actorId: user.id,
      actorLabel: user.username,
      ip,
      objectType: 'user',
      objectId: user.id,
      unitId: user.unit_id,
      at,
    });
  });
  return { token, userId: user.id };
}

/** Ends the session of this token. */
export async function logout(db: Kysely<Database>, token: string, actor: TActor): Promise<void> {
  await inTransaction(db, async (trx) => {
    await deleteSession(trx, hashToken(token));
    await appendAudit(trx, {
      kind: 'auth.logout',
      ...auditActor(actor),
      objectType: 'user',
      objectId: actor.userId,
      unitId: null,
      at: nowIso(),
    });
  });
}

/** The user behind a token, or null when the session is unknown, idle too long or past its lifetime. */
export async function resolveSession(
  db: Kysely<Database>,
  token: string,
  policy: TSessionPolicy,
): Promise<UserRow | null> {
  const id = hashToken(token);
  const session = await findSession(db, id);
  if (!session || session.is_active !== 1) return null;
  const now = Date.now();
  const idleLimit = Date.parse(session.last_seen_at) + policy.idleMinutes * 60_000;
  if (now > idleLimit || now > Date.parse(session.expires_at)) {
    await deleteSession(db, id);
    return null;
  }
  // Write the last-seen time at most once a minute.
  if (now - Date.parse(session.last_seen_at) > 60_000)
    await touchSession(db, id, new Date(now).toISOString());
  return (await findUserById(db, session.user_id)) ?? null;
}

/** The actor for a user: scope is the subtree of their unit; administrators without a unit see all. */
export async function actorForUser(db: Kysely<Database>, user: UserRow, ip: string | null): Promise<TActor> {
  const role = ZRole.parse(user.role);
  const scope =
    role === 'admin' && user.unit_id === null
      ? ALL_UNITS
      : {
          kind: 'units' as const,
          unitIds: user.unit_id === null ? [] : await subtreeUnitIds(db, user.unit_id),
        };
  let departmentId: number | null = null;
  if (user.person_id !== null) {
    const person = await db
      .selectFrom('people')
      .select('department_id')
      .where('id', '=', user.person_id)
      .executeTakeFirst();
    departmentId = person?.department_id ?? null;
  }
  return { userId: user.id, label: user.username, role, scope, personId: user.person_id, departmentId, ip };
}

/** The user as the UI sees it. */
export async function presentMe(db: Kysely<Database>, user: UserRow): Promise<TMe> {
  const role = ZRole.parse(user.role);
  const unit =
    user.unit_id === null
      ? undefined
      : await db.selectFrom('units').select('name').where('id', '=', user.unit_id).executeTakeFirst();
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role,
    roleLabel: ROLE_LABELS[role],
    unitId: user.unit_id,
    unitName: unit?.name ?? null,
    personId: user.person_id,
    canImport: roleMay(role, 'inspection.import'),
    canAdminister: role === 'admin',
    canReadAudit: roleMay(role, 'audit.read'),
    mustChangePassword: user.must_change_password === 1,
  };
}

/** Options of `changePassword`. */
export type TChangePasswordOptions = {
  db: Kysely<Database>;
  user: UserRow;
  actor: TActor;
  currentPassword: string;
  newPassword: string;
  sessionToken: string | undefined;
};

/** Changes the user's own password; other sessions of the user end. */
export async function changePassword(o: TChangePasswordOptions): Promise<void> {
  if (!(await verifyPassword(o.currentPassword, o.user.password_hash)))
    throw new AppError('UNPROCESSABLE', '当前密码不正确');
  if (o.currentPassword === o.newPassword) throw new AppError('UNPROCESSABLE', '新密码不能与当前密码相同');
  const problems = passwordProblems(o.newPassword, o.user.username);
  if (problems.length > 0) throw new AppError('UNPROCESSABLE', problems.join('；'));
  const hash = await hashPassword(o.newPassword);
  await inTransaction(o.db, async (trx) => {
    const at = nowIso();
    await setPasswordHash(trx, o.user.id, hash, false, at);
    await deleteSessionsOfUser(trx, o.user.id, o.sessionToken ? hashToken(o.sessionToken) : undefined);
    await appendAudit(trx, {
      kind: 'auth.password_changed',
      ...auditActor(o.actor),
      objectType: 'user',
      objectId: o.user.id,
      unitId: o.user.unit_id,
      at,
    });
  });
}

/** Ends every session of the actor ("logout everywhere"). */
export async function logoutEverywhere(db: Kysely<Database>, actor: TActor): Promise<number> {
  if (actor.userId === null) return 0;
  const userId = actor.userId;
  return inTransaction(db, async (trx) => {
    const n = await deleteSessionsOfUser(trx, userId);
    await appendAudit(trx, {
      kind: 'auth.logout_all',
      ...auditActor(actor),
      objectType: 'user',
      objectId: userId,
      unitId: null,
      after: { sessions: n },
      at: nowIso(),
    });
    return n;
  });
}
