/**
 * A monthly report counts the month as it ended, whenever it is made, on both databases: a close-out after the
 * month's end (in Beijing time — 01:00 on the 1st is the next month) is not in it, the measure it closed still
 * counts as open then, a measure added later is not counted, and the month's close-outs agree with the totals.
 */
import { describe, expect, it } from 'vitest';
import { systemActor } from '../../policies/actor.ts';
import { testEngines } from '../../test-support/databases.ts';
import { useRouteFixture } from '../../test-support/route-suite.ts';
import { renderDocument } from './render.ts';
import { liveMonthlyReport } from './reports.ts';

describe.each(testEngines())('the monthly report as of the month’s end on %s', (engine) => {
  const fixture = useRouteFixture(engine);

  it('counts only what happened up to the end of the month, and its figures agree', async () => {
    const fx = fixture();
    const [closedInMonth, closedLater, addedLater, closedAtNightAfter] = fx.measureIds;
    const all = await fx.db
      .selectFrom('measures')
      .select('id')
      .where('inspection_id', '=', fx.inspectionId)
      .execute();
    await fx.db
      .updateTable('measures')
      .set({ created_at: '2026-09-20T02:00:00.000Z' })
      .where('inspection_id', '=', fx.inspectionId)
      .execute();
    await fx.db
      .updateTable('measures')
      .set({ created_at: '2026-11-10T02:00:00.000Z' })
      .where('id', '=', addedLater ?? 0)
      .execute();
    const close = async (id: number | undefined, at: string) => {
      await fx.db
        .updateTable('measures')
        .set({ state: 'closed' })
        .where('id', '=', id ?? 0)
        .execute();
      await fx.db
        .insertInto('state_transitions')
        .values({
          measure_id: id ?? 0,
          action: 'approve_close_out',
          from_state: 'close_requested',
          to_state: 'closed',
          reason: null,
          actor_id: null,
          at,
        })
        .execute();
    };
    await close(closedInMonth, '2026-10-20T03:00:00.000Z');
    await close(closedLater, '2026-11-05T03:00:00.000Z');
    // 2026-11-01 01:00 in Beijing: November, although it is still 31 October in UTC.
    await close(closedAtNightAfter, '2026-10-31T17:00:00.000Z');

    const doc = await liveMonthlyReport(fx.db, systemActor('test'), fx.inspectionId, '2026-10');
    const text = new TextDecoder().decode(await renderDocument(doc, 'txt'));
    expect(text).toContain('完成销号1条');
    expect(text).toContain(`共分解整改措施${all.length - 1}条，已销号1条`);

    // November, made now: all three close-outs of the month, and the measure added in November.
    const november = new TextDecoder().decode(
      await renderDocument(
        await liveMonthlyReport(fx.db, systemActor('test'), fx.inspectionId, '2026-11'),
        'txt',
      ),
    );
    expect(november).toContain('完成销号2条');
    expect(november).toContain(`共分解整改措施${all.length}条，已销号3条`);
  });
});
