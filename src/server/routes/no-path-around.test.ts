import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TImportPreview, TMeasureDetail } from '@shared/api.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, type TFixture, exportFile } from '../test-support/factories.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';
import { measureCalls } from '../test-support/measure-calls.ts';

/**
 * Every write to a measure goes through the same checks: frozen when closed, and after the plan is approved the
 * deadline and content change only through an approved request — whether by edit, extension decision or re-import.
 * Settings that bind the inspected unit are the inspection office's.
 */
describe.each(testEngines())('no path around a frozen state or the approved plan on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    fx = fixture();
    for (const role of ['coordinator', 'responsible', 'leader', 'principal', 'inspection_office'] as const)
      cookies[role] = await fx.login(role);
  });
  const c = (role: string) => cookies[role] ?? '';
  const { detail, transition, upload, started } = measureCalls(() => fx, c);
  const call = async (
    role: string,
    method: 'POST' | 'PATCH',
    url: string,
    payload: Record<string, unknown>,
  ) => fx.app.inject({ method, url, headers: authed(c(role)), payload });

  it('refuses to approve an extension that was pending when the measure was closed', async () => {
    const id = await started(0);
    const asked = await call('responsible', 'POST', `/api/measures/${id}/extensions`, {
      deadline: '2031-06-30',
      content: '改写后的措施。',
      reason: '需协调',
    });
    expect(asked.statusCode).toBe(201);
    const requestId = asked.json<TMeasureDetail>().extensions[0]?.id ?? 0;
    await upload('responsible', id);
    await transition('responsible', id, 'request_close_out', '已完成');
    await transition('leader', id, 'leader_review');
    expect((await transition('principal', id, 'approve_close_out')).statusCode).toBe(200);
    const before = await detail(id);
    expect(before.measure.state).toBe('closed');
    const late = await call('principal', 'POST', `/api/extensions/${requestId}/decision`, { approve: true });
    expect(late.statusCode).toBe(422);
    expect(late.json<{ message: string }>().message).toContain('已销号的措施不能修改');
    const after = await detail(id);
    expect(after.measure).toMatchObject({
      content: before.measure.content,
      deadline: '2030-06-30',
      version: before.measure.version,
    });
    // Refusing it is still possible, with a reason; a refusal without one is not.
    expect(
      (await call('principal', 'POST', `/api/extensions/${requestId}/decision`, { approve: false }))
        .statusCode,
    ).toBe(422);
    expect(
      (
        await call('principal', 'POST', `/api/extensions/${requestId}/decision`, {
          approve: false,
          note: '已销号',
        })
      ).statusCode,
    ).toBe(200);
  });

  it('decides an extension once when an approval and a refusal arrive together', async () => {
    const id = await started(1);
    const asked = await call('responsible', 'POST', `/api/measures/${id}/extensions`, {
      deadline: '2031-06-30',
      reason: '需协调',
    });
    const requestId = asked.json<TMeasureDetail>().extensions[0]?.id ?? 0;
    const url = `/api/extensions/${requestId}/decision`;
    const answers = await Promise.all([
      call('principal', 'POST', url, { approve: true }),
      call('principal', 'POST', url, { approve: false, note: '不同意' }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const after = await detail(id);
    expect(after.extensions[0]?.status).toBe(
      after.measure.deadline === '2031-06-30' ? 'approved' : 'rejected',
    );
  });

  it('keeps the inspection office confirmation switched on against the inspected unit', async () => {
    const url = `/api/inspections/${fx.inspectionId}/settings`;
    expect(
      (await call('inspection_office', 'PATCH', url, { requiresOfficeConfirmation: true })).statusCode,
    ).toBe(200);
    for (const role of ['coordinator', 'principal']) {
      const res = await call(role, 'PATCH', url, { requiresOfficeConfirmation: false });
      expect(res.statusCode).toBe(403);
    }
    const row = await fx.db
      .selectFrom('inspections')
      .select('requires_office_confirmation')
      .where('id', '=', fx.inspectionId)
      .executeTakeFirstOrThrow();
    expect(row.requires_office_confirmation).toBe(1);
    expect(
      (await call('inspection_office', 'PATCH', url, { requiresOfficeConfirmation: false })).statusCode,
    ).toBe(200);
  });

  it('after plan approval, neither an edit nor a re-import changes deadlines or contents; a re-import never removes a measure with comments', async () => {
    // A comment on a not-started measure: the re-import below removes its row.
    const commented = fx.measureIds[2] ?? 0;
    expect(
      (await call('coordinator', 'POST', `/api/measures/${commented}/comments`, { text: '请抓紧推进' }))
        .statusCode,
    ).toBe(201);
    expect((await detail(fx.measureIds[4] ?? 0)).measure.allowed).toContain('update_plan');
    expect(
      (await call('principal', 'POST', `/api/inspections/${fx.inspectionId}/approve-plan`, {})).statusCode,
    ).toBe(200);
    const notStarted = fx.measureIds[4] ?? 0;
    // What the UI is offered is what the server accepts: the plan fields are no longer editable directly.
    expect((await detail(notStarted)).measure.allowed).toEqual(expect.arrayContaining(['update']));
    expect((await detail(notStarted)).measure.allowed).not.toContain('update_plan');
    const edit = await call('coordinator', 'PATCH', `/api/measures/${notStarted}`, {
      version: (await detail(notStarted)).measure.version,
      deadline: '2031-01-01',
    });
    expect(edit.statusCode).toBe(422);

    const exported = await exportFile(fx.app, c('coordinator'), {
      what: 'ledger',
      inspectionId: fx.inspectionId,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    // Rows: 4 建立学习制度, 5 开展集中研讨, 6 梳理改革任务, 7 修订用车规定, 8 严控费用.
    ws.getCell('D8').value = '严控费用并公开。';
    ws.getCell('H8').value = '2031-12-31';
    ws.spliceRows(6, 1);
    const preview = await fx.app.inject({
      method: 'POST',
      url: `/api/imports/preview?inspectionId=${fx.inspectionId}`,
      headers: {
        ...authed(c('coordinator')),
        'content-type': 'application/octet-stream',
        'x-file-name': 'a.xlsx',
      },
      payload: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    expect(preview.statusCode).toBe(200);
    const changes = preview.json<TImportPreview>().reimport?.changes ?? [];
    const changed = changes.find((ch) => ch.kind === 'changed' && ch.problem === '公务用车不规范');
    expect(changed?.blockedReason).toContain('整改方案已批准');
    const removed = changes.find((ch) => ch.kind === 'removed');
    expect(removed?.measureId).toBe(commented);
    expect(removed?.blockedReason).toContain('导入不会删除');
    for (const change of [changed, removed]) {
      const confirm = await call('coordinator', 'POST', '/api/imports/confirm', {
        document: preview.json<TImportPreview>().document,
        inspectionId: fx.inspectionId,
        acceptedChanges: [change?.id ?? ''],
      });
      expect(confirm.statusCode).toBe(422);
    }
    expect((await detail(fx.measureIds[4] ?? 0)).measure.content).toBe('严控费用。');
    expect((await detail(commented)).comments).toHaveLength(1);
  });
});
