/** What the administration pages show: the unit tree with departments and people, and the accounts in scope. */
import type { Kysely } from 'kysely';
import type { TAdminUnit, TAdminUser } from '@shared/api.ts';
import { ROLE_LABELS } from '@shared/domain.ts';
import type { Database } from '../../db/schema.ts';
import type { TActor } from '../../policies/actor.ts';
import { listDepartments, listPeople, listUnits } from '../../repositories/unit.repository.ts';
import { listUsersWithUnit } from '../../repositories/user.repository.ts';
import { requireAdmin } from './admin-guard.ts';

/** Units in scope with their departments and people. */
export async function listAdminUnits(db: Kysely<Database>, actor: TActor): Promise<TAdminUnit[]> {
  requireAdmin(actor);
  const units = await listUnits(db, actor.scope);
  const ids = units.map((u) => u.id);
  const [departments, people] = await Promise.all([listDepartments(db, ids), listPeople(db, ids)]);
  return units.map((u) => ({
    id: u.id,
    parentId: u.parent_id,
    name: u.name,
    partyOrgName: u.party_org_name,
    phone: u.phone,
    address: u.address,
    email: u.email,
    isPublic: u.is_public === 1,
    version: u.version,
    departments: departments
      .filter((d) => d.unit_id === u.id)
      .map((d) => ({
        id: d.id,
        name: d.name,
        version: d.version,
        inactiveAt: d.inactive_at,
        mergedIntoId: d.merged_into_id,
      })),
    people: people
      .filter((p) => p.unit_id === u.id)
      .map((p) => ({
        id: p.id,
        name: p.name,
        position: p.position,
        departmentId: p.department_id,
        leftAt: p.left_at,
        version: p.version,
        mergedIntoId: p.merged_into_id,
      })),
  }));
}

/** Accounts whose unit is in scope (and, for a global administrator, those without a unit). */
export async function listAdminUsers(db: Kysely<Database>, actor: TActor): Promise<TAdminUser[]> {
  requireAdmin(actor);
  const rows = await listUsersWithUnit(db, actor.scope);
  return rows.map((u) => {
    const role = u.role;
    return {
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      role,
      roleLabel: ROLE_LABELS[role],
      unitId: u.unit_id,
      unitName: u.unit_name,
      personId: u.person_id,
      isActive: u.is_active === 1,
      isLocked: u.locked_until !== null && Date.parse(u.locked_until) > Date.now(),
      mustChangePassword: u.must_change_password === 1,
      createdAt: u.created_at,
    };
  });
}
