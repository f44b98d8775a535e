/**
 * Daily figures on both databases: stored once per day whatever runs it (again, in parallel, the scheduler), equal
 * to the dashboard's figures of the day they were taken, and read back as a monthly trend that does not shift
 * when measures change later — within the reader's scope only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TDashboard } from '@shared/api.ts';
import { addDays, todayInChina } from '@shared/chinese.ts';
import type { TRole } from '@shared/domain.ts';
import { isSnapshotDue, runDueJobs } from '../../jobs/scheduler.ts';
import { testEngines } from '../../test-support/databases.ts';
import { authed, type TFixture } from '../../test-support/factories.ts';
import { useRouteFixture } from '../../test-support/route-suite.ts';
import { takeDailySnapshot } from './daily-snapshot.ts';

/** The last day of the month `back` months before the month of `today`. */
function monthEnd(today: string, back: number): string {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  return new Date(Date.UTC(y, m - back, 0)).toISOString().slice(0, 10);
}

describe.each(testEngines())('daily figures on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  const today = todayInChina();
  const dashboard = async (role: TRole, query = '', where: 'own' | 'other' = 'own') => {
    const res = await fx.app.inject({
      method: 'GET',
      url: `/api/dashboard?${query}`,
      headers: authed(await fx.login(role, where)),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<TDashboard>();
  };
  const take = (day: string) =>
    takeDailySnapshot({ db: fx.db, yellowDays: fx.config.yellowDays, day, today });

  beforeAll(async () => {
    fx = fixture();
    const [a, b] = fx.measureIds as [number, number];
    await fx.db
      .updateTable('measures')
      .set({ state: 'in_progress', deadline: addDays(today, -5) })
      .where('id', 'in', [a, b])
      .execute();
  });

  it('stores each inspection’s figures as the dashboard counts them, once a day, even when run in parallel', async () => {
    const runs = await Promise.all([take(today), take(today), take(today)]);
    expect(runs.filter((r) => r.taken)).toHaveLength(1);
    expect(runs.find((r) => r.taken)?.inspections).toBe(2);
    const rows = await fx.db
      .selectFrom('inspection_daily_figures')
      .selectAll()
      .where('day', '=', today)
      .execute();
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const { totals } = await dashboard('admin', `inspection=${row.inspection_id}`);
      expect(row).toMatchObject({
        measures: totals.measures,
        closed: totals.closed,
        red: totals.red,
        yellow: totals.yellow,
        green: totals.green,
        overdue: totals.overdue,
        relapsed: totals.relapsed,
        unclear: totals.unclear,
        problems: totals.problems,
        problems_closed: totals.problemsClosed,
      });
    }
    expect(rows.find((r) => r.inspection_id === fx.inspectionId)?.red).toBe(2);
    const audit = await fx.db
      .selectFrom('audit_events')
      .select('kind')
      .where('kind', '=', 'figures.snapshot_taken')
      .execute();
    expect(audit).toHaveLength(1);
    await expect(take(addDays(today, 1))).rejects.toThrow('不能为未来的日期');
  });

  it('gives a monthly trend from month-end figures that later changes do not shift, within the reader’s scope', async () => {
    const twoBack = monthEnd(today, 2);
    const oneBack = monthEnd(today, 1);
    // Two months back: as things stand now. Then measures are closed, and last month's end is taken.
    expect((await take(twoBack)).taken).toBe(true);
    // An earlier day of the same month does not stand for the month: its last day taken does.
    expect((await take(addDays(twoBack, -3))).taken).toBe(true);
    const [a, b, c] = fx.measureIds as [number, number, number];
    await fx.db.updateTable('measures').set({ state: 'closed' }).where('id', 'in', [a, b, c]).execute();
    expect((await take(oneBack)).taken).toBe(true);
    // Taking a day again after more changes stores nothing new.
    await fx.db
      .updateTable('measures')
      .set({ state: 'closed' })
      .where('id', 'in', fx.otherMeasureIds)
      .execute();
    expect((await take(oneBack)).taken).toBe(false);

    const office = await dashboard('inspection_office');
    expect(office.trend.map((p) => p.month)).toEqual([
      twoBack.slice(0, 7),
      oneBack.slice(0, 7),
      today.slice(0, 7),
    ]);
    const [two, one, now] = office.trend as [
      TDashboard['trend'][0],
      TDashboard['trend'][0],
      TDashboard['trend'][0],
    ];
    expect(two).toMatchObject({ day: twoBack, measures: 10, closed: 0, red: 0 });
    expect(one).toMatchObject({ day: oneBack, measures: 10, closed: 3 });
    expect(now).toMatchObject({ day: null, measures: 10, closed: office.totals.closed });
    expect(now.closed).toBe(8);

    // The coordinator's trend holds only the unit's own inspection; the other unit's coordinator, only theirs.
    const own = await dashboard('coordinator');
    expect(own.trend.map((p) => p.measures)).toEqual([5, 5, 5]);
    expect(own.trend.map((p) => p.closed)).toEqual([0, 3, 3]);
    const other = await dashboard('coordinator', '', 'other');
    expect(other.trend.map((p) => p.closed)).toEqual([0, 0, 5]);
    // Narrowed to one inspection, as the dashboard is.
    const one1 = await dashboard('inspection_office', `inspection=${fx.otherInspectionId}`);
    expect(one1.trend.map((p) => p.closed)).toEqual([0, 0, 5]);
    // A unit outside the reader's scope finds nothing.
    const outside = await dashboard('coordinator', `unit=${fx.otherUnitId}`);
    expect(outside.trend.map((p) => p.measures)).toEqual([0]);
  });

  it('lets the scheduler take the day only from the configured hour, Beijing time', async () => {
    // 13:30 UTC is 21:30 in Beijing; 14:30 UTC is 22:30.
    expect(isSnapshotDue(new Date('2026-12-03T13:30:00Z'), 22)).toBe(false);
    expect(isSnapshotDue(new Date('2026-12-03T14:30:00Z'), 22)).toBe(true);
    expect(isSnapshotDue(new Date('2026-12-03T16:30:00Z'), 22)).toBe(false); // 00:30 the next day
    const day = monthEnd(today, 4);
    const at = (utc: string) => new Date(`${addDays(day, 0)}T${utc}Z`);
    await runDueJobs(fx.db, { yellowDays: 7, snapshotHour: 22, reminderHour: 8 }, at('10:00:00'));
    expect(
      await fx.db.selectFrom('snapshot_days').select('day').where('day', '=', day).execute(),
    ).toHaveLength(0);
    await runDueJobs(fx.db, { yellowDays: 7, snapshotHour: 22, reminderHour: 8 }, at('15:00:00'));
    await runDueJobs(fx.db, { yellowDays: 7, snapshotHour: 22, reminderHour: 8 }, at('15:10:00'));
    expect(
      await fx.db.selectFrom('snapshot_days').select('day').where('day', '=', day).execute(),
    ).toHaveLength(1);
  });
});
