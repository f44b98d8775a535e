/**
 * 措施查询 in the browser: the inspection office filters across units with the filters kept in the address, opens a
 * measure; a coordinator on the same page sees only the unit's own measures, whatever the address asks for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/connection.ts';
import { importLedger, loginAs, startHarness, type THarness } from './harness.ts';

/** A second inspected unit, beside the demo unit, whose words appear nowhere else. */
const OTHER_UNIT = [
  '中共南通市测绘地理信息局党组关于巡察整改进展情况的通报',
  '2022年3月1日至4月15日,市委第三巡察组对南通市测绘地理信息局党组进行了巡察。2022年5月20日,市委第三巡察组向测绘地理信息局党组反馈了巡察意见。',
  '一、反馈问题整改落实情况',
  '(一)贯彻落实上级决策部署有差距',
  '1.关于“测绘成果保密管理松散”问题的整改情况。一是建立测绘成果保密台账。二是开展保密专项检查。',
].join('\n');

describe('measure search in the browser', () => {
  let h: THarness;
  let otherUnitId = 0;
  let demoUnitId = 0;
  beforeAll(async () => {
    h = await startHarness();
    // Written beside the running server into its database file, as an import by the system would.
    const database = openDatabase(h.dbPath);
    otherUnitId = (await importLedger(database.db, OTHER_UNIT)).unitId;
    const demo = await database.db
      .selectFrom('units')
      .select('id')
      .where('name', 'like', '%文学艺术界%')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    demoUnitId = demo.id;
    await database.close();
  });
  afterAll(async () => h.stop());

  it('takes the inspection office from its dashboard, by one unit’s red count, to the search with the filters set', async () => {
    const page = await h.newPage();
    await loginAs(page, 'xunchaban');
    // The office's home is the dashboard.
    await page.getByText('整改总览').first().waitFor();
    expect(page.url()).toContain('/dashboard');
    await page.getByTestId('chart-colours').waitFor();
    const units = page.locator('[data-testid="dash-units-table"] tbody tr.ant-table-row');
    await expect.poll(() => units.count()).toBe(2);
    const red = page.getByTestId(`dash-unit-red-${demoUnitId}`);
    const count = Number(await red.textContent());
    expect(count).toBeGreaterThan(0);
    await red.click();
    await expect.poll(() => page.url()).toContain('/measures?');
    expect(page.url()).toContain(`unit=${demoUnitId}`);
    expect(page.url()).toContain('colour=red');
    await expect.poll(() => page.getByTestId('search-colour').textContent()).toContain('逾期');
    await expect.poll(() => page.getByTestId('search-export').textContent()).toContain(`（${count} 条）`);
    const rows = page.locator('[data-testid="search-table"] tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(Math.min(count, 50));
    await rows.first().click();
    await page.locator('.ant-drawer').getByText('整改进展').first().waitFor();
    await page.context().close();
  });

  it('lets the inspection office filter across units in the address, page the results and open a measure', async () => {
    const page = await h.newPage();
    await loginAs(page, 'xunchaban');
    await page.getByTestId('go-search').click();
    await page.getByText('措施查询').first().waitFor();
    const rows = page.locator('[data-testid="search-table"] tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);

    // Both units' measures are found by words from either.
    await page.getByTestId('search-q').locator('input').fill('测绘成果保密');
    await page.getByTestId('search-q').locator('input').press('Enter');
    await expect.poll(() => page.url()).toContain('q=');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('测绘地理信息局');

    // A unit is found on the server by the words typed, not from a list of every unit; the address keeps it, and
    // opened again from the address the select names it.
    await page.goto('/measures');
    const unitSelect = page.locator('.ant-select[data-testid="search-unit"]');
    await unitSelect.click();
    const [choices] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/choices/units?') && r.url().includes('q=')),
      page.keyboard.type('测绘'),
    ]);
    expect(choices.status()).toBe(200);
    await page.locator('.ant-select-item-option', { hasText: '测绘地理信息局' }).click();
    await expect.poll(() => page.url()).toContain(`unit=${otherUnitId}`);
    await expect.poll(() => rows.count()).toBe(2);
    await page.reload();
    await expect.poll(() => unitSelect.textContent()).toContain('测绘地理信息局');

    // A red filter set from the address is shown as set, and every row is red.
    await page.goto('/measures?colour=red&sort=overdue');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('search-colour').textContent()).toContain('逾期');
    const colours = await rows
      .locator('[data-colour]')
      .evaluateAll((lights) => lights.map((l) => l.getAttribute('data-colour')));
    expect(new Set(colours)).toEqual(new Set(['red']));
    // Choosing a state keeps the colour and adds the state to the address: the link can be shared.
    await page.getByTestId('search-state').click();
    await page.getByTitle('推进中').click();
    await expect.poll(() => page.url()).toMatch(/state=in_progress/);
    expect(page.url()).toMatch(/colour=red/);

    // Opening a row shows the measure.
    await rows.first().click();
    await page.locator('.ant-drawer').getByText('整改进展').first().waitFor();
    await page.context().close();
  });

  it('shows a coordinator only the unit’s own measures, even for an address that names another unit', async () => {
    const page = await h.newPage();
    await loginAs(page, 'lianluoyuan');
    // What the page asked and was answered, and what it shows: nothing of the other unit.
    const open = async (address: string) => {
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/api/measures?') || r.url().endsWith('/api/measures')),
        page.goto(address),
      ]);
      expect(response.status()).toBe(200);
      return ((await response.json()) as { total: number }).total;
    };
    const rowsShown = page.locator('[data-testid="search-table"] tbody tr.ant-table-row');
    expect(await open(`/measures?q=${encodeURIComponent('测绘成果保密')}`)).toBe(0);
    await expect.poll(() => page.getByTestId('search-export').textContent()).toContain('（0 条）');
    expect(await rowsShown.count()).toBe(0);
    expect(await open(`/measures?unit=${otherUnitId}`)).toBe(0);
    expect(await rowsShown.count()).toBe(0);
    await page.goto('/measures');
    const rows = page.locator('[data-testid="search-table"] tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const units = await rows.getByTestId('search-unit').allTextContents();
    expect(units).toHaveLength(await rows.count());
    expect(units.every((u) => u.includes('文学艺术界'))).toBe(true);
    expect(units.some((u) => u.includes('测绘'))).toBe(false);
    await page.context().close();
  });
});
