/** Who acts: the actor behind a signed-in user. */
import type { Kysely } from 'kysely';

import type { Database } from '../../db/schema.ts';
import type { TActor } from '../../policies/actor.ts';
import { ALL_UNITS, NO_UNITS } from '../../repositories/scope.ts';
import { subtreeScopeOf } from '../../repositories/unit.repository.ts';
import type { TResolvedSession } from './session.ts';

/**
 * The actor of a resolved session: scope is the subtree of the account's unit (from its path and the cached unit
 * tree, read again only when a unit was added); administrators without a unit see all.
 */
export async function actorForSession(
  db: Kysely<Database>,
  session: TResolvedSession,
  ip: string | null,
): Promise<TActor> {
  const { user } = session;
  const role = user.role;
  const scope =
    role === 'admin' && user.unit_id === null
      ? ALL_UNITS
      : user.unit_id === null || session.unitPath === null
        ? NO_UNITS
        : await subtreeScopeOf(db, user.unit_id, session.unitPath, session.maxUnitId);
  const departmentId = user.person_id === null ? null : session.departmentId;
  return { userId: user.id, label: user.username, role, scope, personId: user.person_id, departmentId, ip };
}
