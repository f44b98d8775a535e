/**
 * A ledger created by mistake (issue #14), on both databases: archived, it stays readable but leaves the inspection
 * list, the measure search, the dashboard and the work queues, and takes no write on any path until restored; while
 * untouched it may be deleted (audited, the chain kept); a ledger with recorded work cannot be deleted and only the
 * inspection office may archive it. Tried as an attacker: another role, a stale version, work recorded between the
 * look and the click, a deletion racing writes on its measures, two deletions at once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TDashboard, TInspectionView, TLedgerView, TMeasureSearchResult } from '@shared/api.ts';
import { parseAnnouncementText } from '@importers/announcement-text.importer.ts';
import { verifyAuditChain } from '../audit/audit-chain.ts';
import { systemActor } from '../policies/actor.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, SMALL_ANNOUNCEMENT, type TFixture } from '../test-support/factories.ts';
import { sessionCookies } from '../test-support/measure-calls.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';
import { ensureDepartment, insertPerson } from '../repositories/unit.repository.ts';
import { storeImportedDocument } from '../use-cases/imports/store-imported-document.ts';
import { ARCHIVED_LEDGER_MESSAGE } from '../use-cases/inspections/load-inspection.ts';

describe.each(testEngines())('archiving and deleting a ledger created by mistake on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  const cookies = sessionCookies(fixture);
  let n = 0;
  beforeAll(() => {
    fx = fixture();
  });

  /** A fresh ledger in the fixture's own unit, as an import makes it; its id and measure ids. */
  const freshLedger = async (): Promise<{ id: number; measures: number[]; problem: number }> => {
    n += 1;
    const parsed = parseAnnouncementText(SMALL_ANNOUNCEMENT);
    if (!parsed.ok) throw new Error(parsed.error);
    const made = await storeImportedDocument({
      db: fx.db,
      actor: systemActor('test'),
      document: {
        ...parsed.document,
        inspection: { ...parsed.document.inspection, group: `误建巡察组${n}` },
      },
      unitId: fx.unitId,
    });
    return { id: made.inspectionId, measures: made.measureIds, problem: made.problemIds[0] ?? 0 };
  };
  const call = async (
    who: string,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: Record<string, unknown>,
  ) =>
    fx.app.inject({
      method,
      url,
      headers: authed(await cookies.as(who as never)),
      ...(payload ? { payload } : {}),
    });
  const ledger = async (id: number, who = 'coordinator') =>
    (await call(who, 'GET', `/api/inspections/${id}/ledger`)).json<TLedgerView>();
  const listed = async (query = '') =>
    (await call('inspection_office', 'GET', `/api/inspections?pageSize=200${query}`))
      .json<TInspectionView[]>()
      .map((i) => i.id);
  const searchTotal = async (inspectionId?: number) =>
    (
      await call(
        'inspection_office',
        'GET',
        `/api/measures?pageSize=1${inspectionId === undefined ? '' : `&inspection=${inspectionId}`}`,
      )
    ).json<TMeasureSearchResult>().total;
  const dashboardMeasures = async () =>
    (await call('inspection_office', 'GET', '/api/dashboard')).json<TDashboard>().totals.measures;
  const archive = (who: string, id: number, version: number, reason = '导入了错误的文件') =>
    call(who, 'POST', `/api/inspections/${id}/archive`, { version, reason });
  const remove = (who: string, id: number, version: number, reason = '导入到了错误的单位') =>
    call(who, 'DELETE', `/api/inspections/${id}`, { version, reason });
  const auditKinds = async (id: number) =>
    (
      await fx.db
        .selectFrom('audit_events')
        .select('kind')
        .where('object_type', '=', 'inspection')
        .where('object_id', '=', id)
        .orderBy('seq')
        .execute()
    ).map((r) => r.kind);

  it('archives an untouched ledger: readable, out of every list and figure, no writes, until restored', async () => {
    const { id, measures, problem } = await freshLedger();
    const measure = measures[0] ?? 0;
    const totalBefore = await searchTotal();
    const dashboardBefore = await dashboardMeasures();
    expect(await searchTotal(id)).toBe(measures.length);
    const view = await ledger(id);
    expect(view.retirement).toEqual({ canArchive: true, canRestore: false, canDelete: true, touches: [] });
    expect(view.inspection.archived).toBeNull();

    const done = await archive('coordinator', id, view.inspection.version);
    expect(done.statusCode).toBe(200);

    // Readable, marked, nothing offered on it but restoring or deleting.
    const archived = await ledger(id);
    expect(archived.inspection.archived).toMatchObject({ reason: '导入了错误的文件' });
    expect(archived.retirement).toMatchObject({ canArchive: false, canRestore: true, canDelete: true });
    expect(archived.canCreateMeasure).toBe(false);
    const allowed = archived.categories.flatMap((c) =>
      c.problems.flatMap((p) => p.measures.map((m) => m.allowed)),
    );
    expect(allowed.flat()).toEqual([]);
    const detail = await call('coordinator', 'GET', `/api/measures/${measure}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json<{ measure: { allowed: string[] }; canComment: boolean }>()).toMatchObject({
      measure: { allowed: [] },
      canComment: false,
    });

    // Out of the list (shown when asked for), the search and the dashboard.
    expect(await listed()).not.toContain(id);
    expect(await listed('&archived=true')).toEqual([id]);
    expect(await searchTotal()).toBe(totalBefore - measures.length);
    expect(await searchTotal(id)).toBe(0);
    expect(await dashboardMeasures()).toBe(dashboardBefore - measures.length);

    // Every path of a write answers the same clear refusal.
    const version = detail.json<{ measure: { version: number } }>().measure.version;
    const writes = [
      await call('coordinator', 'PATCH', `/api/measures/${measure}`, { version, deadline: '2030-06-30' }),
      await call('coordinator', 'POST', `/api/measures/${measure}/progress`, {
        version,
        entryDate: '2026-12-01',
        text: '已完成',
      }),
      await call('coordinator', 'POST', `/api/measures/${measure}/transitions`, { version, action: 'start' }),
      await call('coordinator', 'POST', `/api/measures/${measure}/comments`, { text: '请抓紧' }),
      await call('coordinator', 'POST', `/api/problems/${problem}/measures`, {
        content: '新增一条措施。',
        departmentId: null,
        leaderId: null,
        personId: null,
        deadline: null,
        isStanding: false,
      }),
      await call('principal', 'POST', `/api/inspections/${id}/approve-plan`, {}),
      await call('inspection_office', 'PATCH', `/api/inspections/${id}/settings`, {
        requiresOfficeConfirmation: true,
      }),
      await call('coordinator', 'PUT', `/api/inspections/${id}/announcements/draft`, {
        section1Heading: '一、整改工作开展情况',
        section1Text: '正文。',
        section3Heading: '三、下一步工作打算',
        section3Text: '正文。',
        version: 1,
      }),
    ];
    for (const w of writes) {
      expect(w.statusCode, w.body).toBe(409);
      expect(w.json<{ message: string }>().message).toBe(ARCHIVED_LEDGER_MESSAGE);
    }
    // Archiving twice is refused; the version moved on.
    expect((await archive('coordinator', id, archived.inspection.version)).statusCode).toBe(409);

    // Restored: back in the list, the search and the figures, and writable again.
    const restored = await call('coordinator', 'POST', `/api/inspections/${id}/restore`, {
      version: archived.inspection.version,
    });
    expect(restored.statusCode).toBe(200);
    expect(await listed()).toContain(id);
    expect(await searchTotal(id)).toBe(measures.length);
    const comment = await call('coordinator', 'POST', `/api/measures/${measure}/comments`, {
      text: '请抓紧',
    });
    expect(comment.statusCode).toBe(201);
    expect(await auditKinds(id)).toEqual([
      'inspection.imported',
      'inspection.ledger_archived',
      'inspection.ledger_restored',
    ]);
  });

  it('refuses a stale version, a missing reason and the roles that may not retire a ledger', async () => {
    const { id } = await freshLedger();
    const stale = await archive('coordinator', id, 7);
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ message: string }>().message).toContain('刷新');
    const noReason = await archive('coordinator', id, 1, ' ');
    expect(noReason.statusCode).toBeGreaterThanOrEqual(400);
    expect(noReason.statusCode).toBeLessThan(500);
    expect(noReason.json<{ message: string }>().message).toContain('原因');
    for (const reason of ['误'.repeat(501), '导入\u0000错误']) {
      const hostile = await archive('coordinator', id, 1, reason);
      expect(hostile.statusCode, reason.slice(0, 10)).toBeGreaterThanOrEqual(400);
      expect(hostile.statusCode).toBeLessThan(500);
    }
    for (const role of ['principal', 'leader', 'responsible', 'supervisor']) {
      expect((await archive(role, id, 1)).statusCode, role).toBe(403);
      expect((await remove(role, id, 1)).statusCode, role).toBe(403);
    }
    // Another unit's coordinator does not find it at all.
    const outsider = await fx.app.inject({
      method: 'DELETE',
      url: `/api/inspections/${id}`,
      headers: authed(await cookies.as('coordinator', 'other')),
      payload: { version: 1, reason: '试图删除别人的台账' },
    });
    expect(outsider.statusCode).toBe(404);
    expect((await ledger(id)).inspection.archived).toBeNull();
    expect(await auditKinds(id)).toEqual(['inspection.imported']);
  });

  it('deletes an untouched ledger with what its import wrote; the audit chain keeps the record', async () => {
    const { id, measures } = await freshLedger();
    const deleted = await remove('coordinator', id, 1);
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect((await call('coordinator', 'GET', `/api/inspections/${id}/ledger`)).statusCode).toBe(404);
    expect((await call('coordinator', 'GET', `/api/measures/${measures[0] ?? 0}`)).statusCode).toBe(404);
    for (const table of ['measures', 'problems', 'categories', 'announcements'] as const) {
      const left = await fx.db.selectFrom(table).select('id').where('inspection_id', '=', id).execute();
      expect(left, table).toEqual([]);
    }
    const progress = await fx.db
      .selectFrom('progress_entries')
      .select('id')
      .where('measure_id', 'in', measures)
      .execute();
    expect(progress).toEqual([]);
    const entry = await fx.db
      .selectFrom('audit_events')
      .select(['kind', 'before_json', 'after_json'])
      .where('object_type', '=', 'inspection')
      .where('object_id', '=', id)
      .where('kind', '=', 'inspection.ledger_deleted')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.before_json ?? '{}')).toMatchObject({ measures: measures.length });
    expect(JSON.parse(entry.after_json ?? '{}')).toEqual({ reason: '导入到了错误的单位' });
    expect(await verifyAuditChain(fx.db)).toMatchObject({ ok: true });
  });

  it('keeps a ledger with recorded work: no deletion, archived by the inspection office only', async () => {
    const { id, measures } = await freshLedger();
    const measure = measures[0] ?? 0;
    // Read once untouched (the flags are kept until the next write), then touched: the next read shows it.
    expect((await ledger(id)).retirement).toMatchObject({ canDelete: true, touches: [] });
    const version = (await call('coordinator', 'GET', `/api/measures/${measure}`)).json<{
      measure: { version: number };
    }>().measure.version;
    const edited = await call('coordinator', 'PATCH', `/api/measures/${measure}`, {
      version,
      deadline: '2030-06-30',
    });
    expect(edited.statusCode).toBe(200);
    const view = await ledger(id);
    expect(view.retirement).toEqual({
      canArchive: false,
      canRestore: false,
      canDelete: false,
      touches: ['措施已修改或流转'],
    });
    const refusedDelete = await remove('coordinator', id, 1);
    expect(refusedDelete.statusCode).toBe(409);
    expect(refusedDelete.json<{ message: string }>().message).toContain('措施已修改或流转');
    const refusedArchive = await archive('coordinator', id, 1);
    expect(refusedArchive.statusCode).toBe(403);
    expect(refusedArchive.json<{ message: string }>().message).toContain('巡察办');
    expect((await ledger(id, 'inspection_office')).retirement.canArchive).toBe(true);
    expect((await archive('inspection_office', id, 1, '该单位已撤并，台账停止跟踪')).statusCode).toBe(200);
    expect(await listed()).not.toContain(id);
  });

  it('keeps an archived ledger as it was through a hand-over and a department merge elsewhere in the unit', async () => {
    const { id, measures } = await freshLedger();
    const [kept = 0, moved = 0] = measures;
    const leaving = await insertPerson(fx.db, {
      unitId: fx.unitId,
      departmentId: null,
      name: `离任者${n}`,
      position: null,
      isDemo: false,
    });
    const closing = await ensureDepartment(fx.db, fx.unitId, `撤并科室${n}`, false);
    // One measure of the ledger to be archived, one of the fixture's working ledger, each carried by both.
    for (const m of [kept, fx.measureIds[4] ?? moved])
      await fx.db
        .updateTable('measures')
        .set({ person_id: leaving, department_id: closing })
        .where('id', '=', m)
        .execute();
    expect((await archive('coordinator', id, 1)).statusCode).toBe(200);
    const handOver = await call('admin', 'POST', `/api/admin/people/${leaving}/handover`, {
      successorId: fx.personId,
    });
    expect(handOver.statusCode, handOver.body).toBe(200);
    expect(handOver.json<{ measures: number }>().measures).toBe(1);
    const department = await fx.db
      .selectFrom('departments')
      .select('version')
      .where('id', '=', closing)
      .executeTakeFirstOrThrow();
    const merge = await call('admin', 'POST', `/api/admin/departments/${closing}/merge`, {
      version: department.version,
      intoId: fx.departmentId,
    });
    expect(merge.statusCode, merge.body).toBe(200);
    const row = await fx.db
      .selectFrom('measures')
      .select(['person_id', 'department_id', 'version'])
      .where('id', '=', kept)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ person_id: leaving, department_id: closing, version: 1 });
  });

  it('refuses the decisions waiting on an archived ledger: an extension request and a look-back result', async () => {
    const { id, measures } = await freshLedger();
    const measure = measures[0] ?? 0;
    const at = new Date().toISOString();
    const extension = await fx.db
      .insertInto('extension_requests')
      .values({
        measure_id: measure,
        new_deadline: '2031-06-30',
        new_is_standing: null,
        new_content: null,
        reason: '需协调外部单位',
        status: 'pending',
        deadline_at_request: '2030-12-31',
        was_overdue: 0,
        requested_by: null,
        requested_at: at,
        decided_by: null,
        decided_at: null,
        decision_note: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const lookback = await fx.db
      .insertInto('lookbacks')
      .values({
        inspection_id: id,
        scheduled_date: '2030-01-01',
        checkers: '[]',
        note: null,
        created_by: null,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const item = await fx.db
      .insertInto('lookback_items')
      .values({
        lookback_id: lookback.id,
        measure_id: measure,
        result: null,
        note: null,
        checked_by: null,
        checked_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Work is waiting on it: only the inspection office archives it.
    expect((await archive('inspection_office', id, 1, '该单位已撤并，台账停止跟踪')).statusCode).toBe(200);
    for (const w of [
      await call('principal', 'POST', `/api/extensions/${extension.id}/decision`, { approve: true }),
      await call('coordinator', 'POST', `/api/lookback-items/${item.id}`, {
        result: 'relapsed',
        note: '问题反弹',
      }),
    ]) {
      expect(w.statusCode, w.body).toBe(409);
      expect(w.json<{ message: string }>().message).toBe(ARCHIVED_LEDGER_MESSAGE);
    }
  });

  it('lets the document be imported again once its mistaken ledger is archived', async () => {
    const { id } = await freshLedger();
    const parsed = parseAnnouncementText(SMALL_ANNOUNCEMENT);
    if (!parsed.ok) throw new Error(parsed.error);
    const document = {
      ...parsed.document,
      inspection: { ...parsed.document.inspection, group: `误建巡察组${n}` },
    };
    const confirm = () =>
      call('coordinator', 'POST', '/api/imports/confirm', {
        document,
        unitId: fx.unitId,
        inspectionId: null,
      });
    expect((await confirm()).statusCode).toBe(409);
    expect((await archive('coordinator', id, 1)).statusCode).toBe(200);
    expect((await confirm()).statusCode).toBe(201);
  });

  it('never half-deletes: a deletion racing edits of its measures, and two deletions at once', async () => {
    for (let round = 0; round < 4; round += 1) {
      const { id, measures } = await freshLedger();
      const writes = measures.map((m) =>
        call('coordinator', 'PATCH', `/api/measures/${m}`, { version: 1, deadline: '2030-06-30' }),
      );
      const [deletion, ...edits] = await Promise.all([remove('coordinator', id, 1), ...writes]);
      const statuses = edits.map((e) => e.statusCode);
      for (const s of [deletion?.statusCode, ...statuses]) expect([200, 404, 409]).toContain(s);
      const left = await fx.db.selectFrom('measures').select('id').where('inspection_id', '=', id).execute();
      if (deletion?.statusCode === 200) {
        // Deleted: no edit landed, nothing of the ledger is left.
        expect(statuses.every((s) => s !== 200)).toBe(true);
        expect(left).toEqual([]);
      } else {
        // Kept: refused because work was recorded first, every measure still there.
        expect(deletion?.statusCode).toBe(409);
        expect(statuses.some((s) => s === 200)).toBe(true);
        expect(left).toHaveLength(measures.length);
      }
    }
    // Two archivings of the same version at once (two people, one click each): one lands, one entry.
    const raced = await freshLedger();
    const archivings = await Promise.all([
      archive('coordinator', raced.id, 1),
      archive('inspection_office', raced.id, 1, '同时归档'),
    ]);
    expect(archivings.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await auditKinds(raced.id)).filter((k) => k === 'inspection.ledger_archived')).toHaveLength(1);
    const { id } = await freshLedger();
    const both = await Promise.all([remove('coordinator', id, 1), remove('inspection_office', id, 1)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 404]);
    const entries = await auditKinds(id);
    expect(entries.filter((k) => k === 'inspection.ledger_deleted')).toHaveLength(1);
  });
});
