/**
 * The public pages on both databases, without a login: nothing is public until the administrator makes the unit
 * public; then its published announcement is listed, readable as published and downloadable as .docx, with the
 * unit's contact; a draft's words never appear; a newer version replaces the listed one; a withdrawn one answers
 * 已撤回 (not 404); a unit made private disappears; every value is escaped.
 */
import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../test-support/databases.ts';
import { authed, type TFixture } from '../test-support/factories.ts';
import { publicSideCalls } from '../test-support/public-side.ts';
import { pdfFonts } from '../use-cases/documents/render.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';

describe.each(testEngines())('public pages on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  const { as, versions, step, publish, setPublic, listedIds, draft } = publicSideCalls(() => fx);
  beforeAll(() => {
    fx = fixture();
  });
  const get = (url: string) => fx.app.inject({ method: 'GET', url });

  it('shows nothing of a unit that is not public, then its published announcement once it is', async () => {
    await publish('第一版：制度已修订并印发。');
    const empty = await get('/public');
    expect(empty.statusCode).toBe(200);
    expect(empty.headers['content-type']).toContain('text/html');
    expect(empty.body).toContain('共 0 篇');
    await setPublic(true, { phone: '0513-12345678', email: 'jiandu@example.gov.cn' });
    const ids = await listedIds();
    expect(ids).toHaveLength(1);
    const page = await get(`/public/announcements/${ids[0] ?? 0}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('第一版：制度已修订并印发。');
    expect(page.body).not.toMatch(/<script/i); // no script, no third-party resource
    expect(page.body).not.toMatch(/https?:\/\//);
    const docx = await get(`/public/announcements/${ids[0] ?? 0}/docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // The PDF of the same version, made at publication with the CJK font embedded (CI has the fonts).
    const pdf = await get(`/public/announcements/${ids[0] ?? 0}/pdf`);
    if (pdfFonts() === null) expect(pdf.statusCode).toBe(404);
    else {
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect((await get(`/public/announcements/${ids[0] ?? 0}`)).body).toContain('/pdf">PDF</a>');
    }
    const unit = await get(`/public/units/${fx.unitId}`);
    expect(unit.statusCode).toBe(200);
    expect(unit.body).toContain('0513-12345678');
    expect(unit.body).toContain('jiandu@example.gov.cn');
    expect(unit.body).toContain(`/public/announcements/${ids[0] ?? 0}`);
    // The poster's QR code holds the unit page's own address.
    const qr = await get(`/public/units/${fx.unitId}/qr.svg`);
    expect(qr.statusCode).toBe(200);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    const address = `http://localhost:80/public/units/${fx.unitId}`; // the address inject() requests
    expect(qr.body).toBe(
      await QRCode.toString(address, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
    );
    expect(qr.body).not.toBe(
      await QRCode.toString(address.replace(/\d+$/, '999'), {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 2,
      }),
    );
    // Search by words in the unit's name; wildcards are words, not patterns.
    expect(await listedIds('?q=测试局')).toEqual(ids);
    expect(await listedIds('?q=%25')).toEqual([]);
  });

  it('never shows a draft’s words; a newer version replaces the listed one, whose address points to it', async () => {
    const [first] = await listedIds();
    await draft('草稿中的秘密措辞');
    for (const url of ['/public', `/public/announcements/${first ?? 0}`, `/public/units/${fx.unitId}`])
      expect((await get(url)).body).not.toContain('草稿中的秘密措辞');
    await publish('第二版：整改全部完成。');
    const [second] = await listedIds();
    expect(second).not.toBe(first);
    expect(await listedIds()).toHaveLength(1);
    const old = await get(`/public/announcements/${first ?? 0}`);
    expect(old.statusCode).toBe(200);
    expect(old.body).toContain(`/public/announcements/${second ?? 0}`);
  });

  it('answers 已撤回 at a withdrawn announcement’s address, and forgets a unit made private', async () => {
    const [listed] = await listedIds();
    const [latest] = await versions();
    await step('coordinator', latest?.id ?? 0, 'withdraw');
    const gone = await get(`/public/announcements/${listed ?? 0}`);
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('已撤回');
    expect((await get(`/public/announcements/${listed ?? 0}/docx`)).statusCode).toBe(404);
    expect((await get(`/public/announcements/${listed ?? 0}/pdf`)).statusCode).toBe(404);
    // The earlier version, still published, is listed again.
    expect(await listedIds()).toHaveLength(1);
    expect(await listedIds()).not.toContain(listed);
    await setPublic(false);
    expect((await get('/public')).body).toContain('共 0 篇');
    expect((await get(`/public/units/${fx.unitId}`)).statusCode).toBe(404);
    expect((await get(`/public/units/${fx.unitId}/qr.svg`)).statusCode).toBe(404);
    expect((await get('/public/announcements/99999')).statusCode).toBe(404);
    expect((await get('/public/announcements/abc')).statusCode).toBe(404);
  });

  it('escapes what it shows, and lets only the administrator decide what is public', async () => {
    const res = await fx.app.inject({
      method: 'PATCH',
      url: `/api/admin/units/${fx.unitId}`,
      headers: authed(await as('coordinator')),
      payload: { version: 1, isPublic: true },
    });
    expect(res.statusCode).toBe(403);
    await setPublic(true, { address: '<script>alert(1)</script>南通市' });
    const unit = await get(`/public/units/${fx.unitId}`);
    expect(unit.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;南通市');
    expect(unit.body).not.toContain('<script>');
    const search = await get('/public?q=%22%3E%3Cscript%3E');
    expect(search.body).not.toContain('"><script>');
  });
});
