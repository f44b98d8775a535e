/** Login, logout and session resolution. Session tokens are random; only their SHA-256 is stored. */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, UserRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import {
  LOCK_MINUTES,
  LOGIN_FAILED_MESSAGE,
  MAX_FAILED_LOGINS,
  type TSessionPolicy,
} from '../../policies/session-policy.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import {
  clearFailedLogins,
  deleteSession,
  deleteSessionsOfUser,
  lockAccount,
  reserveLoginAttempt,
  findSession,
  findUserByUsername,
  insertSession,
  touchSession,
} from '../../repositories/user.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { DUMMY_HASH_PROMISE, verifyPassword } from './password.ts';

/**
 * After a failed attempt that took slot `slot` (see `reserveLoginAttempt`): locks the account when it was the last
 * one allowed, and returns until when; null otherwise.
 */
export async function lockIfLastAttempt(
  trx: Kysely<Database>,
  userId: number,
  slot: number | null,
): Promise<string | null> {
  if (slot === null || slot < MAX_FAILED_LOGINS) return null;
  const lockedUntil = new Date(Date.now() + LOCK_MINUTES * 60_000).toISOString();
  await lockAccount(trx, userId, lockedUntil);
  return lockedUntil;
}

/** The stored form of a session token. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

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

/** What one query tells of a session's account: the account, its unit's path, the newest unit, its department. */
export type TResolvedSession = {
  user: UserRow;
  unitPath: string | null;
  maxUnitId: number;
  departmentId: number | null;
};

/**
 * The account behind a token, or null when the session is unknown, idle too long or past its lifetime — read with
 * everything the actor is made of in one query (plus, at most once a second, the touch of the session).
 */
export async function resolveSession(
  db: Kysely<Database>,
  token: string,
  policy: TSessionPolicy,
): Promise<TResolvedSession | null> {
  const id = hashToken(token);
  const row = await findSession(db, id);
  if (!row || row.is_active !== 1) return null;
  const now = Date.now();
  const idleLimit = Date.parse(row.last_seen_at) + policy.idleMinutes * 60_000;
  if (now > idleLimit || now > Date.parse(row.expires_at)) {
    await deleteSession(db, id);
    return null;
  }
  // The idle timeout counts from the last request to the second (at most one write a second per session).
  if (now - Date.parse(row.last_seen_at) >= 1_000) await touchSession(db, id, new Date(now).toISOString());
  const {
    session_id: _session,
    last_seen_at: _seen,
    expires_at: _expires,
    unit_path: unitPath,
    person_department_id: departmentId,
    max_unit_id: maxUnitId,
    ...user
  } = row;
  return { user, unitPath, maxUnitId: Number(maxUnitId ?? 0), departmentId };
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
