/**
 * Years of staff turnover in the directory of a unit: departments renamed, closed (停用) or merged into another;
 * people's records corrected, and a duplicate record merged into the real one. Each is one audited step at the
 * record's version (a stale version is refused, never overwritten). Open work moves through `updateMeasure`, so each
 * measure keeps its own rules and audit entry; closed measures, progress and audit entries are not rewritten, and a
 * closed or merged department and a merged record stay in the database, so history keeps their names.
 */
import type { Kysely } from 'kysely';
import type { TMergeResult } from '@shared/api.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import {
  movePeopleOfDepartment,
  openMeasuresOfDepartment,
  relinkAccounts,
  updateDepartmentAtVersion,
  updatePersonAtVersion,
} from '../../repositories/directory.repository.ts';
import { findDepartmentByName, getDepartment, getPerson } from '../../repositories/unit.repository.ts';
import { updateMeasure } from '../measures/update-measure.ts';
import { checkAssignableDepartment } from '../measures/measure-snapshot.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { administrableUnit, requireAdmin } from './admin-guard.ts';
import { moveOpenWork } from './hand-over.ts';

const STALE = '该记录已被他人修改，请刷新后重试';

type TCtx = { db: Kysely<Database>; actor: TActor };

async function departmentFor(trx: Kysely<Database>, actor: TActor, id: number) {
  const d = await getDepartment(trx, id);
  if (!d) throw new AppError('NOT_FOUND', '部室不存在');
  await administrableUnit(trx, actor, d.unit_id);
  return d;
}

async function personFor(trx: Kysely<Database>, actor: TActor, id: number) {
  const p = await getPerson(trx, id);
  if (!p) throw new AppError('NOT_FOUND', '人员不存在');
  await administrableUnit(trx, actor, p.unit_id);
  return p;
}

/** Renames, closes or reopens a department. */
export async function updateDepartment(
  o: TCtx & { departmentId: number; input: { version: number; name?: string; isActive?: boolean } },
): Promise<void> {
  requireAdmin(o.actor);
  await inTransaction(o.db, async (trx) => {
    const d = await departmentFor(trx, o.actor, o.departmentId);
    const name = o.input.name?.trim();
    if (name !== undefined && name !== d.name) {
      const same = await findDepartmentByName(trx, d.unit_id, name);
      if (same && same.id !== d.id) throw new AppError('CONFLICT', `本单位已有部室“${name}”`);
    }
    if (o.input.isActive === true && d.merged_into_id !== null)
      throw new AppError('UNPROCESSABLE', '已合并的部室不能重新启用');
    const inactiveAt =
      o.input.isActive === undefined ? d.inactive_at : o.input.isActive ? null : (d.inactive_at ?? nowIso());
    if (
      !(await updateDepartmentAtVersion(trx, d.id, o.input.version, {
        name: name ?? d.name,
        inactive_at: inactiveAt,
      }))
    )
      throw new AppError('CONFLICT', STALE);
    await appendAudit(trx, {
      kind: 'department.updated',
      ...auditActor(o.actor),
      objectType: 'department',
      objectId: d.id,
      unitId: d.unit_id,
      before: { name: d.name, active: d.inactive_at === null },
      after: { name: name ?? d.name, active: inactiveAt === null },
      at: nowIso(),
    });
  });
}

