import { beforeAll, describe, expect, it } from 'vitest';
import type { TMeasureDetail, TNotificationView, TQueueItem } from '@shared/api.ts';
import { todayInChina } from '@shared/chinese.ts';
import { buildApp } from '../app.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, testConfig, type TFixture } from '../test-support/factories.ts';
import { measureCalls } from '../test-support/measure-calls.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';

const PDF = Buffer.from('%PDF-1.4\n% evidence of a meeting\n');

describe.each(testEngines())('evidence, close-out chain and look-back on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    fx = fixture();
    for (const role of [
      'coordinator',
      'responsible',
      'leader',
      'principal',
      'supervisor',
      'inspection_office',
    ] as const)
      cookies[role] = await fx.login(role);
  });
  const c = (role: string) => cookies[role] ?? '';
  const { detail, transition, started, upload: send } = measureCalls(() => fx, c);
  const upload = (role: string, id: number, bytes: Buffer, name = '会议纪要.pdf') =>
    send(role, id, bytes, name);

  it('takes a measure through request, leader review and principal approval, with evidence', async () => {
    const id = await started(0);
    const noEvidence = await transition('responsible', id, 'request_close_out', '已完成');
    expect(noEvidence.json()).toEqual({ code: 'UNPROCESSABLE', message: '申请销号须至少上传一份佐证材料' });
    const uploaded = await upload('responsible', id, PDF);
    expect(uploaded.statusCode).toBe(201);
    expect(uploaded.json<TMeasureDetail>().evidence[0]).toMatchObject({
      fileName: '会议纪要.pdf',
      mime: 'application/pdf',
      documentedDate: '2026-11-01',
    });
    const notResponsible = await transition('coordinator', id, 'request_close_out', '已完成');
    expect(notResponsible.json<{ message: string }>().message).toBe(
      '只有该措施的责任人（或责任部室）可以申请销号',
    );
    expect(
      (await transition('responsible', id, 'request_close_out')).json<{ message: string }>().message,
    ).toBe('申请销号须填写整改完成情况说明');
    const requested = await transition('responsible', id, 'request_close_out', '已修订制度并印发执行');
    expect(requested.json<TMeasureDetail>().measure).toMatchObject({
      state: 'close_requested',
      closeOutStage: 'leader',
    });
    const queue = (
      await fx.app.inject({ method: 'GET', url: '/api/close-out/queue', headers: { cookie: c('leader') } })
    ).json<TQueueItem[]>();
    expect(queue.map((q) => q.measureId)).toContain(id);
    expect((await transition('principal', id, 'approve_close_out')).statusCode).toBe(422);
    const reviewed = await transition('leader', id, 'leader_review');
    expect(reviewed.json<TMeasureDetail>().measure).toMatchObject({
      state: 'close_requested',
      closeOutStage: 'principal',
    });
    const approved = await transition('principal', id, 'approve_close_out');
    const closed = approved.json<TMeasureDetail>();
    expect(closed.measure.state).toBe('closed');
    expect(closed.closeOut).toMatchObject({
      outcome: 'approved',
      isCurrent: true,
      summary: '已修订制度并印发执行',
    });
    expect(closed.transitions.map((t) => t.action)).toEqual([
      'start',
      'request_close_out',
      'leader_review',
      'approve_close_out',
    ]);
  });

  it('asks the inspection office to confirm when the inspection is configured so', async () => {
    const settings = await fx.app.inject({
      method: 'PATCH',
      url: `/api/inspections/${fx.inspectionId}/settings`,
      headers: authed(c('inspection_office')),
      payload: { requiresOfficeConfirmation: true },
    });
    expect(settings.statusCode).toBe(200);
    const id = await started(4);
    await upload('responsible', id, PDF);
    await transition('responsible', id, 'request_close_out', '已完成');
    await transition('leader', id, 'leader_review');
    const approved = await transition('principal', id, 'approve_close_out');
    expect(approved.json<TMeasureDetail>().measure).toMatchObject({
      state: 'close_requested',
      closeOutStage: 'office',
    });
    expect((await transition('principal', id, 'confirm_close_out')).statusCode).toBe(422);
    const confirmed = await transition('inspection_office', id, 'confirm_close_out');
    expect(confirmed.json<TMeasureDetail>()).toMatchObject({
      measure: { state: 'closed' },
      closeOut: { outcome: 'approved', isCurrent: true },
    });
    await fx.app.inject({
      method: 'PATCH',
      url: `/api/inspections/${fx.inspectionId}/settings`,
      headers: authed(c('inspection_office')),
      payload: { requiresOfficeConfirmation: false },
    });
  });

  it('refuses a review once the measure changed after the request, and sends back with a reason', async () => {
    const id = await started(1);
    await upload('responsible', id, PDF);
    await transition('responsible', id, 'request_close_out', '已完成');
    await fx.app.inject({
      method: 'PATCH',
      url: `/api/measures/${id}`,
      headers: authed(c('coordinator')),
      payload: { version: (await detail(id)).measure.version, content: '改过的措施内容。' },
    });
    expect((await detail(id)).closeOut?.isCurrent).toBe(false);
    const stale = await transition('leader', id, 'leader_review');
    expect(stale.json<{ message: string }>().message).toMatch(/原审核不再有效/);
    expect((await transition('leader', id, 'send_back')).json<{ message: string }>().message).toBe(
      '退回须说明理由',
    );
    const back = await transition('leader', id, 'send_back', '佐证材料不足');
    expect(back.json<TMeasureDetail>()).toMatchObject({
      measure: { state: 'in_progress' },
      closeOut: { outcome: 'sent_back', reason: '佐证材料不足' },
    });
  });

  it('reopens a closed measure when a look-back finds it relapsed, and tells the responsible person and the supervisor', async () => {
    const id = fx.measureIds[0] ?? 0; // closed by the first test
    const scheduled = await fx.app.inject({
      method: 'POST',
      url: `/api/inspections/${fx.inspectionId}/lookbacks`,
      headers: authed(c('coordinator')),
      payload: { scheduledDate: todayInChina(), checkers: ['王检查'], scope: { kind: 'all' } },
    });
    expect(scheduled.statusCode).toBe(201);
    const lookbacks = (
      await fx.app.inject({
        method: 'GET',
        url: `/api/inspections/${fx.inspectionId}/lookbacks`,
        headers: { cookie: c('coordinator') },
      })
    ).json<Array<{ items: Array<{ id: number; measureId: number }> }>>();
    const item = lookbacks[0]?.items.find((i) => i.measureId === id);
    expect(item).toBeDefined();
    expect(
      (
        await fx.app.inject({
          method: 'POST',
          url: `/api/lookback-items/${item?.id ?? 0}`,
          headers: authed(c('supervisor')),
          payload: { result: 'relapsed', note: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    const res = await fx.app.inject({
      method: 'POST',
      url: `/api/lookback-items/${item?.id ?? 0}`,
      headers: authed(c('coordinator')),
      payload: { result: 'relapsed', note: '制度未执行，问题反弹' },
    });
    expect(res.statusCode).toBe(200);
    const reopened = res.json<TMeasureDetail>();
    expect(reopened.measure.state).toBe('relapsed');
    expect(reopened.lookbacks).toEqual([
      expect.objectContaining({ result: 'relapsed', note: '制度未执行，问题反弹' }),
    ]);
    for (const role of ['responsible', 'supervisor']) {
      const notes = (
        await fx.app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie: c(role) } })
      ).json<TNotificationView[]>();
      expect(notes.some((n) => n.measureId === id && n.text.includes('反弹'))).toBe(true);
    }
    expect(
      (
        await fx.app.inject({
          method: 'POST',
          url: '/api/inspections/999999/lookbacks',
          headers: authed(c('coordinator')),
          payload: { scheduledDate: todayInChina(), checkers: ['x'], scope: { kind: 'all' } },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('rejects evidence over the size limit and executables disguised by their extension', async () => {
    const id = fx.measureIds[3] ?? 0;
    const exe = await upload(
      'coordinator',
      id,
      Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00]), Buffer.alloc(100)]),
      '会议纪要.pdf',
    );
    expect(exe.statusCode).toBe(422);
    expect(exe.json<{ message: string }>().message).toMatch(/可执行程序/);
    const unknown = await upload('coordinator', id, Buffer.from('just some text'), 'a.pdf');
    expect(unknown.json<{ message: string }>().message).toMatch(/不支持的文件类型/);
    const small = await buildApp({ db: fx.db, config: testConfig({ evidenceMaxBytes: 1024 }) });
    const big = await small.inject({
      method: 'POST',
      url: `/api/measures/${id}/evidence`,
      headers: { ...authed(c('coordinator')), 'content-type': 'application/octet-stream' },
      payload: Buffer.concat([PDF, Buffer.alloc(4096)]),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json<{ message: string }>().message).toMatch(/过大/);
    await small.close();
  });

  it('serves evidence inline for preview, checks permission, and records the download', async () => {
    const id = fx.measureIds[0] ?? 0;
    const evidenceId = (await detail(id)).evidence[0]?.id ?? 0;
    const res = await fx.app.inject({
      method: 'GET',
      url: `/api/evidence/${evidenceId}`,
      headers: { cookie: c('supervisor') },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^inline/);
    expect(res.headers['content-security-policy']).toContain('sandbox');
    expect(res.rawPayload.equals(PDF)).toBe(true);
    const other = await fx.login('supervisor', 'other');
    expect(
      (await fx.app.inject({ method: 'GET', url: `/api/evidence/${evidenceId}`, headers: { cookie: other } }))
        .statusCode,
    ).toBe(404);
    const logged = await fx.db
      .selectFrom('audit_events')
      .select('actor_label')
      .where('kind', '=', 'evidence.downloaded')
      .execute();
    expect(logged.map((l) => l.actor_label)).toContain('supervisor-own');
  });

  it('lets exactly one of two simultaneous edits from the same version win; the other gets 409', async () => {
    const id = fx.measureIds[2] ?? 0;
    const version = (await detail(id)).measure.version;
    const edit = (cookie: string, deadline: string) =>
      fx.app.inject({
        method: 'PATCH',
        url: `/api/measures/${id}`,
        headers: authed(cookie),
        payload: { version, deadline },
      });
    const [a, b] = await Promise.all([
      edit(c('coordinator'), '2031-01-01'),
      edit(c('principal'), '2032-02-02'),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? '2031-01-01' : '2032-02-02';
    const now = await detail(id);
    expect(now.measure).toMatchObject({ deadline: winner, version: version + 1 });
    const audits = await fx.db
      .selectFrom('audit_events')
      .select('after_json')
      .where('kind', '=', 'measure.updated')
      .where('object_id', '=', id)
      .execute();
    expect(audits.filter((x) => x.after_json?.includes(winner))).toHaveLength(1);
  });
});
