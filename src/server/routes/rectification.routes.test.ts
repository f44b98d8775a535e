import { beforeAll, describe, expect, it } from 'vitest';
import type { TMeasureDetail, TOutcomesView } from '@shared/api.ts';
import { addDays, todayInChina } from '@shared/chinese.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, type TFixture } from '../test-support/factories.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';

describe.each(testEngines())('plan approval, extensions and outcomes on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    fx = fixture();
    for (const role of ['coordinator', 'responsible', 'principal', 'supervisor'] as const)
      cookies[role] = await fx.login(role);
  });
  const c = (role: string) => cookies[role] ?? '';

  it('after the plan is approved, changes a late deadline only by an approved request, keeping the original', async () => {
    const id = fx.measureIds[0] ?? 0;
    const late = addDays(todayInChina(), -10);
    await fx.app.inject({
      method: 'PATCH',
      url: `/api/measures/${id}`,
      headers: authed(c('coordinator')),
      payload: {
        version: 1,
        departmentId: fx.departmentId,
        leaderId: fx.leaderId,
        personId: fx.personId,
        deadline: late,
      },
    });
    await fx.app.inject({
      method: 'POST',
      url: `/api/measures/${id}/transitions`,
      headers: authed(c('coordinator')),
      payload: { action: 'start', version: 2 },
    });
    expect(
      (
        await fx.app.inject({
          method: 'POST',
          url: `/api/inspections/${fx.inspectionId}/approve-plan`,
          headers: authed(c('coordinator')),
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await fx.app.inject({
          method: 'POST',
          url: `/api/inspections/${fx.inspectionId}/approve-plan`,
          headers: authed(c('principal')),
        })
      ).statusCode,
    ).toBe(200);
    const direct = await fx.app.inject({
      method: 'PATCH',
      url: `/api/measures/${id}`,
      headers: authed(c('coordinator')),
      payload: { version: 3, deadline: '2031-01-01' },
    });
    expect(direct.statusCode).toBe(422);
    expect(direct.json<{ message: string }>().message).toMatch(/须提交延期\/调整申请/);
    const asked = await fx.app.inject({
      method: 'POST',
      url: `/api/measures/${id}/extensions`,
      headers: authed(c('responsible')),
      payload: { deadline: '2031-01-01', reason: '需待上级批复' },
    });
    expect(asked.statusCode).toBe(201);
    const request = asked.json<TMeasureDetail>().extensions[0];
    expect(request).toMatchObject({
      status: 'pending',
      wasOverdue: true,
      deadlineAtRequest: late,
      newDeadline: '2031-01-01',
    });
    const notPrincipal = await fx.app.inject({
      method: 'POST',
      url: `/api/extensions/${request?.id ?? 0}/decision`,
      headers: authed(c('coordinator')),
      payload: { approve: true },
    });
    expect(notPrincipal.statusCode).toBe(403);
    const decided = await fx.app.inject({
      method: 'POST',
      url: `/api/extensions/${request?.id ?? 0}/decision`,
      headers: authed(c('principal')),
      payload: { approve: true, note: '同意' },
    });
    expect(decided.statusCode).toBe(200);
    const after = decided.json<TMeasureDetail>();
    expect(after.measure).toMatchObject({ deadline: '2031-01-01', originalDeadline: late, colour: 'green' });
    expect(after.extensions[0]).toMatchObject({ status: 'approved', decisionNote: '同意' });
    const row = await fx.db
      .selectFrom('measures')
      .select(['late_extension', 'original_deadline'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ late_extension: 1, original_deadline: late });
  });

  it('records outcomes with totals, and shows the source of money only to permitted roles', async () => {
    const url = `/api/inspections/${fx.inspectionId}/outcomes`;
    expect(
      (
        await fx.app.inject({
          method: 'POST',
          url: `${url}/rules`,
          headers: authed(c('coordinator')),
          payload: {
            title: '南通市文联政府采购内部控制制度',
            docNumber: '通文联〔2021〕19号',
            issuedDate: '2021-09-01',
            kind: 'new',
            measureId: fx.measureIds[0],
          },
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await fx.app.inject({
          method: 'POST',
          url: `${url}/money`,
          headers: authed(c('coordinator')),
          payload: { kind: '退回', amountYuan: 1234.56, fromWhom: '某干部' },
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await fx.app.inject({
          method: 'POST',
          url: `${url}/money`,
          headers: authed(c('coordinator')),
          payload: { kind: '退回', amountYuan: 0.001 },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await fx.app.inject({
          method: 'POST',
          url: `${url}/accountability`,
          headers: authed(c('principal')),
          payload: { kind: '诫勉谈话', people: 2 },
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await fx.app.inject({
          method: 'POST',
          url: `${url}/accountability`,
          headers: authed(c('responsible')),
          payload: { kind: '问责', people: 1 },
        })
      ).statusCode,
    ).toBe(403);
    const seen = (
      await fx.app.inject({ method: 'GET', url, headers: { cookie: c('supervisor') } })
    ).json<TOutcomesView>();
    expect(seen.totals).toEqual({ rulesNew: 1, rulesRevised: 0, moneyYuan: 1234.56, people: 2 });
    expect(seen.money[0]?.fromWhom).toBe('某干部');
    const hidden = (
      await fx.app.inject({ method: 'GET', url, headers: { cookie: c('responsible') } })
    ).json<TOutcomesView>();
    expect(hidden.money[0]).toMatchObject({ amountYuan: 1234.56, fromWhom: null });
    const audit = await fx.db
      .selectFrom('audit_events')
      .select('after_json')
      .where('kind', '=', 'outcome.recorded')
      .execute();
    expect(audit.some((a) => a.after_json?.includes('某干部'))).toBe(false);
  });
});
