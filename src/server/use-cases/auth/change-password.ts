/** A user changes their own password. */
import type { Kysely } from 'kysely';
import { passwordProblems } from '@shared/password-policy.ts';
import type { Database, UserRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { LOCK_MINUTES, MAX_FAILED_LOGINS } from '../../policies/session-policy.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import {
  clearFailedLogins,
  deleteSessionsOfUser,
  reserveLoginAttempt,
  setPasswordHash,
} from '../../repositories/user.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { hashToken, lockIfLastAttempt } from './session.ts';

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
