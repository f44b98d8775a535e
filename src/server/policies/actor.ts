/** Who is acting: a logged-in user, or the system (CLI, start-up jobs). */
import type { TRole } from '@shared/domain.ts';
import { SYSTEM_FACTS, type TActorFacts } from '@shared/measure-state.ts';
import { ALL_UNITS, type TUnitScope } from '../repositories/scope.ts';

/** The actor of every use case; recorded on every write. */
export type TActor = {
  userId: number | null;
  label: string;
  role: TRole | 'system';
  scope: TUnitScope;
  personId: number | null;
  departmentId: number | null;
  ip: string | null;
};

/** The system actor, e.g. `cli:root` or `system:demo`. */
export function systemActor(label: string): TActor {
  return {
    userId: null,
    label,
    role: 'system',
    scope: ALL_UNITS,
    personId: null,
    departmentId: null,
    ip: null,
  };
}

/** True when the unit is inside the actor's scope. */
export function isInScope(actor: TActor, unitId: number): boolean {
  return actor.scope.kind === 'all' || (actor.scope.kind === 'subtree' && actor.scope.unitIds.has(unitId));
}

/** How the actor stands to this measure. */
export function actorFacts(
  actor: TActor,
  m: { person_id: number | null; leader_id: number | null; department_id: number | null },
): TActorFacts {
  if (actor.role === 'system') return SYSTEM_FACTS;
  return {
    role: actor.role,
    isResponsible:
      (actor.personId !== null && actor.personId === m.person_id) ||
      (actor.departmentId !== null && actor.departmentId === m.department_id),
    isLeader: actor.personId !== null && actor.personId === m.leader_id,
    identity: { userId: actor.userId, personId: actor.personId },
  };
}
