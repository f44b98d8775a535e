/** Who acts: the actor behind a signed-in user. */
import type { Kysely } from 'kysely';

import type { Database, UserRow } from '../../db/schema.ts';
import type { TActor } from '../../policies/actor.ts';
import { ALL_UNITS, NO_UNITS } from '../../repositories/scope.ts';
import { getPerson, subtreeScope } from '../../repositories/unit.repository.ts';

/** The actor for a user: scope is the subtree of their unit; administrators without a unit see all. */
export async function actorForUser(db: Kysely<Database>, user: UserRow, ip: string | null): Promise<TActor> {
  const role = user.role;
  const scope =
    role === 'admin' && user.unit_id === null
      ? ALL_UNITS
      : user.unit_id === null
        ? NO_UNITS
        : await subtreeScope(db, user.unit_id);
  let departmentId: number | null = null;
  if (user.person_id !== null) {
    const person = await getPerson(db, user.person_id);
    departmentId = person?.department_id ?? null;
  }
  return { userId: user.id, label: user.username, role, scope, personId: user.person_id, departmentId, ip };
}
