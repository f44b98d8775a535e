/** Expected answers of the office-side routes for every role and unit. */

/**
 * Every API route × every role × (object of the actor's own unit, object of another unit): the expected status
 * of each cell. The rows come from the app's own route list, so a new route without a rule fails this test.
 */

import { insertFailedDelivery } from './receivers.ts';
import { parseAnnouncementText } from '@importers/announcement-text.importer.ts';

import { SMALL_ANNOUNCEMENT } from './factories.ts';

import {
  ALL,
  scoped,
  read,
  adminOnly,
  WRITERS,
  measureWrite,
  importRule,
  versionOf,
  unitOf,
  freshMeasure,
  freshOrder,
  freshLedger,
  IMPORTERS,
  type TRule,
} from './permission-rules.ts';

/** Work queues, plan and extensions, outcomes, documents, imports, administration and audit routes. */
export const OFFICE_ROUTE_RULES: Record<string, TRule> = {
  'GET /api/supervision-orders': {
    request: async (c) => {
      await freshOrder(c);
      return { method: 'GET', url: `/api/supervision-orders?unit=${unitOf(c)}` };
    },
    expect: ALL(200),
    // Another unit's orders are simply not listed: a total of 0, never a 403 that reveals them.
    sees: (body) => (JSON.parse(body) as { total: number }).total > 0,
  },
  'POST /api/supervision-orders': {
    request: async (c) => ({
      method: 'POST',
      url: '/api/supervision-orders',
      payload: { measureIds: [await freshMeasure(c)], reason: '矩阵测试督办', replyDeadline: '2030-12-31' },
    }),
    expect: scoped(201, ['inspection_office']),
  },
  'GET /api/supervision-orders/:id': {
    request: async (c) => ({ method: 'GET', url: `/api/supervision-orders/${await freshOrder(c)}` }),
    expect: read,
  },
  'POST /api/supervision-orders/:id/reply': {
    request: async (c) => ({
      method: 'POST',
      url: `/api/supervision-orders/${await freshOrder(c)}/reply`,
      payload: { text: '已按要求整改。', version: 1 },
    }),
    expect: scoped(200, ['coordinator', 'principal']),
  },
  'POST /api/supervision-orders/:id/decision': {
    request: async (c) => ({
      method: 'POST',
      url: `/api/supervision-orders/${await freshOrder(c, 'replied')}/decision`,
      payload: { accept: true, version: 1 },
    }),
    expect: scoped(200, ['inspection_office']),
  },
  'POST /api/supervision-orders/:id/interviews': {
    request: async (c) => ({
      method: 'POST',
      url: `/api/supervision-orders/${await freshOrder(c)}/interviews`,
      payload: {
        heldOn: '2026-01-05',
        interviewee: '第一责任人',
        interviewers: '巡察办主任',
        summary: '约谈情况。',
      },
    }),
    expect: scoped(200, ['inspection_office']),
  },
  'GET /api/close-out/queue': {
    request: () => ({ method: 'GET', url: '/api/close-out/queue' }),
    expect: ALL(200),
  },
  'GET /api/notifications': {
    request: () => ({ method: 'GET', url: '/api/notifications' }),
    expect: ALL(200),
  },
  'GET /api/notifications/badge': {
    request: () => ({ method: 'GET', url: '/api/notifications/badge' }),
    expect: ALL(200),
  },
  'GET /api/my-work': {
    request: () => ({ method: 'GET', url: '/api/my-work' }),
    expect: ALL(200),
  },
  'POST /api/notifications/read': {
    request: () => ({ method: 'POST', url: '/api/notifications/read' }),
    expect: ALL(200),
  },
  'POST /api/notifications/:id/read': {
    // Someone else's message: nobody may mark it, whatever their role (their own is tested in handoff-notices).
    request: async (c) => {
      const { id } = await c.fx.db
        .insertInto('notifications')
        .values({
          user_id: c.ids.dummyUser[c.where],
          text: '矩阵测试消息',
          measure_id: null,
          created_at: new Date().toISOString(),
          read_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { method: 'POST', url: `/api/notifications/${id}/read` };
    },
    expect: ALL(404),
  },
  'POST /api/inspections/:id/approve-plan': {
    request: (c) => ({
      method: 'POST',
      url: `/api/inspections/${c.where === 'own' ? c.fx.inspectionId : c.fx.otherInspectionId}/approve-plan`,
    }),
    expect: scoped(200, ['principal']),
  },
  // A ledger created by mistake: whoever may import into the unit may archive, restore or delete it (untouched).
  'POST /api/inspections/:id/archive': {
    request: async (c) => ({
      method: 'POST',
      url: `/api/inspections/${await freshLedger(c)}/archive`,
      payload: { version: 1, reason: '导入了错误的文件' },
    }),
    expect: scoped(200, IMPORTERS),
  },
  'POST /api/inspections/:id/restore': {
    request: async (c) => ({
      method: 'POST',
      url: `/api/inspections/${await freshLedger(c, true)}/restore`,
      payload: { version: 2 },
    }),
    expect: scoped(200, IMPORTERS),
  },
  'DELETE /api/inspections/:id': {
    request: async (c) => ({
      method: 'DELETE',
      url: `/api/inspections/${await freshLedger(c)}`,
      payload: { version: 1, reason: '导入到了错误的单位' },
    }),
    expect: scoped(200, IMPORTERS),
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
        // A different inspection each time: the same one twice is refused as a duplicate (import-duplicate.test.ts).
        payload: {
          document: {
            ...parsed.document,
            inspection: { ...parsed.document.inspection, group: `巡察组${c.n}` },
          },
          unitId: unitOf(c),
        },
      };
    },
    expect: importRule(201),
  },
  'GET /api/templates/breakdown.xlsx': {
    request: () => ({ method: 'GET', url: '/api/templates/breakdown.xlsx' }),
    expect: ALL(200),
  },
  'GET /api/admin/channels': {
    request: () => ({ method: 'GET', url: '/api/admin/channels' }),
    expect: adminOnly(200),
  },
  'PUT /api/admin/channels/:channel': {
    request: () => ({
      method: 'PUT',
      url: '/api/admin/channels/webhook',
      payload: { channel: 'webhook', enabled: false, url: 'https://example.org/zhenggai-hook' },
    }),
    expect: adminOnly(200),
  },
  'POST /api/admin/channels/:channel/test': {
    // A channel nobody set up in this matrix: the test answers at once that it is not set.
    request: () => ({ method: 'POST', url: '/api/admin/channels/dingtalk/test', payload: {} }),
    expect: adminOnly(200),
  },
  'GET /api/admin/deliveries': {
    request: () => ({ method: 'GET', url: '/api/admin/deliveries' }),
    expect: adminOnly(200),
  },
  'POST /api/admin/deliveries/:id/retry': {
    request: async (c) => ({
      method: 'POST',
      url: `/api/admin/deliveries/${await insertFailedDelivery(c.fx.db, '矩阵')}/retry`,
    }),
    expect: adminOnly(200),
  },
  'GET /api/me/channels': {
    request: () => ({ method: 'GET', url: '/api/me/channels' }),
    expect: ALL(200),
  },
  'PUT /api/me/channels': {
    request: () => ({ method: 'PUT', url: '/api/me/channels', payload: { modes: { email: 'digest' } } }),
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
