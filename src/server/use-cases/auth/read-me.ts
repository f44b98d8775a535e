/** The signed-in user, read fresh after login or a password change. */
import type { Kysely } from 'kysely';
import type { TMe } from '@shared/api.ts';
import type { Database, UserRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TSessionPolicy } from '../../policies/session-policy.ts';
import { presentMe } from '../../presenters/me.presenter.ts';
import { getUnit } from '../../repositories/unit.repository.ts';
import { ALL_UNITS } from '../../repositories/scope.ts';
import { findUserById } from '../../repositories/user.repository.ts';

/**
 * The user as the UI sees it: `who` is the row the session already read, or an id to read fresh (after login or a
 * password change). 401 when the account is gone.
 */
export async function readMe(
  db: Kysely<Database>,
  who: number | UserRow,
  policy: TSessionPolicy,
  uploads: TMe['uploads'],
): Promise<TMe> {
  const user = typeof who === 'number' ? await findUserById(db, who) : who;
  if (!user) throw new AppError('UNAUTHENTICATED', '请先登录');
  const unit = user.unit_id === null ? undefined : await getUnit(db, user.unit_id, ALL_UNITS);
  return presentMe(user, unit?.name ?? null, policy, uploads);
}
