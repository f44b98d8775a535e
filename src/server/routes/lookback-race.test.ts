/** A look-back item's result is recorded once: many judges at the same moment get one success and 409s. */
import { beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '@shared/chinese.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, type TFixture } from '../test-support/factories.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';

describe.each(testEngines())('recording a look-back result concurrently on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  beforeAll(() => {
    fx = fixture();
  });

  it('accepts one result, refuses the others, reopens once and notifies once', async () => {
    const id = fx.measureIds[2] ?? 0;
    await fx.db.updateTable('measures').set({ state: 'closed' }).where('id', '=', id).execute();
    const coordinator = await fx.login('coordinator');
    const office = await fx.login('inspection_office');
    const scheduled = await fx.app.inject({
      method: 'POST',
      url: `/api/inspections/${fx.inspectionId}/lookbacks`,
      headers: authed(coordinator),
      payload: {
        scheduledDate: todayInChina(),
        checkers: ['王检查'],
        scope: { kind: 'picked', measureIds: [id] },
      },
    });
    expect(scheduled.statusCode).toBe(201);
    const item = await fx.db
      .selectFrom('lookback_items')
      .select('id')
      .where('measure_id', '=', id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        fx.app.inject({
          method: 'POST',
          url: `/api/lookback-items/${item.id}`,
          headers: authed(i % 2 === 0 ? coordinator : office),
          payload: { result: i % 3 === 0 ? 'holds' : 'relapsed', note: `第${i}次` },
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c !== 200).every((c) => c === 409)).toBe(true);
    const relapses = await fx.db
      .selectFrom('state_transitions')
      .select('id')
      .where('measure_id', '=', id)
      .where('action', '=', 'relapse')
      .execute();
    expect(relapses.length).toBeLessThanOrEqual(1);
    const notices = await fx.db
      .selectFrom('notifications')
      .select('user_id')
      .where('measure_id', '=', id)
      .execute();
    expect(new Set(notices.map((n) => n.user_id)).size).toBe(notices.length);
  });
});
