/** Expected answers of the ledger-side routes for every role and unit. */
import { createHash } from 'node:crypto';
/**
 * Every API route × every role × (object of the actor's own unit, object of another unit): the expected status
 * of each cell. The rows come from the app's own route list, so a new route without a rule fails this test.
 */

import type { TChoices } from '@shared/api.ts';
import { TEST_PASSWORD } from './factories.ts';

import {
  ALL,
  scoped,
  read,
  WRITERS,
  measureWrite,
  versionOf,
  today,
  freshMeasure,
  unitOf,
  type TCtx,
  type TRule,
} from './permission-rules.ts';

/** Auth, ledger, measures, evidence and look-back routes. */
/** A fresh measure with a progress entry written a moment ago by another account. */
async function entryByAnother(c: TCtx): Promise<{ id: number; entryId: number }> {
  const id = await freshMeasure(c);
  const row = await c.fx.db
    .insertInto('progress_entries')
    .values({
      measure_id: id,
      entry_date: today(),
      text: '他人填报的进展。',
      created_by: c.ids.dummyUser[c.where],
      created_at: new Date().toISOString(),
      source: 'user',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, entryId: row.id };
}

export const LEDGER_ROUTE_RULES: Record<string, TRule> = {
  'GET /api/health': {
    request: () => ({ method: 'GET', url: '/api/health' }),
    expect: ALL(200),
    isPublic: true,
  },
  // Public, without a login: nothing here is public (no unit is), so every caller is answered alike.
  'POST /api/public/opinions': {
    request: () => ({
      method: 'POST',
      url: '/api/public/opinions',
      payload: { unitId: 1, content: '矩阵测试的意见内容', shownAt: Date.now() - 60_000 },
    }),
    expect: ALL(404),
    isPublic: true,
  },
  'GET /api/public/opinions/:code': {
    request: () => ({ method: 'GET', url: '/api/public/opinions/AAAAA-AAAAA' }),
    expect: ALL(404),
    isPublic: true,
  },
  'POST /api/auth/login': {
    request: () => ({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'coordinator-own', password: TEST_PASSWORD },
    }),
    expect: ALL(200),
    isPublic: true,
  },
  'POST /api/auth/logout': {
    request: () => ({ method: 'POST', url: '/api/auth/logout' }),
    expect: ALL(200),
    endsSession: true,
  },
  'POST /api/auth/logout-all': {
    request: () => ({ method: 'POST', url: '/api/auth/logout-all' }),
    expect: ALL(200),
    endsSession: true,
  },
  'GET /api/auth/me': { request: () => ({ method: 'GET', url: '/api/auth/me' }), expect: ALL(200) },
  'POST /api/auth/change-password': {
    request: () => ({
      method: 'POST',
      url: '/api/auth/change-password',
      payload: { currentPassword: 'not-the-password', newPassword: 'Another-pass-2026' },
    }),
    expect: ALL(422),
  },
  'GET /api/inspections': { request: () => ({ method: 'GET', url: '/api/inspections' }), expect: ALL(200) },
  'GET /api/measures': {
    request: (c) => ({
      method: 'GET',
      url: `/api/measures?inspection=${c.where === 'own' ? c.fx.inspectionId : c.fx.otherInspectionId}&pageSize=5`,
    }),
    expect: ALL(200),
    // Another unit's measures are simply not found: a total of 0 and no items, never a 403 that reveals them.
    sees: (body) => {
      const r = JSON.parse(body) as { total: number; items: unknown[] };
      return r.total > 0 && r.items.length > 0;
    },
  },
  'GET /api/dashboard': {
    request: (c) => ({
      method: 'GET',
      url: `/api/dashboard?unit=${c.where === 'own' ? c.fx.unitId : c.fx.otherUnitId}`,
    }),
    expect: ALL(200),
    sees: (body) => (JSON.parse(body) as { totals: { measures: number } }).totals.measures > 0,
  },
  'GET /api/dashboard/units': {
    request: (c) => ({
      method: 'GET',
      url: `/api/dashboard/units?unit=${c.where === 'own' ? c.fx.unitId : c.fx.otherUnitId}`,
    }),
    expect: ALL(200),
    // Another unit's ranking is simply empty: no row, never a 403 that reveals it.
    sees: (body) => (JSON.parse(body) as { total: number }).total > 0,
  },
  // The choice named in the address is listed only when it is in the reader's scope: never a 403 that reveals it.
  'GET /api/choices/units': {
    request: (c) => ({ method: 'GET', url: `/api/choices/units?selected=${unitOf(c)}&q=none-such` }),
    expect: ALL(200),
    sees: (body) => (JSON.parse(body) as TChoices).items.length > 0,
  },
  'GET /api/choices/inspections': {
    request: (c) => ({
      method: 'GET',
      url: `/api/choices/inspections?selected=${c.where === 'own' ? c.fx.inspectionId : c.fx.otherInspectionId}&q=none-such`,
    }),
    expect: ALL(200),
    sees: (body) => (JSON.parse(body) as TChoices).items.length > 0,
  },
  'GET /api/choices/rounds': {
    request: (c) => ({ method: 'GET', url: `/api/choices/rounds?unit=${unitOf(c)}` }),
    expect: ALL(200),
  },
  'POST /api/measures/export': {
    request: (c) => ({
      method: 'POST',
      url: '/api/measures/export',
      payload: { inspection: c.where === 'own' ? c.fx.inspectionId : c.fx.otherInspectionId },
    }),
    expect: ALL(200),
  },
  'GET /api/inspections/:id/ledger': {
    request: (c) => ({
      method: 'GET',
      url: `/api/inspections/${c.where === 'own' ? c.fx.inspectionId : c.fx.otherInspectionId}/ledger`,
    }),
    expect: read,
  },
  'POST /api/exports': {
    request: (c) => ({
      method: 'POST',
      url: '/api/exports',
      payload: {
        what: 'ledger',
        inspectionId: c.where === 'own' ? c.fx.inspectionId : c.fx.otherInspectionId,
      },
    }),
    // Every role may export what it may read; another unit's inspection is not found.
    expect: (role, where) => (read(role, where) === 200 ? 201 : 404),
  },
  'GET /api/exports/:token': {
    // A ticket made by another user (of either unit) is found by nobody else.
    request: async (c) => {
      const token = `matrix-${c.n}`;
      await c.fx.db
        .insertInto('export_tickets')
        .values({
          token_hash: createHash('sha256').update(token).digest('hex'),
          user_id: c.ids.dummyUser[c.where],
          sha256: 'x',
          file_name: 'x.xlsx',
          content_type: 'text/plain',
          created_at: new Date().toISOString(),
          expires_at: new Date(Date.now() + 60_000).toISOString(),
        })
        .execute();
      return { method: 'GET', url: `/api/exports/${token}` };
    },
    expect: ALL(404),
  },
  'GET /api/measures/:id': {
    request: async (c) => ({ method: 'GET', url: `/api/measures/${await freshMeasure(c)}` }),
    expect: read,
  },
  'POST /api/problems/:id/measures': {
    request: async (c) => {
      const p = await c.fx.db
        .selectFrom('problems')
        .select('id')
        .where('inspection_id', '=', c.where === 'own' ? c.fx.inspectionId : c.fx.otherInspectionId)
        .executeTakeFirstOrThrow();
      return { method: 'POST', url: `/api/problems/${p.id}/measures`, payload: { content: '新增的措施。' } };
    },
    expect: scoped(201, WRITERS),
  },
  'PATCH /api/measures/:id': {
    request: async (c) => {
      const id = await freshMeasure(c);
      return {
        method: 'PATCH',
        url: `/api/measures/${id}`,
        payload: { version: await versionOf(c.fx, 'measures', id), deadline: '2031-01-01' },
      };
    },
    expect: measureWrite(200, [...WRITERS, 'leader']),
  },
  'POST /api/measures/batch/reassign': {
    request: async (c) => {
      const id = await freshMeasure(c);
      return {
        method: 'POST',
        url: '/api/measures/batch/reassign',
        payload: {
          items: [{ id, version: await versionOf(c.fx, 'measures', id) }],
          personId: c.where === 'own' ? c.fx.personId : c.ids.otherPerson,
        },
      };
    },
    // The same rule as editing one measure: every measure goes through it.
    expect: measureWrite(200, [...WRITERS, 'leader']),
  },
  'POST /api/measures/batch/remind': {
    request: async (c) => ({
      method: 'POST',
      url: '/api/measures/batch/remind',
      payload: { ids: [await freshMeasure(c)], note: '请本周内报送进展。' },
    }),
    expect: measureWrite(200, ['inspection_office', 'coordinator', 'principal', 'leader', 'supervisor']),
  },
  'POST /api/measures/:id/progress': {
    request: async (c) => {
      const id = await freshMeasure(c);
      return {
        method: 'POST',
        url: `/api/measures/${id}/progress`,
        payload: { entryDate: today(), text: '进展。', version: await versionOf(c.fx, 'measures', id) },
      };
    },
    expect: measureWrite(201, [...WRITERS, 'leader', 'responsible']),
  },
  // Only the entry's author may correct or withdraw it (tested in progress-in-one-step.test.ts); here the author is
  // another account, so everyone who may record progress is refused too.
  'PATCH /api/measures/:id/progress/:entryId': {
    request: async (c) => {
      const { id, entryId } = await entryByAnother(c);
      return {
        method: 'PATCH',
        url: `/api/measures/${id}/progress/${entryId}`,
        payload: { entryDate: today(), text: '更正。', version: await versionOf(c.fx, 'measures', id) },
      };
    },
    expect: measureWrite(403, []),
  },
  'POST /api/measures/:id/progress/:entryId/withdraw': {
    request: async (c) => {
      const { id, entryId } = await entryByAnother(c);
      return {
        method: 'POST',
        url: `/api/measures/${id}/progress/${entryId}/withdraw`,
        payload: { reason: '填错了。', version: await versionOf(c.fx, 'measures', id) },
      };
    },
    expect: measureWrite(403, []),
  },
  'POST /api/measures/:id/uploads': {
    request: async (c) => ({
      method: 'POST',
      url: `/api/measures/${await freshMeasure(c)}/uploads`,
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from('%PDF-1.4 staged'),
    }),
    expect: measureWrite(201, [...WRITERS, 'leader', 'responsible']),
  },
  'POST /api/measures/:id/transitions': {
    request: async (c) => {
      const id = await freshMeasure(c);
      return {
        method: 'POST',
        url: `/api/measures/${id}/transitions`,
        payload: { action: 'start', version: await versionOf(c.fx, 'measures', id) },
      };
    },
    // The inspection office may attempt transitions (to confirm close-outs); the state machine refuses it a start (422).
    expect: (role, where) =>
      role === 'inspection_office'
        ? 422
        : measureWrite(200, [...WRITERS, 'leader', 'responsible'])(role, where),
  },
  'POST /api/measures/:id/comments': {
    request: async (c) => ({
      method: 'POST',
      url: `/api/measures/${await freshMeasure(c)}/comments`,
      payload: { text: '请加快进度。' },
    }),
    expect: (role, where) =>
      where === 'own' || role === 'admin' || role === 'inspection_office' ? 201 : 404,
  },
  'POST /api/measures/:id/evidence': {
    request: async (c) => ({
      method: 'POST',
      url: `/api/measures/${await freshMeasure(c)}/evidence`,
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from('%PDF-1.4 matrix'),
    }),
    expect: measureWrite(201, [...WRITERS, 'leader', 'responsible']),
  },
  'GET /api/evidence/:id': {
    request: async (c) => {
      const measureId = await freshMeasure(c);
      const sha = await c.ids.storage.put(new TextEncoder().encode('%PDF-1.4 stored'));
      const row = await c.fx.db
        .insertInto('evidence')
        .values({
          measure_id: measureId,
          progress_entry_id: null,
          sha256: sha,
          file_name: 'a.pdf',
          mime: 'application/pdf',
          size: 15,
          documented_date: null,
          uploaded_by: null,
          uploaded_at: new Date().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { method: 'GET', url: `/api/evidence/${row.id}` };
    },
    expect: read,
  },
  'GET /api/inspections/:id/lookbacks': {
    request: (c) => ({
      method: 'GET',
      url: `/api/inspections/${c.where === 'own' ? c.fx.inspectionId : c.fx.otherInspectionId}/lookbacks`,
    }),
    expect: read,
  },
  'POST /api/inspections/:id/lookbacks': {
    request: async (c) => {
      const id = await freshMeasure(c);
      await c.fx.db.updateTable('measures').set({ state: 'closed' }).where('id', '=', id).execute();
      return {
        method: 'POST',
        url: `/api/inspections/${c.where === 'own' ? c.fx.inspectionId : c.fx.otherInspectionId}/lookbacks`,
        payload: {
          scheduledDate: '2030-01-01',
          checkers: ['检查人'],
          scope: { kind: 'picked', measureIds: [id] },
        },
      };
    },
    expect: scoped(201, ['admin', 'inspection_office', 'coordinator']),
  },
  'POST /api/lookback-items/:id': {
    request: async (c) => {
      const id = await freshMeasure(c);
      await c.fx.db.updateTable('measures').set({ state: 'closed' }).where('id', '=', id).execute();
      const lookback = await c.fx.db
        .insertInto('lookbacks')
        .values({
          inspection_id: c.where === 'own' ? c.fx.inspectionId : c.fx.otherInspectionId,
          scheduled_date: '2030-01-01',
          checkers: '[]',
          note: null,
          created_by: null,
          created_at: new Date().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const item = await c.fx.db
        .insertInto('lookback_items')
        .values({
          lookback_id: lookback.id,
          measure_id: id,
          result: null,
          note: null,
          checked_by: null,
          checked_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return {
        method: 'POST',
        url: `/api/lookback-items/${item.id}`,
        payload: { result: 'holds', note: '成果巩固' },
      };
    },
    expect: scoped(200, ['admin', 'inspection_office', 'coordinator']),
  },
};
