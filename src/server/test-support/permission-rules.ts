/** The permission matrix's vocabulary: who may call a route, from which unit, and fresh objects to call it on. */

/**
 * Every API route × every role × (object of the actor's own unit, object of another unit): the expected status
 * of each cell. The rows come from the app's own route list, so a new route without a rule fails this test.
 */
import type { InjectOptions } from 'fastify';

import { type TRole } from '@shared/domain.ts';

import { type TFileStorage } from '../storage/file-storage.ts';
import { insertMeasure } from '../repositories/measure.repository.ts';

import { type TFixture } from './factories.ts';

import { todayInChina } from '@shared/chinese.ts';
import { parseAnnouncementText } from '@importers/announcement-text.importer.ts';
import { systemActor } from '../policies/actor.ts';
import { storeImportedDocument } from '../use-cases/imports/store-imported-document.ts';
import { SMALL_ANNOUNCEMENT } from './factories.ts';
export type TWhere = 'own' | 'other';
export type TCtx = { fx: TFixture; where: TWhere; n: number; ids: TIds };
export type TIds = {
  otherDepartment: number;
  otherPerson: number;
  dummyUser: Record<TWhere, number>;
  template: Uint8Array;
  storage: TFileStorage;
};
export type TRule = {
  /** Builds the request for an actor of `role` acting on an object of its own or another unit. */
  request: (
    c: TCtx,
  ) =>
    | Promise<Omit<InjectOptions, 'headers'> & { headers?: Record<string, string> }>
    | (Omit<InjectOptions, 'headers'> & { headers?: Record<string, string> });
  /** The expected status. */
  expect: (role: TRole, where: TWhere) => number;
  isPublic?: boolean;
  endsSession?: boolean;
  /** For lists: whether the answer's content shows the other unit's objects exactly when the actor may see them. */
  sees?: (body: string) => boolean;
};

export const ALL = (status: number) => () => status;
/** Allowed roles get `ok`; others 403. Objects of another unit: 404 unless the actor's scope reaches it. */
export const scoped = (ok: number, allowed: readonly TRole[]) => (role: TRole, where: TWhere) => {
  const sees = where === 'own' || role === 'admin' || role === 'inspection_office';
  if (!sees) return 404;
  return allowed.includes(role) ? ok : 403;
};
/** Reads are visible to every role in scope; other units answer 404. */
export const read = (role: TRole, where: TWhere) =>
  where === 'own' || role === 'admin' || role === 'inspection_office' ? 200 : 404;
export const adminOnly = (ok: number) => (role: TRole) => (role === 'admin' ? ok : 403);
export const WRITERS = ['admin', 'coordinator', 'principal'] as const;
export const IMPORTERS = ['admin', 'inspection_office', 'coordinator'] as const;
/** Item-level rules (leader leads, responsible carries) are checked after scope: outside scope it is 404 for everyone. */
export const measureWrite = (ok: number, allowed: readonly TRole[]) => (role: TRole, where: TWhere) => {
  if (where === 'other' && role !== 'admin' && role !== 'inspection_office') return 404;
  return allowed.includes(role) ? ok : 403;
};
export const importRule = (ok: number) => (role: TRole, where: TWhere) => {
  if (!(IMPORTERS as readonly TRole[]).includes(role)) return 403;
  if (where === 'other' && role === 'coordinator') return 404;
  return ok;
};

export async function freshMeasure({ fx, where, ids }: TCtx): Promise<number> {
  const own = where === 'own';
  const problem = await fx.db
    .selectFrom('problems')
    .select(['id', 'inspection_id'])
    .where('inspection_id', '=', own ? fx.inspectionId : fx.otherInspectionId)
    .executeTakeFirstOrThrow();
  const at = new Date().toISOString();
  return insertMeasure(fx.db, {
    inspection_id: problem.inspection_id,
    problem_id: problem.id,
    ordinal: 99,
    task: '矩阵测试',
    content: '矩阵测试措施。',
    department_id: own ? fx.departmentId : ids.otherDepartment,
    leader_id: own ? fx.leaderId : ids.otherPerson,
    person_id: own ? fx.personId : ids.otherPerson,
    deadline: '2030-12-31',
    is_standing: 0,
    state: 'not_started',
    progress: null,
    is_demo: 0,
    created_at: at,
    created_by: null,
    updated_at: at,
    updated_by: null,
  });
}
export const versionOf = async (fx: TFixture, table: 'measures' | 'units', id: number) =>
  (await fx.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
export const unitOf = (c: TCtx) => (c.where === 'own' ? c.fx.unitId : c.fx.otherUnitId);
export const today = () => todayInChina();

/** A fresh supervision order to the actor's own or the other unit, about one fresh measure, at a given status. */
export async function freshOrder(
  c: TCtx,
  status: 'awaiting_reply' | 'replied' = 'awaiting_reply',
): Promise<number> {
  const measureId = await freshMeasure(c);
  const at = new Date().toISOString();
  const { id } = await c.fx.db
    .insertInto('supervision_orders')
    .values({
      unit_id: unitOf(c),
      reason: '矩阵测试督办',
      reply_deadline: '2030-12-31',
      status,
      issued_by: null,
      issued_at: at,
      closed_by: null,
      closed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await c.fx.db
    .insertInto('supervision_order_items')
    .values({
      order_id: id,
      inspection_id: c.where === 'own' ? c.fx.inspectionId : c.fx.otherInspectionId,
      problem_id: null,
      measure_id: measureId,
    })
    .execute();
  if (status === 'replied')
    await c.fx.db
      .insertInto('supervision_replies')
      .values({
        order_id: id,
        text: '已整改',
        replied_by: null,
        replied_at: at,
        decision: null,
        decision_note: null,
        decided_by: null,
        decided_at: null,
      })
      .execute();
  return id;
}

/** A fresh ledger imported into the actor's own or the other unit, untouched (version 1); archived when asked. */
export async function freshLedger(c: TCtx, archived = false): Promise<number> {
  const parsed = parseAnnouncementText(SMALL_ANNOUNCEMENT);
  if (!parsed.ok) throw new Error(parsed.error);
  const { inspectionId } = await storeImportedDocument({
    db: c.fx.db,
    actor: systemActor('matrix'),
    document: { ...parsed.document, inspection: { ...parsed.document.inspection, group: `矩阵台账${c.n}` } },
    unitId: unitOf(c),
  });
  if (archived)
    await c.fx.db
      .updateTable('inspections')
      .set({ archived_at: new Date().toISOString(), archive_reason: '矩阵测试', version: 2 })
      .where('id', '=', inspectionId)
      .execute();
  return inspectionId;
}
