import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TAnnouncementView } from '@shared/api.ts';
import { todayInChina } from '@shared/chinese.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, type TFixture, exportFile } from '../test-support/factories.ts';
import { pdfFonts } from '../use-cases/documents/render.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';

const DRAFT = {
  section1Heading: '提高站位,切实抓好整改',
  section1Text: '局党组认真履行整改主体责任。\n(一)加强组织领导。成立整改工作领导小组。',
  section3Heading: '持续巩固整改成果',
  section3Text: '对已完成的整改任务适时组织“回头看”。',
  includeStatistics: true,
};

describe.each(testEngines())('documents on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    fx = fixture();
    for (const role of ['coordinator', 'principal', 'supervisor', 'responsible'] as const)
      cookies[role] = await fx.login(role);
  });
  const c = (role: string) => cookies[role] ?? '';
  const versions = async () =>
    (
      await fx.app.inject({
        method: 'GET',
        url: `/api/inspections/${fx.inspectionId}/announcements`,
        headers: { cookie: c('coordinator') },
      })
    ).json<TAnnouncementView[]>();
  const step = (role: string, id: number, s: string, opinion?: string) =>
    fx.app.inject({
      method: 'POST',
      url: `/api/announcements/${id}/${s}`,
      headers: authed(c(role)),
      payload: opinion === undefined ? {} : { opinion },
    });
  const save = async (role: string, body: Record<string, unknown> = {}) =>
    fx.app.inject({
      method: 'PUT',
      url: `/api/inspections/${fx.inspectionId}/announcements/draft`,
      headers: authed(c(role)),
      payload: { ...DRAFT, version: (await versions())[0]?.version ?? 0, ...body },
    });
  const doc = (file: string, role = 'coordinator') =>
    fx.app.inject({
      method: 'GET',
      url: `/api/inspections/${fx.inspectionId}/documents/${file}`,
      headers: { cookie: c(role) },
    });

  it('drafts, submits, approves as principal and publishes an announcement, which is then frozen', async () => {
    expect((await save('responsible')).statusCode).toBe(403);
    expect((await save('coordinator')).statusCode).toBe(200);
    const [draft] = await versions();
    expect(draft).toMatchObject({ versionNo: 1, status: 'draft', allowed: ['edit', 'submit'] });
    const preview = await doc('announcement.txt');
    const previewText = preview.body.normalize('NFKC');
    expect(previewText).toContain('一、提高站位,切实抓好整改');
    expect(previewText).toContain('(一)贯彻落实上级决策部署有差距');
    expect(previewText).toContain('1.关于“学习不深入”问题的整改情况。一是建立学习制度。二是开展集中研讨。');
    expect(previewText).toContain('三、持续巩固整改成果');
    expect(previewText).toContain('截至目前,巡察反馈的3个问题已完成整改0个,正在整改3个,整改完成率0%。');
    expect((await step('coordinator', draft?.id ?? 0, 'publish')).statusCode).toBe(422);
    expect((await step('coordinator', draft?.id ?? 0, 'submit')).statusCode).toBe(200);
    expect((await step('coordinator', draft?.id ?? 0, 'approve')).statusCode).toBe(403);
    expect((await step('principal', draft?.id ?? 0, 'approve')).statusCode).toBe(200);
    expect((await step('principal', draft?.id ?? 0, 'publish')).statusCode).toBe(200);
    const published = await doc(`announcement.txt?version=${draft?.id ?? 0}`, 'supervisor');
    expect(published.statusCode).toBe(200);

    // The ledger moves on; the published version does not.
    await fx.app.inject({
      method: 'PATCH',
      url: `/api/measures/${fx.measureIds[0] ?? 0}`,
      headers: authed(c('coordinator')),
      payload: { version: 1, content: '建立并落实学习制度。' },
    });
    await fx.db
      .updateTable('measures')
      .set({ progress: '学习制度已建立并执行。' })
      .where('id', '=', fx.measureIds[0] ?? 0)
      .execute();
    expect((await doc(`announcement.txt?version=${draft?.id ?? 0}`)).body).toBe(published.body);
    expect((await doc('announcement.txt')).body).toContain('学习制度已建立并执行。');
    const docx = await exportFile(fx.app, c('coordinator'), {
      what: 'document',
      inspectionId: fx.inspectionId,
      kind: 'announcement',
      format: 'docx',
      version: draft?.id ?? 0,
    });
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const xml =
      (await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('建立学习制度');

    // A new edit starts version 2; withdrawing version 1 keeps its record.
    expect((await save('coordinator')).statusCode).toBe(200);
    expect((await versions()).map((v) => [v.versionNo, v.status])).toEqual([
      [2, 'draft'],
      [1, 'published'],
    ]);
    expect((await step('principal', draft?.id ?? 0, 'withdraw')).statusCode).toBe(200);
    expect((await versions()).map((v) => v.status)).toEqual(['draft', 'withdrawn']);
    expect((await doc(`announcement.txt?version=${draft?.id ?? 0}`)).body).toBe(published.body);
  });

  it('refuses a draft saved without a version, or over a newer one (409), and never loses the other edit', async () => {
    const { version: _omitted, ...withoutVersion } = { ...DRAFT, version: 0 };
    const missing = await fx.app.inject({
      method: 'PUT',
      url: `/api/inspections/${fx.inspectionId}/announcements/draft`,
      headers: authed(c('coordinator')),
      payload: withoutVersion,
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ message: string }>().message).toContain('版本号');
    const read = (await versions())[0]?.version ?? 0;
    expect((await save('coordinator', { section3Text: '甲的修改', version: read })).statusCode).toBe(200);
    const stale = await save('principal', { section3Text: '乙的修改', version: read });
    expect(stale.statusCode).toBe(409);
    expect((await versions())[0]?.section3Text).toBe('甲的修改');
  });

  it('the one who writes or submits an announcement cannot approve it; a return needs a reason', async () => {
    // The principal writes and submits: he alone cannot approve his own text.
    expect((await save('principal', { section1Text: '书记亲自起草。' })).statusCode).toBe(200);
    const [mine] = await versions();
    expect((await step('principal', mine?.id ?? 0, 'submit')).statusCode).toBe(200);
    const own = await step('principal', mine?.id ?? 0, 'approve');
    expect(own.statusCode).toBe(422);
    expect(own.json<{ message: string }>().message).toContain('不能审批同一通报');
    const asPrincipal = (
      await fx.app.inject({
        method: 'GET',
        url: `/api/inspections/${fx.inspectionId}/announcements`,
        headers: { cookie: c('principal') },
      })
    ).json<TAnnouncementView[]>();
    expect(asPrincipal[0]?.allowed).not.toContain('approve');
    // The coordinator re-saves (now the last writer) and submits: the principal may decide.
    expect((await save('coordinator')).statusCode).toBe(200);
    const [theirs] = await versions();
    await step('coordinator', theirs?.id ?? 0, 'submit');
    expect((await step('principal', theirs?.id ?? 0, 'return')).statusCode).toBe(422);
    expect((await step('principal', theirs?.id ?? 0, 'return', '数据需核实')).statusCode).toBe(200);
    const [returned] = await versions();
    expect(returned).toMatchObject({ status: 'draft', approvalOpinion: '数据需核实' });
    await step('coordinator', theirs?.id ?? 0, 'submit');
    expect((await step('principal', theirs?.id ?? 0, 'approve', '同意')).statusCode).toBe(200);
    expect((await versions())[0]).toMatchObject({
      status: 'approved',
      approvalOpinion: '同意',
      submittedByName: 'coordinator-own',
      approvedByName: 'principal-own',
    });
  });

  it('keeps an issued monthly report unchanged after the ledger changes', async () => {
    const month = todayInChina().slice(0, 7);
    expect(
      (
        await fx.app.inject({
          method: 'POST',
          url: `/api/inspections/${fx.inspectionId}/monthly-reports`,
          headers: authed(c('responsible')),
          payload: { month },
        })
      ).statusCode,
    ).toBe(403);
    const issued = await fx.app.inject({
      method: 'POST',
      url: `/api/inspections/${fx.inspectionId}/monthly-reports`,
      headers: authed(c('principal')),
      payload: { month, summary: '本月整改工作有序推进。' },
    });
    expect(issued.statusCode).toBe(201);
    const before = (await doc(`monthly.txt?month=${month}`)).body;
    expect(before).toContain('本月整改工作有序推进。');
    await fx.app.inject({
      method: 'PATCH',
      url: `/api/measures/${fx.measureIds[1] ?? 0}`,
      headers: authed(c('coordinator')),
      payload: {
        version: 1,
        departmentId: fx.departmentId,
        leaderId: fx.leaderId,
        personId: fx.personId,
        deadline: '2030-01-01',
      },
    });
    await fx.app.inject({
      method: 'POST',
      url: `/api/measures/${fx.measureIds[1] ?? 0}/transitions`,
      headers: authed(c('coordinator')),
      payload: { action: 'start', version: 2 },
    });
    expect((await doc(`monthly.txt?month=${month}`)).body).toBe(before);
    expect(
      (
        await fx.app.inject({
          method: 'POST',
          url: `/api/inspections/${fx.inspectionId}/monthly-reports`,
          headers: authed(c('principal')),
          payload: { month },
        })
      ).statusCode,
    ).toBe(409);
    const list = (
      await fx.app.inject({
        method: 'GET',
        url: `/api/inspections/${fx.inspectionId}/monthly-reports`,
        headers: { cookie: c('supervisor') },
      })
    ).json<{ reports: Array<{ month: string }> }>();
    expect(list.reports.map((r) => r.month)).toEqual([month]);
  });

  const exportCount = async () =>
    (await fx.db.selectFrom('audit_events').select('id').where('kind', '=', 'document.exported').execute())
      .length;

  it('writes nothing when documents are only read on screen, and sends no-store', async () => {
    const before = await exportCount();
    for (const file of ['announcement.html', 'announcement.txt', 'plan.html', 'monthly.txt']) {
      const res = await doc(file);
      expect(res.statusCode, file).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
    }
    expect(await exportCount()).toBe(before);
  });

  it('keeps an export link to the user who made it, and only for a short time', async () => {
    const made = await fx.app.inject({
      method: 'POST',
      url: '/api/exports',
      headers: authed(c('coordinator')),
      payload: { what: 'ledger', inspectionId: fx.inspectionId },
    });
    expect(made.statusCode).toBe(201);
    const { url } = made.json<{ url: string }>();
    expect(
      (await fx.app.inject({ method: 'GET', url, headers: { cookie: c('principal') } })).statusCode,
    ).toBe(404);
    const own = await fx.app.inject({ method: 'GET', url, headers: { cookie: c('coordinator') } });
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toBe('no-store');
    await fx.db
      .updateTable('export_tickets')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute();
    expect(
      (await fx.app.inject({ method: 'GET', url, headers: { cookie: c('coordinator') } })).statusCode,
    ).toBe(404);
    // A cross-site form cannot make an export: the POST needs the CSRF header.
    const forged = await fx.app.inject({
      method: 'POST',
      url: '/api/exports',
      headers: { cookie: c('coordinator'), 'content-type': 'application/json' },
      payload: JSON.stringify({ what: 'ledger', inspectionId: fx.inspectionId }),
    });
    expect(forged.statusCode).toBe(403);
  });

  it('prints the plan with the six clarities as a table, in every format', async () => {
    const txt = (await doc('plan.txt')).body;
    expect(txt).toContain('落实市委第二巡察组巡察反馈意见整改方案');
    expect(txt.normalize('NFKC')).toContain('序号\t整改措施\t责任单位\t责任领导\t责任人\t完成时限');
    expect((await doc('plan.html')).headers['content-type']).toContain('text/html');
    // Word files are exports: made by POST (audited), never by a GET.
    expect((await doc('plan.docx')).statusCode).toBe(404);
    const before = await exportCount();
    const planDocx = await exportFile(fx.app, c('coordinator'), {
      what: 'document',
      inspectionId: fx.inspectionId,
      kind: 'plan',
      format: 'docx',
    });
    expect(planDocx.statusCode).toBe(200);
    expect(planDocx.headers['content-disposition']).toContain(encodeURIComponent('整改方案.docx'));
    expect(await exportCount()).toBe(before + 1);
    expect((await doc('nothing.pdf')).statusCode).toBe(404);
    // PDF from the same document model, with the CJK font embedded (no LibreOffice); refused clearly without fonts.
    const planPdf = await exportFile(fx.app, c('coordinator'), {
      what: 'document',
      inspectionId: fx.inspectionId,
      kind: 'plan',
      format: 'pdf',
    });
    if (pdfFonts() === null) expect(planPdf.statusCode).toBe(422);
    else {
      expect(planPdf.statusCode, planPdf.body.slice(0, 200)).toBe(200);
      expect(planPdf.headers['content-type']).toBe('application/pdf');
      expect(planPdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
  });
  it('reports a measure judged 反弹 as reopened, never by its old progress as achieved, and warns the drafter', async () => {
    const id = fx.measureIds[3] ?? 0;
    const old = '该项整改已全部完成，制度已印发执行。';
    await fx.db
      .updateTable('measures')
      .set({ state: 'relapsed', progress: old, last_progress_date: '2026-01-10' })
      .where('id', '=', id)
      .execute();
    await fx.db
      .insertInto('progress_entries')
      .values({
        measure_id: id,
        entry_date: '2026-01-10',
        text: old,
        created_by: null,
        created_at: '2026-01-10T02:00:00.000Z',
        source: 'user',
      })
      .execute();
    await fx.db
      .insertInto('state_transitions')
      .values({
        measure_id: id,
        action: 'relapse',
        from_state: 'closed',
        to_state: 'relapsed',
        reason: '回头看发现问题反弹',
        actor_id: null,
        at: new Date().toISOString(),
      })
      .execute();
    const preview = (await doc('announcement.txt')).body.normalize('NFKC');
    expect(preview).not.toContain(old.normalize('NFKC'));
    expect(preview).toContain('经“回头看”发现该项整改出现反弹,已重新启动整改,正在按原措施推进');
    const [latest] = await versions();
    expect(latest?.warnings.join()).toMatch(/经“回头看”认定反弹.*此后尚无新的进展/);
    // Progress after the relapse is what the text reports, as the work done since.
    const detail = await fx.app.inject({
      method: 'GET',
      url: `/api/measures/${id}`,
      headers: { cookie: c('coordinator') },
    });
    const recorded = await fx.app.inject({
      method: 'POST',
      url: `/api/measures/${id}/progress`,
      headers: authed(c('coordinator')),
      payload: {
        entryDate: todayInChina(),
        text: '重新排查公车使用，追回违规费用。',
        version: detail.json<{ measure: { version: number } }>().measure.version,
      },
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const after = (await doc('announcement.txt')).body.normalize('NFKC');
    expect(after).toContain('已重新启动整改:重新排查公车使用,追回违规费用');
    expect(after).not.toContain(old.normalize('NFKC'));
  });
});
