/**
 * 整改总览's unit ranking in the browser, with more units than one page: the server pages, sorts and bands it, the
 * table's state is kept in the address (the back button returns to the same page), and a unit's red count on the
 * second page opens the search for that unit's red measures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '@shared/chinese.ts';
import { openDatabase } from '../../src/server/db/connection.ts';
import { importLedger, loginAs, startHarness, type THarness } from './harness.ts';

/** Units beside the demo data's: more than the ranking's first page holds. */
const EXTRA_UNITS = 22;

const ledgerOf = (n: number) =>
  [
    `中共南通市第${n}局党组关于巡察整改进展情况的通报`,
    `2022年3月1日至4月15日,市委第三巡察组对南通市第${n}局党组进行了巡察。2022年5月20日,市委第三巡察组向第${n}局党组反馈了巡察意见。`,
    '一、反馈问题整改落实情况',
    '(一)贯彻落实上级决策部署有差距',
    '1.关于“制度执行不到位”问题的整改情况。一是修订工作制度。二是开展专项检查。',
  ].join('\n');

describe('the dashboard’s unit ranking in the browser', () => {
  let h: THarness;
  let units = 0;
  beforeAll(async () => {
    h = await startHarness();
    // Written beside the running server into its database file, before any figure is asked for.
    const database = openDatabase(h.dbPath);
    const today = todayInChina();
    for (let n = 1; n <= EXTRA_UNITS; n += 1) {
      const stored = await importLedger(database.db, ledgerOf(n));
      // One measure overdue in every unit (red); the other closed in every other unit (50 %), under way elsewhere.
      const [first, second] = stored.measureIds as [number, number];
      await database.db
        .updateTable('measures')
        .set({ state: 'in_progress', deadline: addDays(today, -5) })
        .where('id', '=', first)
        .execute();
      await database.db
        .updateTable('measures')
        .set(n % 2 === 0 ? { state: 'closed' } : { state: 'in_progress', deadline: addDays(today, 60) })
        .where('id', '=', second)
        .execute();
    }
    const withMeasures = await database.db
      .selectFrom('measures')
      .innerJoin('inspections', 'inspections.id', 'measures.inspection_id')
      .select((eb) => eb.fn.count<number>('inspections.unit_id').distinct().as('n'))
      .executeTakeFirstOrThrow();
    units = Number(withMeasures.n);
    await database.close();
  });
  afterAll(async () => h.stop());

  it('pages, sorts and bands the ranking on the server, and opens the search from a second-page unit', async () => {
    expect(units).toBeGreaterThan(20);
    const page = await h.newPage();
    await loginAs(page, 'xunchaban');
    await page.getByText('整改总览').first().waitFor();
    const table = page.getByTestId('dash-units-table');
    const rows = table.locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(20);
    const totalText = page.locator('.ant-pagination-total-text');
    await expect.poll(() => totalText.textContent()).toBe(`共 ${units} 个单位`);

    // The second page, asked of the server and kept in the address.
    await page.locator('.ant-pagination-item-2').click();
    await expect.poll(() => page.url()).toContain('unitsPage=2');
    await expect.poll(() => rows.count()).toBe(units - 20);
    expect(await rows.first().locator('td').first().textContent()).toBe('21');
    const red = rows.first().locator('[data-testid^="dash-unit-red-"]');
    const unitId = (await red.getAttribute('data-testid'))?.replace('dash-unit-red-', '') ?? '';
    expect(Number(unitId)).toBeGreaterThan(0);
    const count = Number(await red.textContent());
    await red.click();
    await expect.poll(() => page.url()).toContain('/measures?');
    expect(page.url()).toContain(`unit=${unitId}`);
    expect(page.url()).toContain('colour=red');
    await expect.poll(() => page.getByTestId('search-export').textContent()).toContain(`（${count} 条）`);

    // Back: the same page of the ranking.
    await page.goBack();
    await expect.poll(() => page.url()).toContain('unitsPage=2');
    await expect.poll(() => rows.count()).toBe(units - 20);

    // Lowest completion first: a new order starts at the first page.
    await table.locator('th', { hasText: '完成率' }).click();
    await expect.poll(() => page.url()).toContain('unitsSort=completion');
    expect(page.url()).not.toContain('unitsPage=');
    await expect.poll(() => rows.count()).toBe(20);
    const rates = await table.locator('tbody tr.ant-table-row td:nth-child(5)').allTextContents();
    const numbers = rates.map((r) => Number(r.replace('%', '')));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));

    // One band: the table holds that band's units, as many as its tag says.
    const low = page.getByTestId('dash-band-low');
    const inBand = Number(/：(\d+) 个单位/.exec((await low.textContent()) ?? '')?.[1] ?? -1);
    expect(inBand).toBeGreaterThanOrEqual(EXTRA_UNITS);
    await low.click();
    await expect.poll(() => page.url()).toContain('unitsBand=low');
    await expect.poll(() => totalText.textContent()).toBe(`共 ${inBand} 个单位`);
    const bandTags = await table.locator('tbody tr.ant-table-row td:last-child').allTextContents();
    expect(bandTags.length).toBe(Math.min(20, inBand));
    for (const tag of bandTags) expect(tag).toBe('80% 以下');
    await page.context().close();
  });
});
