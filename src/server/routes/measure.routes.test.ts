import { beforeAll, describe, expect, it } from 'vitest';
import type { TMeasureDetail } from '@shared/api.ts';
import { addDays, todayInChina } from '@shared/chinese.ts';
import { listAuditFor } from '../repositories/audit.repository.ts';
import { testEngines } from '../test-support/databases.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';
import { authed, type TFixture } from '../test-support/factories.ts';

describe.each(testEngines())('measure routes on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  beforeAll(() => {
    fx = fixture();
  });

  const get = async (cookie: string, id: number) =>
    fx.app.inject({ method: 'GET', url: `/api/measures/${id}`, headers: { cookie } });
  const patch = async (cookie: string, id: number, payload: object) =>
    fx.app.inject({ method: 'PATCH', url: `/api/measures/${id}`, headers: authed(cookie), payload });
  const sixClear = () => ({
    departmentId: fx.departmentId,
    leaderId: fx.leaderId,
    personId: fx.personId,
    deadline: '2030-06-30',
  });

  it('requires login for every measure route (401)', async () => {
    const id = fx.measureIds[0] ?? 0;
    const h = { 'x-requested-with': 'zhenggai' };
    expect((await fx.app.inject({ method: 'GET', url: `/api/measures/${id}` })).statusCode).toBe(401);
    expect(
      (
        await fx.app.inject({
          method: 'PATCH',
          url: `/api/measures/${id}`,
          headers: h,
          payload: { version: 1 },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (await fx.app.inject({ method: 'POST', url: `/api/measures/${id}/progress`, headers: h, payload: {} }))
        .statusCode,
    ).toBe(401);
    expect(
      (
        await fx.app.inject({
          method: 'POST',
          url: `/api/measures/${id}/transitions`,
          headers: h,
          payload: {},
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await fx.app.inject({
          method: 'POST',
          url: `/api/problems/${fx.problemIds[0] ?? 0}/measures`,
          headers: h,
          payload: {},
        })
      ).statusCode,
    ).toBe(401);
  });

  it('edits the six clarities, bumps the version and audits before/after in the same write', async () => {
    const cookie = await fx.login('coordinator');
    const id = fx.measureIds[0] ?? 0;
    const res = await patch(cookie, id, { version: 1, ...sixClear() });
    expect(res.statusCode).toBe(200);
    const detail = res.json<TMeasureDetail>();
    expect(detail.measure).toMatchObject({
      version: 2,
      departmentName: '办公室',
      leaderName: '领导甲',
      personName: '责任人乙',
      deadline: '2030-06-30',
      missing: [],
    });
    const audit = await listAuditFor(fx.db, 'measure', id);
    const entry = audit.find((a) => a.kind === 'measure.updated');
    expect(entry?.actor_label).toBe('coordinator-own');
    expect(JSON.parse(entry?.before_json ?? '{}')).toMatchObject({
      deadline: null,
      personId: null,
      version: 1,
    });
    expect(JSON.parse(entry?.after_json ?? '{}')).toMatchObject({
      deadline: '2030-06-30',
      personId: fx.personId,
      version: 2,
    });
  });

  it('rejects a stale version with 409 instead of overwriting', async () => {
    const cookie = await fx.login('principal');
    const id = fx.measureIds[1] ?? 0;
    expect((await patch(cookie, id, { version: 1, deadline: '2030-01-01' })).statusCode).toBe(200);
    const stale = await patch(cookie, id, { version: 1, deadline: '2031-01-01' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'CONFLICT', details: { currentVersion: 2 } });
    expect((await get(cookie, id)).json<TMeasureDetail>().measure.deadline).toBe('2030-01-01');
  });

  it('rejects bad input with 400 and a Chinese message', async () => {
    const cookie = await fx.login('coordinator');
    const res = await patch(cookie, fx.measureIds[2] ?? 0, { version: 1, deadline: '2030-02-30' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ message: string }>().message).toBe('日期格式应为 YYYY-MM-DD，且须是真实存在的日期');
    const wrongType = await patch(cookie, fx.measureIds[2] ?? 0, { version: 1, leaderId: 'abc' });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json<{ message: string }>().message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('refuses a person of another unit (422)', async () => {
    const cookie = await fx.login('coordinator');
    const foreign = await fx.db
      .selectFrom('people')
      .select('id')
      .where('unit_id', '=', fx.otherUnitId)
      .executeTakeFirstOrThrow();
    const res = await patch(cookie, fx.measureIds[2] ?? 0, { version: 1, personId: foreign.id });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ message: string }>().message).toBe('责任人不属于本单位');
  });

  it('forbids a supervisor to edit (403) and hides other units’ measures (404)', async () => {
    expect(
      (
        await patch(await fx.login('supervisor'), fx.measureIds[3] ?? 0, {
          version: 1,
          deadline: '2030-01-01',
        })
      ).statusCode,
    ).toBe(403);
    const other = await patch(await fx.login('coordinator'), fx.otherMeasureIds[0] ?? 0, {
      version: 1,
      deadline: '2030-01-01',
    });
    expect(other.statusCode).toBe(404);
    expect((await get(await fx.login('coordinator'), fx.otherMeasureIds[0] ?? 0)).statusCode).toBe(404);
  });

  it('creates a measure in 未启动 with its missing clarities listed (201)', async () => {
    const cookie = await fx.login('coordinator');
    const res = await fx.app.inject({
      method: 'POST',
      url: `/api/problems/${fx.problemIds[1] ?? 0}/measures`,
      headers: authed(cookie),
      payload: { content: '建立改革任务台账。', departmentId: fx.departmentId },
    });
    expect(res.statusCode).toBe(201);
    const detail = res.json<TMeasureDetail>();
    expect(detail.measure).toMatchObject({
      state: 'not_started',
      ordinal: 2,
      task: '改革推进慢',
      missing: ['leader', 'person', 'deadline'],
    });
    expect(
      (
        await fx.app.inject({
          method: 'POST',
          url: `/api/problems/${fx.problemIds[1] ?? 0}/measures`,
          headers: authed(await fx.login('responsible')),
          payload: { content: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await fx.app.inject({
          method: 'POST',
          url: `/api/problems/${fx.problemIds[1] ?? 0}/measures`,
          headers: authed(cookie),
          payload: { content: '' },
        })
      ).statusCode,
    ).toBe(400);
  });

  it('refuses to start a measure whose six clarities are incomplete (422)', async () => {
    const cookie = await fx.login('coordinator');
    const res = await fx.app.inject({
      method: 'POST',
      url: `/api/measures/${fx.measureIds[4] ?? 0}/transitions`,
      headers: authed(cookie),
      payload: { action: 'start', version: 1 },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ message: string }>().message).toBe('六个明确未齐全，不能启动整改');
  });

  it('records progress by the responsible person and moves a six-clear measure to 推进中', async () => {
    const coordinator = await fx.login('coordinator');
    const id = fx.measureIds[3] ?? 0;
    await patch(coordinator, id, { version: 1, ...sixClear() });
    const responsible = await fx.login('responsible');
    const res = await fx.app.inject({
      method: 'POST',
      url: `/api/measures/${id}/progress`,
      headers: authed(responsible),
      payload: { entryDate: todayInChina(), text: '已修订用车管理规定并印发。', version: 2 },
    });
    expect(res.statusCode).toBe(201);
    const detail = res.json<TMeasureDetail>();
    expect(detail.measure).toMatchObject({
      state: 'in_progress',
      progress: '已修订用车管理规定并印发。',
      version: 3,
    });
    expect(detail.progress[0]).toMatchObject({ entryDate: todayInChina(), authorName: 'responsible-own' });
    expect(detail.transitions).toEqual([
      expect.objectContaining({
        action: 'record_progress',
        fromState: 'not_started',
        toState: 'in_progress',
      }),
    ]);
    const other = await fx.login('responsible', 'other');
    expect(
      (
        await fx.app.inject({
          method: 'POST',
          url: `/api/measures/${id}/progress`,
          headers: authed(other),
          payload: { entryDate: '2026-11-02', text: 'x', version: 3 },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('refuses progress dated in the future (422)', async () => {
    const cookie = await fx.login('coordinator');
    const res = await fx.app.inject({
      method: 'POST',
      url: `/api/measures/${fx.measureIds[0] ?? 0}/progress`,
      headers: authed(cookie),
      payload: { entryDate: addDays(todayInChina(), 2), text: '进展', version: 2 },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ message: string }>().message).toBe('进展日期不能晚于今天');
  });

  it('lets a discipline supervisor comment, and only comment (201, shown with role)', async () => {
    const cookie = await fx.login('supervisor');
    const id = fx.measureIds[2] ?? 0;
    const res = await fx.app.inject({
      method: 'POST',
      url: `/api/measures/${id}/comments`,
      headers: authed(cookie),
      payload: { text: '请说明整改时限依据。' },
    });
    expect(res.statusCode).toBe(201);
    const detail = res.json<TMeasureDetail>();
    expect(detail.comments).toEqual([
      expect.objectContaining({ text: '请说明整改时限依据。', authorRole: '纪检监察组' }),
    ]);
    expect(detail.canComment).toBe(true);
    expect(detail.measure.allowed).toEqual([]);
    expect(
      (
        await fx.app.inject({
          method: 'POST',
          url: `/api/measures/${id}/comments`,
          headers: authed(cookie),
          payload: { text: '' },
        })
      ).statusCode,
    ).toBe(400);
  });

  it('does not let a responsible person record progress on a measure that is not theirs (403)', async () => {
    const cookie = await fx.login('responsible');
    const res = await fx.app.inject({
      method: 'POST',
      url: `/api/measures/${fx.measureIds[4] ?? 0}/progress`,
      headers: authed(cookie),
      payload: { entryDate: '2026-11-01', text: '进展', version: 1 },
    });
    expect(res.statusCode).toBe(403);
  });
});
