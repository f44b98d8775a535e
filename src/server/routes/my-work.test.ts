/**
 * GET /api/my-work (我的工作) on both databases: each person sees the red and yellow measures they carry or lead, the
 * requests at their stage, the extensions they decide and the look-backs to check — of their own unit only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TMyWork } from '@shared/api.ts';
import { addDays, todayInChina } from '@shared/chinese.ts';
import type { TRole } from '@shared/domain.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, type TFixture } from '../test-support/factories.ts';
import { sessionCookies } from '../test-support/measure-calls.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';

describe.each(testEngines())('我的工作 on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  const today = todayInChina();
  const { as } = sessionCookies(() => fx);
  const work = async (role: TRole, where: 'own' | 'other' = 'own') => {
    const res = await fx.app.inject({
      method: 'GET',
      url: '/api/my-work',
      headers: authed(await as(role, where)),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<TMyWork>();
  };
  let carried: number; // red, carried by the responsible person and led by the leader
  let soon: number; // yellow, carried by the responsible person
  let led: number; // red, led by the leader only
  let lookbackId: number;

  beforeAll(async () => {
    fx = fixture();
    [carried, soon, led] = fx.measureIds as [number, number, number];
    const set = (id: number, values: Record<string, unknown>) =>
      fx.db.updateTable('measures').set(values).where('id', '=', id).execute();
    const owners = { department_id: fx.departmentId, state: 'in_progress' };
    await set(carried, {
      ...owners,
      person_id: fx.personId,
      leader_id: fx.leaderId,
      deadline: addDays(today, -4),
    });
    await set(soon, { ...owners, person_id: fx.personId, leader_id: null, deadline: addDays(today, 2) });
    await set(led, { ...owners, person_id: null, leader_id: fx.leaderId, deadline: addDays(today, -1) });
    const otherPerson = await fx.db
      .selectFrom('people')
      .select('id')
      .where('name', '=', '他人丙')
      .executeTakeFirstOrThrow();
    await set(fx.otherMeasureIds[0] ?? 0, {
      state: 'in_progress',
      person_id: otherPerson.id,
      deadline: addDays(today, -10),
    });
    const at = new Date().toISOString();
    ({ id: lookbackId } = await fx.db
      .insertInto('lookbacks')
      .values({
        inspection_id: fx.inspectionId,
        scheduled_date: today,
        checkers: '["纪检组"]',
        note: null,
        created_by: null,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow());
    await fx.db
      .insertInto('lookback_items')
      .values(
        [fx.measureIds[3] ?? 0, fx.measureIds[4] ?? 0].map((measure_id) => ({
          lookback_id: lookbackId,
          measure_id,
          result: null,
          note: null,
          checked_by: null,
          checked_at: null,
        })),
      )
      .execute();
  });

  it('lists the red and yellow measures a person carries, and those a leader leads', async () => {
    const responsible = await work('responsible');
    expect(responsible.red.items.map((m) => m.id)).toEqual([carried]);
    expect(responsible.red.total).toBe(1);
    expect(responsible.yellow.items.map((m) => m.id)).toEqual([soon]);
    expect(responsible.red.items[0]).toMatchObject({
      isLed: false,
      overdueDays: 4,
      inspectionId: fx.inspectionId,
    });
    expect(responsible.scopeRed).toBeNull();
    expect(responsible.extensions).toEqual([]);

    const leader = await work('leader');
    expect(leader.red.items.map((m) => m.id)).toEqual([carried, led]);
    expect(leader.red.items.every((m) => m.isLed)).toBe(true);
    expect(leader.yellow.total).toBe(0);
  });

  it('gives a unit’s followers its red count and the look-backs to check, never another unit’s', async () => {
    const coordinator = await work('coordinator');
    expect(coordinator.scopeRed).toBe(2);
    expect(coordinator.red.total).toBe(0); // no person of their own
    expect(coordinator.lookbacks).toEqual([
      expect.objectContaining({ id: lookbackId, inspectionId: fx.inspectionId, unchecked: 2 }),
    ]);
    const other = await work('coordinator', 'other');
    expect(other.scopeRed).toBe(1);
    expect(other.lookbacks).toEqual([]);
    const otherResponsible = await work('responsible', 'other');
    expect(otherResponsible.red.items.map((m) => m.id)).toEqual([fx.otherMeasureIds[0]]);
    expect(otherResponsible.red.items.some((m) => fx.measureIds.includes(m.id))).toBe(false);
  });

  it('puts an extension request before the principal who decides it, with a message, and nowhere else', async () => {
    const asked = await fx.app.inject({
      method: 'POST',
      url: `/api/measures/${soon}/extensions`,
      headers: authed(await as('responsible')),
      payload: { deadline: addDays(today, 60), reason: '需协调上级部门' },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const principal = await work('principal');
    expect(principal.extensions).toEqual([
      expect.objectContaining({ measureId: soon, reason: '需协调上级部门' }),
    ]);
    expect(principal.extensions[0]?.requesterName).toBeTruthy();
    expect(principal.unread).toBeGreaterThan(0);
    expect((await work('principal', 'other')).extensions).toEqual([]);
    expect((await work('coordinator')).extensions).toEqual([]); // the coordinator does not decide extensions
  });
});
