import ExcelJS from 'exceljs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadBy, loginAs, startHarness, type THarness } from './harness.ts';

const PAYLOADS = [
  '<script>alert("xss-1")</script>',
  '<img src=x onerror="alert(\'xss-2\')">',
  'javascript:alert("xss-3")',
];

describe('security in the browser', () => {
  let h: THarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());

  it('makes an account created by the administrator choose a new password at first login', async () => {
    const admin = await h.newPage();
    await loginAs(admin, 'admin');
    await admin.goto('/admin');
    await admin.getByRole('tab', { name: /用户/ }).click();
    await admin.getByTestId('new-user').click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('xinren');
    await dialog.getByLabel('姓名').fill('新同志');
    await dialog.getByLabel('初始密码（首次登录须修改）').fill('Chushi-mima-2026');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => admin.getByText('待修改密码').count()).toBeGreaterThan(0);
    await admin.context().close();

    const page = await h.newPage();
    await page.goto('/');
    await page.getByPlaceholder('用户名').fill('xinren');
    await page.getByPlaceholder('密码').fill('Chushi-mima-2026');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('首次登录或密码被重置后，请先设置您自己的密码').waitFor();
    await page.getByTestId('current-password').fill('Chushi-mima-2026');
    await page.getByTestId('new-password').fill('Wode-xinmima-2026');
    await page.getByTestId('repeat-password').fill('Wode-xinmima-2026');
    await page.getByTestId('change-password-submit').click();
    await page.getByTestId('current-user').waitFor();
    expect(await page.getByTestId('current-user').textContent()).toContain('新同志');
    await page.context().close();
  });

  it('locks an account after 5 wrong passwords: the right one is then refused too, with the lock-out rule stated', async () => {
    const page = await h.newPage();
    await page.goto('/');
    for (let i = 0; i < 5; i += 1) {
      await page.getByPlaceholder('用户名').fill('lingdao');
      await page.getByPlaceholder('密码').fill(`wrong-password-${i}`);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await expect
        .poll(() => page.getByTestId('login-error').first().textContent())
        .toContain('用户名或密码错误');
    }
    await page.getByPlaceholder('密码').fill('Zhenggai@2026');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    // The answer is the one every failure gets (no hint whether the account exists or is locked), stating the rule.
    await expect
      .poll(() => page.getByTestId('login-error').first().textContent())
      .toContain('连续错误 5 次，账号将锁定 15 分钟');
    expect(await page.getByPlaceholder('密码').count()).toBe(1);
    await page.context().close();
  });

  it('returns to the login page after the idle timeout', async () => {
    const page = await h.newPage();
    await loginAs(page, 'shuji');
    const db = new Database(h.dbPath);
    db.prepare('update sessions set last_seen_at = ?').run(new Date(Date.now() - 31 * 60_000).toISOString());
    db.close();
    await page.reload();
    await page.getByPlaceholder('用户名').waitFor();
    await page.context().close();
  });

  it('shows script payloads in free-text fields as text, in the page and in the exported workbook', async () => {
    const page = await h.newPage();
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs += 1;
      void d.dismiss();
    });
    await loginAs(page, 'lianluoyuan');
    await page.goto('/inspections');
    await page.getByText('中共南通市文学艺术界联合会党组').first().click();
    await page.getByTestId('ledger-title').waitFor();
    const url = new URL(page.url());
    const inspectionId = url.pathname.split('/').pop() ?? '';
    const ledger = (await (await page.request.get(`/api/inspections/${inspectionId}/ledger`)).json()) as {
      categories: Array<{ problems: Array<{ id: number }> }>;
    };
    const problemId = ledger.categories[0]?.problems[0]?.id ?? 0;
    const H = { 'x-requested-with': 'zhenggai' };
    let lastMeasure = 0;
    for (const payload of PAYLOADS) {
      const res = await page.request.post(`/api/problems/${problemId}/measures`, {
        headers: H,
        data: { content: payload, task: payload },
      });
      expect(res.status()).toBe(201);
      lastMeasure = ((await res.json()) as { measure: { id: number } }).measure.id;
    }
    // Progress text and comments are free text too.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(
      (
        await page.request.post(`/api/measures/${lastMeasure}/progress`, {
          headers: H,
          data: { entryDate: today, text: PAYLOADS[1], version: 1 },
        })
      ).status(),
    ).toBe(201);
    expect(
      (
        await page.request.post(`/api/measures/${lastMeasure}/comments`, {
          headers: H,
          data: { text: PAYLOADS[0] },
        })
      ).status(),
    ).toBe(201);
    await page.reload();
    await page.getByTestId('ledger-title').waitFor();
    for (const payload of PAYLOADS)
      await expect.poll(() => page.getByText(payload, { exact: true }).count()).toBeGreaterThan(0);
    await page.getByTestId(`open-${lastMeasure}`).click();
    await page.getByTestId('measure-drawer').waitFor();
    await expect
      .poll(() => page.getByTestId('measure-comment').first().textContent())
      .toContain(PAYLOADS[0] ?? '');
    expect(await page.getByTestId('measure-drawer').textContent()).toContain(PAYLOADS[1] ?? '');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toBe(0);

    // The export button: a POST that is audited, then the file from its short-lived link.
    await page.goto(`/inspections/${inspectionId}`);
    const xlsx = await downloadBy(page, 'export-xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
    const texts: string[] = [];
    wb.worksheets[0]?.eachRow((row) => row.eachCell((cell) => texts.push(cell.text)));
    for (const payload of PAYLOADS) expect(texts).toContain(payload);
    await page.context().close();
  });
});
