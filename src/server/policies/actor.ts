/** Who is acting: a logged-in user, or the system (CLI, start-up jobs). */
import type { TRole } from '@shared/domain.ts';
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
  return actor.scope.kind === 'all' || actor.scope.unitIds.includes(unitId);
}