/** Merges a department into another of the same unit: its open measures and its people move; it is closed. */
export async function mergeDepartment(
  o: TCtx & { departmentId: number; input: { version: number; intoId: number } },
): Promise<TMergeResult> {
  requireAdmin(o.actor);
  return inTransaction(o.db, async (trx) => {
    const from = await departmentFor(trx, o.actor, o.departmentId);
    const into = await getDepartment(trx, o.input.intoId);
    if (!into || into.unit_id !== from.unit_id)
      throw new AppError('UNPROCESSABLE', '只能合并到同一单位的部室');
    if (into.id === from.id) throw new AppError('UNPROCESSABLE', '不能合并到本部室');
    if (into.inactive_at !== null)
      throw new AppError('UNPROCESSABLE', `部室“${into.name}”已停用，不能作为合并目标`);
    if (from.merged_into_id !== null) throw new AppError('CONFLICT', '该部室已合并');
    const at = nowIso();
    // Closed first, at its version: a second merge of the same department, at the same time, stops here.
    if (
      !(await updateDepartmentAtVersion(trx, from.id, o.input.version, {
        inactive_at: from.inactive_at ?? at,
        merged_into_id: into.id,
      }))
    )
      throw new AppError('CONFLICT', STALE);
    const measures = await openMeasuresOfDepartment(trx, from.id);
    for (const m of measures)
      await updateMeasure({
        db: trx,
        actor: o.actor,
        measureId: m.id,
        input: { version: m.version, departmentId: into.id },
      });
    const people = await movePeopleOfDepartment(trx, from.id, into.id);
    await appendAudit(trx, {
      kind: 'department.merged',
      ...auditActor(o.actor),
      objectType: 'department',
      objectId: from.id,
      unitId: from.unit_id,
      before: { name: from.name, active: from.inactive_at === null },
      after: {
        name: from.name,
        into: { id: into.id, name: into.name },
        measureIds: measures.map((m) => m.id),
        people,
      },
      at,
    });
    return { measures: measures.length, people, opinions: 0, accounts: 0 };
  });
}

/** Corrects a person's name, position or department (no new work for a department that is closed). */
export async function updatePerson(
  o: TCtx & {
    personId: number;
    input: { version: number; name?: string; position?: string | null; departmentId?: number | null };
  },
): Promise<void> {
  requireAdmin(o.actor);
  await inTransaction(o.db, async (trx) => {
    const p = await personFor(trx, o.actor, o.personId);
    if (o.input.departmentId !== undefined && o.input.departmentId !== null)
      await checkAssignableDepartment(trx, p.unit_id, o.input.departmentId, p.department_id);
    const after = {
      name: o.input.name?.trim() ?? p.name,
      position: o.input.position === undefined ? p.position : o.input.position,
      department_id: o.input.departmentId === undefined ? p.department_id : o.input.departmentId,
    };
    if (!(await updatePersonAtVersion(trx, p.id, o.input.version, after)))
      throw new AppError('CONFLICT', STALE);
    await appendAudit(trx, {
      kind: 'person.updated',
      ...auditActor(o.actor),
      objectType: 'person',
      objectId: p.id,
      unitId: p.unit_id,
      before: { name: p.name, position: p.position, departmentId: p.department_id },
      after: { name: after.name, position: after.position, departmentId: after.department_id },
      at: nowIso(),
    });
  });
}

/**
 * Merges a duplicate record of a person into the real one: open measures and opinions move to it, the accounts are
 * linked to it (the same human keeps signing in), and the duplicate is marked as left, naming the record it went to.
 */
export async function mergePerson(
  o: TCtx & { personId: number; input: { version: number; intoId: number } },
): Promise<TMergeResult> {
  requireAdmin(o.actor);
  return inTransaction(o.db, async (trx) => {
    const from = await personFor(trx, o.actor, o.personId);
    const into = await getPerson(trx, o.input.intoId);
    if (!into || into.unit_id !== from.unit_id)
      throw new AppError('UNPROCESSABLE', '只能合并到同一单位的人员');
    if (into.id === from.id) throw new AppError('UNPROCESSABLE', '不能合并到本人');
    if (into.left_at !== null) throw new AppError('UNPROCESSABLE', `${into.name}已离任，不能作为合并目标`);
    if (from.left_at !== null) throw new AppError('CONFLICT', '该人员已离任或已合并');
    const at = nowIso();
    // Marked first, at its version: a second merge or a hand-over of the same record at the same time stops here.
    if (
      !(await updatePersonAtVersion(trx, from.id, o.input.version, { left_at: at, merged_into_id: into.id }))
    )
      throw new AppError('CONFLICT', STALE);
    const { measures, opinions } = await moveOpenWork(trx, o.actor, from.id, into.id);
    const accounts = await relinkAccounts(trx, from.id, into.id);
    await appendAudit(trx, {
      kind: 'person.merged',
      ...auditActor(o.actor),
      objectType: 'person',
      objectId: from.id,
      unitId: from.unit_id,
      before: { name: from.name, leftAt: null },
      after: {
        name: from.name,
        into: { id: into.id, name: into.name },
        measureIds: measures.map((m) => m.id),
        opinions,
        accounts,
      },
      at,
    });
    return { measures: measures.length, people: 0, opinions, accounts: accounts.length };
  });
}
