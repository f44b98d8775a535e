/** Administration of accounts: create (password to change at first login), update role/scope/state, reset password. */
import type { Kysely } from 'kysely';
import type { TCreateUserRequest, TUpdateUserRequest } from '@shared/api.ts';
import { passwordProblems } from '@shared/password-policy.ts';
import type { Database, UserRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { isInScope, type TActor } from '../../policies/actor.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { getPerson } from '../../repositories/unit.repository.ts';
import {
  deleteSessionsOfUser,
  findUserById,
  setPasswordHash,
  updateUser,
} from '../../repositories/user.repository.ts';
import { hashPassword } from '../auth/password.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { createUser } from '../users/create-user.ts';
import { administrableUnit, requireAdmin } from './admin-guard.ts';

async function checkScopeAndPerson(
  db: Kysely<Database>,
  actor: TActor,
  unitId: number | null,
  personId: number | null | undefined,
): Promise<void> {
  if (unitId === null) {
    if (actor.scope.kind !== 'all')
      throw new AppError('FORBIDDEN', '只有全局系统管理员可以创建不限单位的账号');
  } else await administrableUnit(db, actor, unitId);
  if (personId !== undefined && personId !== null) {
    const p = await getPerson(db, personId);
    if (!p || p.unit_id !== unitId) throw new AppError('UNPROCESSABLE', '关联的人员不属于该单位');
  }
}

async function administrableUser(db: Kysely<Database>, actor: TActor, userId: number): Promise<UserRow> {
  const user = await findUserById(db, userId);
  const visible =
    user && (actor.scope.kind === 'all' || (user.unit_id !== null && isInScope(actor, user.unit_id)));
  if (!user || !visible) throw new AppError('NOT_FOUND', '用户不存在');
  return user;
}

/** Creates an account whose holder must choose a new password at first login. */
export async function adminCreateUser({
  db,
  actor,
  input,
}: {
  db: Kysely<Database>;
  actor: TActor;
  input: TCreateUserRequest;
}): Promise<number> {
  requireAdmin(actor);
  await checkScopeAndPerson(db, actor, input.unitId, input.personId);
  return createUser({
    db,
    actor,
    username: input.username,
    displayName: input.displayName,
    password: input.password,
    role: input.role,
    unitId: input.unitId,
    personId: input.personId,
    mustChangePassword: true,
  });
}

/** Changes role, scope, person, name or state; a change of role, scope or state ends the user's sessions. */
export async function adminUpdateUser({
  db,
  actor,
  userId,
  input,
}: {
  db: Kysely<Database>;
  actor: TActor;
  userId: number;
  input: TUpdateUserRequest;
}): Promise<void> {
  requireAdmin(actor);
  await inTransaction(db, async (trx) => {
    const before = await administrableUser(trx, actor, userId);
    if (
      userId === actor.userId &&
      (input.isActive === false || (input.role !== undefined && input.role !== 'admin'))
    ) {
      throw new AppError('UNPROCESSABLE', '不能停用自己或取消自己的管理员角色');
    }
    const unitId = input.unitId !== undefined ? input.unitId : before.unit_id;
    await checkScopeAndPerson(
      trx,
      actor,
      unitId,
      input.personId !== undefined ? input.personId : before.person_id,
    );
    await updateUser(trx, userId, {
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.unitId !== undefined ? { unit_id: input.unitId } : {}),
      ...(input.personId !== undefined ? { person_id: input.personId } : {}),
      ...(input.isActive !== undefined ? { is_active: input.isActive ? 1 : 0 } : {}),
    });
    if (input.role !== undefined || input.unitId !== undefined || input.isActive === false)
      await deleteSessionsOfUser(trx, userId);
    await appendAudit(trx, {
      kind: 'user.updated',
      ...auditActor(actor),
      objectType: 'user',
      objectId: userId,
      unitId,
      before: {
        displayName: before.display_name,
        role: before.role,
        unitId: before.unit_id,
        personId: before.person_id,
        isActive: before.is_active === 1,
      },
      after: input,
      at: nowIso(),
    });
  });
}

/** Sets a temporary password the user must change at next login; ends their sessions and any lock. */
export async function adminResetPassword({
  db,
  actor,
  userId,
  password,
}: {
  db: Kysely<Database>;
  actor: TActor;
  userId: number;
  password: string;
}): Promise<void> {
  requireAdmin(actor);
  const user = await administrableUser(db, actor, userId);
  const problems = passwordProblems(password, user.username);
  if (problems.length > 0) throw new AppError('UNPROCESSABLE', problems.join('；'));
  const hash = await hashPassword(password);
  await inTransaction(db, async (trx) => {
    const at = nowIso();
    await setPasswordHash(trx, userId, hash, true, at);
    await deleteSessionsOfUser(trx, userId);
    await appendAudit(trx, {
      kind: 'user.password_reset',
      ...auditActor(actor),
      objectType: 'user',
      objectId: userId,
      unitId: user.unit_id,
      at,
    });
  });
}
