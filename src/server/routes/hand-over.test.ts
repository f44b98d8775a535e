/**
 * A person leaves (人员交接), on both databases, tried as the administrator and as an attacker: the open measures they
 * carry or lead and their open opinions go to the successor in one step, each measure audited; closed measures keep
 * their name; their accounts are closed and signed out; they cannot be given new work; the step is the
 * administrator's alone, within the unit, once — two at once give one hand-over.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { THandOverResult } from '@shared/api.ts';
import { answerDueOf } from '@shared/opinions.ts';
import { insertPerson } from '../repositories/unit.repository.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, type TFixture } from '../test-support/factories.ts';
import { sessionCookies } from '../test-support/measure-calls.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';

describe.each(testEngines())('hand-over of a person who leaves on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  const { as } = sessionCookies(() => fx);
  beforeAll(() => {
    fx = fixture();
  });
  const person = (unitId: number, name: string) =>
    insertPerson(fx.db, { unitId, departmentId: null, name, position: null, isDemo: false });
  const handOver = async (personId: number, successorId: number, who: Parameters<typeof as>[0] = 'admin') =>
    fx.app.inject({
      method: 'POST',
      url: `/api/admin/people/${personId}/handover`,
      headers: authed(await as(who)),
      payload: { successorId },
    });
  const measure = (id: number) =>
    fx.db
      .selectFrom('measures')
      .select(['person_id', 'leader_id', 'state'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('gives the open work to the successor in one audited step, keeps history, closes the accounts', async () => {
    const closedId = fx.measureIds[4] ?? 0;
    await fx.db
      .updateTable('measures')
      .set({ person_id: fx.personId })
      .where('id', 'in', fx.measureIds.slice(1))
      .execute();
    await fx.db.updateTable('measures').set({ state: 'closed' }).where('id', '=', closedId).execute();
    const at = new Date().toISOString();
    const { id: opinionId } = await fx.db
      .insertInto('opinions')
      .values({
        code: 'HANDO-VER22',
        unit_id: fx.unitId,
        public_announcement_id: null,
        problem_id: null,
        problem_title: null,
        content: '交接测试的意见内容',
        name: null,
        contact: null,
        content_hash: 'handover',
        address_hash: 'handover',
        status: 'accepted',
        answer: null,
        answer_published_at: null,
        created_at: at,
        answer_due: answerDueOf(at),
        handler_person_id: fx.personId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const responsibleCookie = await as('responsible');
    const successor = await person(fx.unitId, '接替人');
    const open = (
      await fx.db
        .selectFrom('measures')
        .select('id')
        .where('person_id', '=', fx.personId)
        .where('state', '<>', 'closed')
        .execute()
    ).map((m) => m.id);
    expect(open.length).toBeGreaterThan(0);

    // Not by anyone else, not to another unit's person, not to oneself.
    expect((await handOver(fx.personId, successor, 'coordinator')).statusCode).toBe(403);
    expect((await handOver(fx.personId, await person(fx.otherUnitId, '他单位人员'))).statusCode).toBe(422);
    expect((await handOver(fx.personId, fx.personId)).statusCode).toBe(422);

    const res = await handOver(fx.personId, successor);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<THandOverResult>()).toEqual({ measures: open.length, opinions: 1, accounts: 1 });
    for (const id of open) expect((await measure(id)).person_id).toBe(successor);
    expect((await measure(closedId)).person_id).toBe(fx.personId);
    const o = await fx.db
      .selectFrom('opinions')
      .select('handler_person_id')
      .where('id', '=', opinionId)
      .executeTakeFirstOrThrow();
    expect(o.handler_person_id).toBe(successor);
    // Signed out and closed.
    expect(
      (await fx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: responsibleCookie } }))
        .statusCode,
    ).toBe(401);
    const audits = await fx.db
      .selectFrom('audit_events')
      .select(['kind', 'object_id'])
      .where('kind', 'in', ['person.handed_over', 'measure.updated'])
      .execute();
    expect(audits.filter((a) => a.kind === 'person.handed_over')).toEqual([
      { kind: 'person.handed_over', object_id: fx.personId },
    ]);
    for (const id of open)
      expect(audits.some((a) => a.kind === 'measure.updated' && a.object_id === id)).toBe(true);

    // Once only; and no new work for someone who left.
    expect((await handOver(fx.personId, successor)).statusCode).toBe(409);
    const detail = await fx.app.inject({
      method: 'GET',
      url: `/api/measures/${open[0] ?? 0}`,
      headers: { cookie: await as('coordinator') },
    });
    const version = detail.json<{ measure: { version: number } }>().measure.version;
    const back = await fx.app.inject({
      method: 'PATCH',
      url: `/api/measures/${open[0] ?? 0}`,
      headers: authed(await as('coordinator')),
      payload: { version, personId: fx.personId },
    });
    expect(back.statusCode).toBe(422);
    expect(back.json<{ message: string }>().message).toContain('已离任');
  });

  it('lets one of two hand-overs of the same person sent at once through', async () => {
    const leaving = await person(fx.unitId, '同时交接的人');
    const [a, b] = [await person(fx.unitId, '接替甲'), await person(fx.unitId, '接替乙')];
    await fx.db
      .updateTable('measures')
      .set({ leader_id: leaving })
      .where('id', '=', fx.measureIds[0] ?? 0)
      .execute();
    const both = await Promise.all([handOver(leaving, a), handOver(leaving, b)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = both[0]?.statusCode === 200 ? a : b;
    expect((await measure(fx.measureIds[0] ?? 0)).leader_id).toBe(winner);
  });
});
