/**
 * The responsible person's and the leader's work on a phone (390×844): 我的工作, the measure, progress with a photo
 * taken on the phone (scaled down before upload, the original's hash kept), the 销号 request, and the leader's
 * approval beside the 整改目标/完成标准 — nothing wider than the screen. With ZHENGGAI_SCREENSHOT_DIR set, each page is
 * also photographed at 390×844 and 1366×768 (how docs/screenshots were made).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startHarness, type THarness } from './harness.ts';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1366, height: 768 };
const SHOTS = process.env.ZHENGGAI_SCREENSHOT_DIR;

type TLedger = {
  categories: Array<{
    problems: Array<{
      measures: Array<{
        id: number;
        personName: string | null;
        leaderName: string | null;
        state: string;
        version: number;
      }>;
    }>;
  }>;
};
type TDetail = {
  measure: { version: number };
  evidence: Array<{ id: number; fileName: string; size: number; originalSha256: string | null }>;
};

/** Saves a screenshot when asked to. */
async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/**
 * Nothing on the page, and nothing in an open drawer or dialog, is wider than the screen: polled, so a drawer still
 * sliding in is measured where it stops. Answers how far past the screen's edge the widest thing reaches (≤ 0).
 */
async function fitsTheScreen(page: Page, width: number): Promise<void> {
  const overflow = () =>
    page.evaluate((w) => {
      const open = [
        ...document.querySelectorAll(
          '.ant-drawer-content-wrapper, .ant-drawer-body, .ant-modal-content, .ant-modal-body',
        ),
      ];
      if (open.length === 0) return document.documentElement.scrollWidth - w;
      return Math.max(
        ...open.map((e) => Math.max(e.getBoundingClientRect().right - w, e.scrollWidth - e.clientWidth)),
      );
    }, width);
  await expect.poll(overflow, { timeout: 5000 }).toBeLessThanOrEqual(0.5);
}

/** A 3000×2000 camera-like photo (noise, so it is large as a real one is), as JPEG bytes made by the browser. */
async function cameraPhoto(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 3000;
    canvas.height = 2000;
    const g = canvas.getContext('2d');
    if (!g) return '';
    const image = g.createImageData(3000, 2000);
    for (let i = 0; i < image.data.length; i += 4) {
      image.data[i] = (i * 7) % 256;
      image.data[i + 1] = Math.floor(Math.random() * 256);
      image.data[i + 2] = 120;
      image.data[i + 3] = 255;
    }
    g.putImageData(image, 0, 0);
    return canvas.toDataURL('image/jpeg', 0.92);
  });
  return Buffer.from(dataUrl.split(',')[1] ?? '', 'base64');
}

describe('a phone’s day: progress with a photo, 销号 request, the leader’s approval', () => {
  let h: THarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());

  it('works at 390×844 from 我的工作 to the leader’s approval', async () => {
    const responsible = await h.newPage(PHONE);
    await loginAs(responsible, 'zerenren');
    await responsible.getByRole('heading', { name: '我的工作' }).waitFor();
    await fitsTheScreen(responsible, PHONE.width);
    await shot(responsible, 'phone-my-work');

    // 刘洋 carries this measure and 李文华 leads it, in the demo data; the coordinator sets its goal and criteria.
    const ledger = (await (await responsible.request.get('/api/inspections/1/ledger')).json()) as TLedger;
    const measure = ledger.categories
      .flatMap((c) => c.problems.flatMap((p) => p.measures))
      .filter((m) => m.personName === '刘洋' && m.leaderName === '李文华' && m.state === 'in_progress')
      .at(-1);
    expect(measure).toBeDefined();
    const id = measure?.id ?? 0;
    const office = await h.newPage();
    await loginAs(office, 'lianluoyuan');
    const set = await office.request.patch(`/api/measures/${id}`, {
      data: {
        version: measure?.version,
        goal: '制度健全、执行到位',
        doneCriteria: '印发制度文件并组织学习，抽查无违规',
      },
      headers: { 'x-requested-with': 'zhenggai' },
    });
    expect(set.status()).toBe(200);
    await office.context().close();

    await responsible.goto(`/inspections/1?measure=${id}`);
    await responsible.getByTestId('measure-drawer').waitFor();
    await fitsTheScreen(responsible, PHONE.width);
    await shot(responsible, 'phone-measure');
    await responsible.getByTestId('action-record_progress').click();
    const dialog = responsible.getByRole('dialog', { name: '记录整改进展' });
    await dialog
      .getByTestId('progress-text')
      .fill('已召开专题会议，修订完善相关制度并印发执行，现场照片附后。');
    const photo = await cameraPhoto(responsible);
    expect(photo.length).toBeGreaterThan(1_000_000);
    // The 拍照 button opens the camera: its input asks for an image from the camera.
    const camera = dialog.locator('input[type="file"][capture]');
    expect(await camera.getAttribute('accept')).toBe('image/*');
    await camera.setInputFiles({ name: '现场照片.jpg', mimeType: 'image/jpeg', buffer: photo });
    await dialog.getByText('现场照片.jpg').waitFor();
    await fitsTheScreen(responsible, PHONE.width);
    await shot(responsible, 'phone-progress');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => responsible.getByTestId('evidence-list').textContent()).toContain('现场照片.jpg');
    const detail = (await (await responsible.request.get(`/api/measures/${id}`)).json()) as TDetail;
    const stored = detail.evidence.find((e) => e.fileName === '现场照片.jpg');
    // Scaled down in the browser before upload; the original's hash is kept.
    expect(stored?.size).toBeLessThan(photo.length);
    expect(stored?.originalSha256).toMatch(/^[0-9a-f]{64}$/);

    await responsible.getByTestId('action-request_close_out').click();
    await responsible.getByTestId('ask-text').fill('整改任务已完成，制度已印发，现场已整改。');
    await responsible.getByRole('button', { name: /提\s*交/ }).click();
    await expect
      .poll(() => responsible.getByTestId('close-out-status').textContent())
      .toContain('待责任领导审核');
    await fitsTheScreen(responsible, PHONE.width);
    await responsible.context().close();

    const leader = await h.newPage(PHONE);
    await loginAs(leader, 'lingdao');
    await leader.getByRole('heading', { name: '我的工作' }).waitFor();
    await leader.getByTestId(`my-work-close-out-${id}`).click();
    await leader.getByTestId('measure-drawer').waitFor();
    await expect.poll(() => leader.getByTestId('review-criteria').textContent()).toContain('印发制度文件');
    await fitsTheScreen(leader, PHONE.width);
    await leader.getByTestId('review-criteria').scrollIntoViewIfNeeded();
    await shot(leader, 'phone-review');
    await leader.getByTestId('action-leader_review').click();
    await leader.getByTestId('ask-text').fill('材料齐全，符合完成标准，同意。');
    await leader.getByRole('button', { name: /提\s*交/ }).click();
    await expect
      .poll(() => leader.getByTestId('close-out-status').textContent())
      .toContain('待第一责任人批准');
    await fitsTheScreen(leader, PHONE.width);
    await leader.context().close();

    if (SHOTS) {
      // The same pages on a desk.
      const desk = await h.newPage(DESK);
      await loginAs(desk, 'lingdao');
      await desk.getByRole('heading', { name: '我的工作' }).waitFor();
      await shot(desk, 'desktop-my-work');
      await desk.goto(`/inspections/1?measure=${id}`);
      await desk.getByTestId('measure-drawer').waitFor();
      await shot(desk, 'desktop-measure');
      await desk.context().close();
    }
  });
});
