import { createHash } from 'node:crypto';
/**
 * Every API route × every role × (object of the actor's own unit, object of another unit): the expected status
 * of each cell. The rows come from the app's own route list, so a new route without a rule fails this test.
 */
import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAnnouncementText } from '@importers/announcement-text.importer.ts';
import { ROLES, type TRole } from '@shared/domain.ts';
import { writeBreakdownTemplate } from '@documents/ledger-xlsx.ts';
import { systemActor } from '../policies/actor.ts';
import { localDiskStorage, type TFileStorage } from '../storage/file-storage.ts';
import { insertMeasure } from '../repositories/measure.repository.ts';
import { ensureDepartment, insertPerson } from '../repositories/unit.repository.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, SMALL_ANNOUNCEMENT, TEST_PASSWORD, type TFixture } from '../test-support/factories.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';
import { createUser } from '../use-cases/users/create-user.ts';

type TWhere = 'own' | 'other';
type TCtx = { fx: TFixture; where: TWhere; n: number; ids: TIds };
type TIds = {
  otherDepartment: number;
  otherPerson: number;
  dummyUser: Record<TWhere, number>;
  template: Uint8Array;
  storage: TFileStorage;
};
type TRule = {
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
};

const ALL = (status: number) => () => status;
/** Allowed roles get `ok`; others 403. Objects of another unit: 404 unless the actor's scope reaches it. */
const scoped = (ok: number, allowed: readonly TRole[]) => (role: TRole, where: TWhere) => {
  const sees = where === 'own' || role === 'admin' || role === 'inspection_office';
  if (!sees) return 404;
  return allowed.includes(role) ? ok : 403;
};
/** Reads are visible to every role in scope; other units answer 404. */
const read = (role: TRole, where: TWhere) =>
  where === 'own' || role === 'admin' || role === 'inspection_office' ? 200 : 404;
const adminOnly = (ok: number) => (role: TRole) => (role === 'admin' ? ok : 403);
const WRITERS = ['admin', 'coordinator', 'principal'] as const;
const IMPORTERS = ['admin', 'inspection_office', 'coordinator'] as const;
/** Item-level rules (leader leads, responsible carries) are checked after scope: outside scope it is 404 for everyone. */
const measureWrite = (ok: number, allowed: readonly TRole[]) => (role: TRole, where: TWhere) => {
  if (where === 'other' && role !== 'admin' && role !== 'inspection_office') return 404;
  return allowed.includes(role) ? ok : 403;
};
const importRule = (ok: number) => (role: TRole, where: TWhere) => {
  if (!(IMPORTERS as readonly TRole[]).includes(role)) return 403;
  if (where === 'other' && role === 'coordinator') return 404;
  return ok;
};

