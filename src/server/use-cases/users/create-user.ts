/** Creates an account (the first administrator from the CLI, demo accounts at start-up). */
import type { Kysely } from 'kysely';
import type { TRole } from '@shared/domain.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { findUserByUsername, insertUser } from '../../repositories/user.repository.ts';
import { passwordProblems } from '@shared/password-policy.ts';
import { hashPassword } from '../auth/password.ts';
import { inTransaction, nowIso } from '../transaction.ts';

/** Options for `createUser`. */
export type TCreateUserOptions = {
  db: Kysely<Database>;
  actor: TActor;
  username: string;
  displayName: string;
  password: string;
  role: TRole;
  unitId: number | null;
  personId?: number | null;
  isDemo?: boolean;
  /** Accounts an administrator creates must choose their own password at first login. */
  mustChangePassword?: boolean;
};

/** Creates the user; 409 when the name is taken, 422 for a weak password. */
export async function createUser(o: TCreateUserOptions): Promise<number> {
  if (!/^[A-Za-z0-9_.-]{2,64}$/.test(o.username))
    throw new AppError('UNPROCESSABLE', '用户名只能包含字母、数字、下划线、点和连字符，长度 2–64');
  const problems = passwordProblems(o.password, o.username);
  if (problems.length > 0) throw new AppError('UNPROCESSABLE', problems.join('；'));
  const passwordHash = await hashPassword(o.password);
  return inTransaction(o.db, async (trx) => {
    if (await findUserByUsername(trx, o.username))
      // The same answer whichever unit holds the name: it does not say where, or whose, it is.
      throw new AppError('CONFLICT', `用户名“${o.username}”不可用，请换一个用户名`);
    const at = nowIso();
    const id = await insertUser(trx, {
      username: o.username,
      displayName: o.displayName,
      passwordHash,
      role: o.role,
      unitId: o.unitId,
      personId: o.personId ?? null,
      isDemo: o.isDemo ?? false,
      mustChangePassword: o.mustChangePassword ?? false,
      at,
    });
    await appendAudit(trx, {
      kind: 'user.created',
      ...auditActor(o.actor),
      objectType: 'user',
      objectId: id,
      unitId: o.unitId,
      after: { username: o.username, role: o.role, unitId: o.unitId },
      at,
    });
    return id;
  });
}
