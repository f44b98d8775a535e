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
  lockAccount,
  reserveLoginAttempt,
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

/** Session lifetimes and the password rules applied at each request. */
export type TSessionPolicy = {
  idleMinutes: number;
  maxHours: number;
  /** Days after which a password must be changed (0: never). */
  passwordMaxAgeDays: number;
  /** Demo mode: demo accounts may keep the printed demo password. */
  isDemo: boolean;
};

/** The session policy from the configuration. */
export function sessionPolicy(config: {
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  passwordMaxAgeDays: number;
  isDemo: boolean;
}): TSessionPolicy {
  return {
    idleMinutes: config.sessionIdleMinutes,
    maxHours: config.sessionMaxHours,
    passwordMaxAgeDays: config.passwordMaxAgeDays,
    isDemo: config.isDemo,
  };
}

/**
 * Why the user must change the password before anything else, or null: reset or created by an administrator,
 * older than the maximum age, or a demo account's printed password on a server that is not in demo mode.
 */
export function passwordChangeReason(user: UserRow, policy: TSessionPolicy, now = Date.now()): string | null {
  if (user.must_change_password === 1) return '首次登录或密码被重置后，请先修改密码';
  if (user.is_demo === 1 && !policy.isDemo) return '演示账号的初始密码已公开，请先修改密码';
  if (policy.passwordMaxAgeDays > 0) {
    const since = Date.parse(user.password_changed_at ?? user.created_at);
    if (now - since > policy.passwordMaxAgeDays * 86_400_000)
      return `密码已使用超过 ${policy.passwordMaxAgeDays} 天，请修改密码`;
  }
  return null;
}

/**
 * After a failed attempt that took slot `slot` (see `reserveLoginAttempt`): locks the account when it was the last
 * one allowed, and returns until when; null otherwise.
 */
async function lockIfLastAttempt(
  trx: Kysely<Database>,
  userId: number,
  slot: number | null,
): Promise<string | null> {
  if (slot === null || slot < MAX_FAILED_LOGINS) return null;
  const lockedUntil = new Date(Date.now() + LOCK_MINUTES * 60_000).toISOString();
  await lockAccount(trx, userId, lockedUntil);
  return lockedUntil;
}

/** The one answer to every failed login: it does not tell an unknown, a locked or a disabled account apart. */
export const LOGIN_FAILED_MESSAGE = `用户名或密码错误；连续错误 ${MAX_FAILED_LOGINS} 次，账号将锁定 ${LOCK_MINUTES} 分钟`;

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
  // The attempt is counted before the password is checked, in one atomic update: parallel guesses each take a
  // slot, so no more than MAX_FAILED_LOGINS passwords are ever checked before the lock.
  const slot = user ? await reserveLoginAttempt(db, user.id, at) : null;
  const mayCheck = user !== undefined && slot !== null && slot <= MAX_FAILED_LOGINS;
  // Unknown, locked and over-limit accounts spend the same time on a dummy hash.
  const ok = await verifyPassword(password, mayCheck ? user.password_hash : await DUMMY_HASH_PROMISE);
  if (!user || !mayCheck || !ok || user.is_active !== 1) {
    await inTransaction(db, async (trx) => {
      const lockedUntil = user ? await lockIfLastAttempt(trx, user.id, slot) : null;
      await appendAudit(trx, {
        kind: 'auth.login_failed',
        actorId: user?.id ?? null,
        actorLabel: username.slice(0, 64),
        ip,
        objectType: 'user',
        objectId: user?.id ?? null,
        unitId: user?.unit_id ?? null,
        after: {
          reason: !user
            ? 'unknown'
            : slot === null || slot > MAX_FAILED_LOGINS
              ? 'locked'
              : user.is_active !== 1
                ? 'inactive'
                : 'password',
          ...(lockedUntil ? { lockedUntil } : {}),
        },
        at,
      });
    });
    throw new AppError('UNAUTHENTICATED', LOGIN_FAILED_MESSAGE);
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
  // The idle timeout counts from the last request to the second (at most one write a second per session).
  if (now - Date.parse(session.last_seen_at) >= 1_000)
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
export async function presentMe(db: Kysely<Database>, user: UserRow, policy: TSessionPolicy): Promise<TMe> {
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
    mustChangePassword: passwordChangeReason(user, policy) !== null,
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
  ip: string | null;
};

/** Changes the user's own password; other sessions of the user end. */
export async function changePassword(o: TChangePasswordOptions): Promise<void> {
  // A wrong current password counts like a failed login (a stolen session must not guess it freely), audited.
  const at0 = nowIso();
  const slot = await reserveLoginAttempt(o.db, o.user.id, at0);
  const isRight =
    slot !== null &&
    slot <= MAX_FAILED_LOGINS &&
    (await verifyPassword(o.currentPassword, o.user.password_hash));
  if (!isRight) {
    await inTransaction(o.db, async (trx) => {
      const lockedUntil = await lockIfLastAttempt(trx, o.user.id, slot);
      if (lockedUntil) await deleteSessionsOfUser(trx, o.user.id);
      await appendAudit(trx, {
        kind: 'auth.password_change_failed',
        ...auditActor(o.actor),
        objectType: 'user',
        objectId: o.user.id,
        unitId: o.user.unit_id,
        after: { reason: slot === null ? 'locked' : 'password', ...(lockedUntil ? { lockedUntil } : {}) },
        at: at0,
      });
    });
    throw new AppError(
      'UNPROCESSABLE',
      slot !== null && slot >= MAX_FAILED_LOGINS
        ? `当前密码连续错误 ${MAX_FAILED_LOGINS} 次，账号已锁定 ${LOCK_MINUTES} 分钟`
        : '当前密码不正确',
    );
  }
  await clearFailedLogins(o.db, o.user.id);
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