async function freshMeasure({ fx, where, ids }: TCtx): Promise<number> {
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
const versionOf = async (fx: TFixture, table: 'measures' | 'units', id: number) =>
  (await fx.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
const unitOf = (c: TCtx) => (c.where === 'own' ? c.fx.unitId : c.fx.otherUnitId);
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

const RULES: Record<string, TRule> = {
  'GET /api/health': {
    request: () => ({ method: 'GET', url: '/api/health' }),
    expect: ALL(200),
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
  'GET /api/close-out/queue': {
    request: () => ({ method: 'GET', url: '/api/close-out/queue' }),
    expect: ALL(200),
  },
  'GET /api/notifications': {
    request: () => ({ method: 'GET', url: '/api/notifications' }),
    expect: ALL(200),
  },
  'POST /api/notifications/read': {
    request: () => ({ method: 'POST', url: '/api/notifications/read' }),
    expect: ALL(200),
  },
  'POST /api/inspections/:id/approve-plan': {
    request: (c) => ({
      method: 'POST',
      url: `/api/inspections/${c.where === 'own' ? c.fx.inspectionId : c.fx.otherInspectionId}/approve-plan`,
    }),
    expect: scoped(200, ['principal']),
  },
  'PATCH /api/inspections/:id/settings': {
    request: (c) => ({
      method: 'PATCH',
      url: `/api/inspections/${c.where === 'own' ? c.fx.inspectionId : c.fx.otherInspectionId}/settings`,
      payload: { requiresOfficeConfirmation: false },
    }),
    // Settings that bind the inspected unit are the inspection office's alone.
    expect: scoped(200, ['inspection_office']),
  },
  'POST /api/measures/:id/extensions': {
    request: async (c) => ({
      method: 'POST',
      url: `/api/measures/${await freshMeasure(c)}/extensions`,
      payload: { deadline: '2031-06-30', reason: '需协调外部单位' },
    }),
    expect: measureWrite(201, [...WRITERS, 'leader', 'responsible']),
  },
  'POST /api/extensions/:id/decision': {
    request: async (c) => {
      const measureId = await freshMeasure(c);
      const row = await c.fx.db
        .insertInto('extension_requests')
        .values({
          measure_id: measureId,
          new_deadline: '2031-06-30',
          new_is_standing: null,
          new_content: null,
          reason: 'x',
          status: 'pending',
          deadline_at_request: '2030-12-31',
          was_overdue: 0,
          requested_by: null,
          requested_at: new Date().toISOString(),
          decided_by: null,
          decided_at: null,
          decision_note: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { method: 'POST', url: `/api/extensions/${row.id}/decision`, payload: { approve: true } };
    },
    expect: scoped(200, ['principal']),
  },
  'GET /api/inspections/:id/outcomes': {
    request: (c) => ({
      method: 'GET',
      url: `/api/inspections/${c.where === 'own' ? c.fx.inspectionId : c.fx.otherInspectionId}/outcomes`,
    }),
    expect: read,
  },
  'POST /api/inspections/:id/outcomes/rules': {
    request: (c) => ({
      method: 'POST',
      url: `/api/inspections/${c.where === 'own' ? c.fx.inspectionId : c.fx.otherInspectionId}/outcomes/rules`,
      payload: { title: `制度${c.n}`, kind: 'new' },
    }),
    expect: scoped(201, WRITERS),
  },
  'POST /api/inspections/:id/outcomes/money': {
    request: (c) => ({
      method: 'POST',
      url: `/api/inspections/${c.where === 'own' ? c.fx.inspectionId : c.fx.otherInspectionId}/outcomes/money`,
      payload: { kind: '清退', amountYuan: 1200.5, fromWhom: '某某' },
    }),
    expect: scoped(201, WRITERS),
  },
  'POST /api/inspections/:id/outcomes/accountability': {
    request: (c) => ({
      method: 'POST',
      url: `/api/inspections/${c.where === 'own' ? c.fx.inspectionId : c.fx.otherInspectionId}/outcomes/accountability`,
      payload: { kind: '诫勉谈话', people: 1 },
    }),
    expect: scoped(201, WRITERS),
  },
  'GET /api/inspections/:id/documents/:file': {
    request: (c) => ({
      method: 'GET',
      url: `/api/inspections/${c.where === 'own' ? c.fx.inspectionId : c.fx.otherInspectionId}/documents/plan.txt`,
    }),
    expect: read,
  },
  'GET /api/inspections/:id/announcements': {
    request: (c) => ({
      method: 'GET',
      url: `/api/inspections/${c.where === 'own' ? c.fx.inspectionId : c.fx.otherInspectionId}/announcements`,
    }),
    expect: read,
  },
  'PUT /api/inspections/:id/announcements/draft': {
    request: async (c) => {
      const inspectionId = c.where === 'own' ? c.fx.inspectionId : c.fx.otherInspectionId;
      const latest = await c.fx.db
        .selectFrom('announcements')
        .select('version')
        .where('inspection_id', '=', inspectionId)
        .orderBy('version_no', 'desc')
        .executeTakeFirst();
      return {
        method: 'PUT',
        url: `/api/inspections/${inspectionId}/announcements/draft`,
        payload: {
          section1Heading: '一',
          section1Text: '',
          section3Heading: '三',
          section3Text: '',
          version: latest?.version ?? 0,
        },
      };
    },
    expect: scoped(200, ['admin', 'coordinator', 'principal']),
  },
  'POST /api/announcements/:id/:step': {
    request: async (c) => {
      const row = await c.fx.db
        .insertInto('announcements')
        .values({
          inspection_id: c.where === 'own' ? c.fx.inspectionId : c.fx.otherInspectionId,
          version_no: 1000 + c.n,
          status: 'draft',
          section1_heading: null,
          section1_text: null,
          section3_heading: null,
          section3_text: null,
          include_statistics: 0,
          published_text: null,
          published_html: null,
          published_docx_sha: null,
          created_by: null,
          created_at: new Date().toISOString(),
          submitted_at: null,
          approved_by: null,
          approved_at: null,
          published_by: null,
          published_at: null,
          withdrawn_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { method: 'POST', url: `/api/announcements/${row.id}/submit` };
    },
    expect: scoped(200, ['admin', 'coordinator', 'principal']),
  },
  'GET /api/inspections/:id/monthly-reports': {
    request: (c) => ({
      method: 'GET',
      url: `/api/inspections/${c.where === 'own' ? c.fx.inspectionId : c.fx.otherInspectionId}/monthly-reports`,
    }),
    expect: read,
  },
  'POST /api/inspections/:id/monthly-reports': {
    request: (c) => ({
      method: 'POST',
      url: `/api/inspections/${c.where === 'own' ? c.fx.inspectionId : c.fx.otherInspectionId}/monthly-reports`,
      payload: { month: `19${String(c.n % 100).padStart(2, '0')}-01` },
    }),
    expect: scoped(201, ['coordinator', 'principal']),
  },
  'POST /api/imports/preview': {
    request: (c) => ({
      method: 'POST',
      url: `/api/imports/preview?unitId=${unitOf(c)}`,
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from(c.ids.template),
    }),
    expect: importRule(200),
  },
  'POST /api/imports/confirm': {
    request: (c) => {
      const parsed = parseAnnouncementText(SMALL_ANNOUNCEMENT);
      if (!parsed.ok) throw new Error(parsed.error);
      return {
        method: 'POST',
        url: '/api/imports/confirm',
        payload: { document: parsed.document, unitId: unitOf(c) },
      };
    },
    expect: importRule(201),
  },
  'GET /api/templates/breakdown.xlsx': {
    request: () => ({ method: 'GET', url: '/api/templates/breakdown.xlsx' }),
    expect: ALL(200),
  },
  'GET /api/admin/units': {
    request: () => ({ method: 'GET', url: '/api/admin/units' }),
    expect: adminOnly(200),
  },
  'POST /api/admin/units': {
    request: (c) => ({
      method: 'POST',
      url: '/api/admin/units',
      payload: { parentId: unitOf(c), name: `下属单位${c.n}` },
    }),
    expect: adminOnly(201),
  },
  'PATCH /api/admin/units/:id': {
    request: async (c) => ({
      method: 'PATCH',
      url: `/api/admin/units/${unitOf(c)}`,
      payload: { version: await versionOf(c.fx, 'units', unitOf(c)), phone: `8551${c.n}` },
    }),
    expect: adminOnly(200),
  },
  'POST /api/admin/units/:id/departments': {
    request: (c) => ({
      method: 'POST',
      url: `/api/admin/units/${unitOf(c)}/departments`,
      payload: { name: `部室${c.n}` },
    }),
    expect: adminOnly(201),
  },
  'POST /api/admin/units/:id/people': {
    request: (c) => ({
      method: 'POST',
      url: `/api/admin/units/${unitOf(c)}/people`,
      payload: { name: `人员${c.n}` },
    }),
    expect: adminOnly(201),
  },
  'GET /api/admin/users': {
    request: () => ({ method: 'GET', url: '/api/admin/users' }),
    expect: adminOnly(200),
  },
  'POST /api/admin/users': {
    request: (c) => ({
      method: 'POST',
      url: '/api/admin/users',
      payload: {
        username: `matrix-user-${c.n}`,
        displayName: '矩阵',
        role: 'responsible',
        unitId: unitOf(c),
        password: 'Matrix-pass-2026',
      },
    }),
    expect: adminOnly(201),
  },
  'PATCH /api/admin/users/:id': {
    request: (c) => ({
      method: 'PATCH',
      url: `/api/admin/users/${c.ids.dummyUser[c.where]}`,
      payload: { displayName: `改名${c.n}` },
    }),
    expect: adminOnly(200),
  },
  'POST /api/admin/users/:id/reset-password': {
    request: (c) => ({
      method: 'POST',
      url: `/api/admin/users/${c.ids.dummyUser[c.where]}/reset-password`,
      payload: { password: `Reset-pass-${c.n}-x` },
    }),
    expect: adminOnly(200),
  },
  'GET /api/audit': {
    request: () => ({ method: 'GET', url: '/api/audit' }),
    expect: (role) => (['admin', 'inspection_office', 'principal', 'supervisor'].includes(role) ? 200 : 403),
  },
};

describe.each(testEngines())('permission matrix on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  let ids: TIds;
  const cookies = new Map<TRole, string>();
  beforeAll(async () => {
    fx = fixture();
    const actor = systemActor('test');
    const otherDepartment = await ensureDepartment(fx.db, fx.otherUnitId, '其他部室', false);
    const otherPerson = await insertPerson(fx.db, {
      unitId: fx.otherUnitId,
      departmentId: otherDepartment,
      name: '他单位人员',
      position: null,
      isDemo: false,
    });
    const dummy = async (unitId: number, name: string) =>
      createUser({
        db: fx.db,
        actor,
        username: name,
        displayName: name,
        password: TEST_PASSWORD,
        role: 'responsible',
        unitId,
      });
    ids = {
      otherDepartment,
      otherPerson,
      dummyUser: {
        own: await dummy(fx.unitId, 'dummy-own'),
        other: await dummy(fx.otherUnitId, 'dummy-other'),
      },
      template: await writeBreakdownTemplate(),
      storage: localDiskStorage(fx.config.filesDir),
    };
  });

  const routes = () =>
    fx.app.apiRoutes.filter((r) => r.url.startsWith('/api/')).map((r) => `${r.method} ${r.url}`);

  it('has a rule for every API route', () => {
    const missing = routes().filter((r) => !(r in RULES));
    expect(missing, 'routes without a rule in the permission matrix').toEqual([]);
    expect(
      Object.keys(RULES).filter((r) => !routes().includes(r)),
      'rules for routes that no longer exist',
    ).toEqual([]);
  });

  it('answers every protected route with 401 when not logged in', async () => {
    let n = 0;
    for (const route of routes()) {
      const rule = RULES[route];
      if (!rule || rule.isPublic) continue;
      const req = await rule.request({ fx, where: 'own', n: (n += 1), ids });
      const res = await fx.app.inject({
        ...req,
        headers: { 'x-requested-with': 'zhenggai', ...(req.headers ?? {}) },
      } as InjectOptions);
      expect(res.statusCode, route).toBe(401);
    }
  });

  it('gives each role on its own and another unit exactly the expected status', async () => {
    let n = 100;
    const cells: string[] = [];
    for (const route of routes()) {
      const rule = RULES[route];
      if (!rule) continue;
      for (const role of ROLES) {
        for (const where of ['own', 'other'] as const) {
          n += 1;
          let cookie = cookies.get(role);
          if (!cookie) {
            cookie = await fx.login(role, 'own');
            cookies.set(role, cookie);
          }
          const req = await rule.request({ fx, where, n, ids });
          const res = await fx.app.inject({
            ...req,
            headers: { ...authed(cookie), ...(req.headers ?? {}) },
          } as InjectOptions);
          const expected = rule.expect(role, where);
          if (res.statusCode !== expected)
            cells.push(
              `${route} as ${role} on ${where} unit: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 120)}`,
            );
          if (rule.endsSession) cookies.delete(role);
        }
      }
    }
    expect(cells).toEqual([]);
  });
});
