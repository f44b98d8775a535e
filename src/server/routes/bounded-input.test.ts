import { readdirSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAnnouncementText } from '@importers/announcement-text.importer.ts';
import { buildZip, deflatedZeros } from '@importers/zip-fixtures.ts';
import type { TImportedProblem } from '@shared/import-structure.ts';
import type { TMeasureDetail } from '@shared/api.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, SMALL_ANNOUNCEMENT, type TFixture } from '../test-support/factories.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';

/**
 * Input no user means, as an attacker would send it: a clear 4xx with a Chinese message, quickly, and nothing
 * written — never a 500, never half-written data.
 */
describe.each(testEngines())('bounded input on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  const cookies: Record<string, string> = {};
  let bomb: Buffer;
  beforeAll(async () => {
    fx = fixture();
    for (const role of ['coordinator', 'responsible'] as const) cookies[role] = await fx.login(role);
    // A .docx-shaped container whose document part inflates to 1.2 GB; its header claims 2 KB.
    bomb = buildZip([
      { name: '[Content_Types].xml', data: deflateRawSync(Buffer.from('<Types/>')), size: 8 },
      { name: 'word/document.xml', data: await deflatedZeros(1200), size: 2048 },
    ]);
  });
  const c = (role: string) => cookies[role] ?? '';
  const files = () => readdirSync(fx.config.filesDir, { recursive: true }).length;
  const count = async (table: 'measure_comments' | 'progress_entries' | 'evidence' | 'inspections') =>
    Number(
      (
        await fx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const detail = async (id: number) =>
    (
      await fx.app.inject({
        method: 'GET',
        url: `/api/measures/${id}`,
        headers: { cookie: c('coordinator') },
      })
    ).json<TMeasureDetail>();
  const upload = (bytes: Buffer, name = '材料.docx') =>
    fx.app.inject({
      method: 'POST',
      url: `/api/measures/${fx.measureIds[0] ?? 0}/evidence`,
      headers: {
        ...authed(c('coordinator')),
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(name),
      },
      payload: bytes,
    });
  const message = (r: { json: <T>() => T }) => r.json<{ message: string }>().message;

  it('refuses a zip bomb in an import preview with 413, and as evidence, within the upload limit', async () => {
    expect(bomb.length).toBeLessThan(3 * 1024 * 1024);
    const preview = await fx.app.inject({
      method: 'POST',
      url: '/api/imports/preview',
      headers: {
        ...authed(c('coordinator')),
        'content-type': 'application/octet-stream',
        'x-file-name': 'a.docx',
      },
      payload: bomb,
    });
    expect(preview.statusCode).toBe(413);
    expect(message(preview)).toContain('压缩炸弹');
    const before = files();
    const evidence = await upload(bomb);
    expect(evidence.statusCode).toBe(413);
    expect(files()).toBe(before);
  });

  it('refuses legacy OLE containers (.doc, .msi) and Office files carrying macros or programs as evidence', async () => {
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
    ]);
    const refusedOle = await upload(ole, 'setup.msi');
    expect(refusedOle.statusCode).toBe(422);
    expect(message(refusedOle)).toContain('OLE 复合文件');
    const withMacro = buildZip([
      { name: 'word/document.xml', data: deflateRawSync(Buffer.from('<w:document/>')), size: 13 },
      { name: 'word/vbaProject.bin', data: deflateRawSync(Buffer.from('vba')), size: 3 },
    ]);
    expect(message(await upload(withMacro))).toContain('宏');
    const withProgram = buildZip([
      { name: 'word/document.xml', data: deflateRawSync(Buffer.from('<w:document/>')), size: 13 },
      {
        name: 'word/embeddings/oleObject1.bin',
        data: deflateRawSync(Buffer.from('MZ\u0090\u0000')),
        size: 4,
      },
    ]);
    expect(message(await upload(withProgram))).toContain('嵌入了程序');
    expect(await count('evidence')).toBe(0);
  });

  it('answers a NUL byte in any text with 400, writing nothing: comment, progress, file name, login name', async () => {
    const id = fx.measureIds[1] ?? 0;
    const before = {
      comments: await count('measure_comments'),
      progress: await count('progress_entries'),
      evidence: await count('evidence'),
      files: files(),
    };
    const comment = await fx.app.inject({
      method: 'POST',
      url: `/api/measures/${id}/comments`,
      headers: authed(c('coordinator')),
      payload: { text: 'a\u0000b' },
    });
    expect(comment.statusCode).toBe(400);
    expect(message(comment)).toContain('NUL');
    const progress = await fx.app.inject({
      method: 'POST',
      url: `/api/measures/${id}/progress`,
      headers: authed(c('coordinator')),
      payload: { entryDate: '2026-11-01', text: '进展\u0000', version: (await detail(id)).measure.version },
    });
    expect(progress.statusCode).toBe(400);
    const named = await upload(Buffer.from('%PDF-1.4\n%x\n'), 'a\u0000.pdf');
    expect(named.statusCode).toBe(400);
    const login = await fx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-requested-with': 'zhenggai' },
      payload: { username: 'admin\u0000', password: 'x' },
    });
    expect(login.statusCode).toBe(400);
    expect({
      comments: await count('measure_comments'),
      progress: await count('progress_entries'),
      evidence: await count('evidence'),
      files: files(),
    }).toEqual(before);
  });

  it('refuses dates that are not dates, or not plausible, from the client', async () => {
    const id = fx.measureIds[2] ?? 0;
    for (const deadline of ['NOT-A-DATE', '2999-99-99', '2999-12-31', '2026-02-30']) {
      const res = await fx.app.inject({
        method: 'PATCH',
        url: `/api/measures/${id}`,
        headers: authed(c('coordinator')),
        payload: { version: (await detail(id)).measure.version, deadline },
      });
      expect(res.statusCode).toBe(400);
      expect(message(res)).toMatch(/日期/);
    }
    expect((await detail(id)).measure.deadline).toBeNull();
  });

  it('refuses an import whose document is nested 1,000 deep or carries a bad date, writing nothing', async () => {
    const parsed = parseAnnouncementText(SMALL_ANNOUNCEMENT);
    if (!parsed.ok) throw new Error(parsed.error);
    const doc = parsed.document;
    let deep: TImportedProblem = { number: '1', title: '深', intro: null, subproblems: [], measures: [] };
    for (let i = 0; i < 1000; i += 1)
      deep = { number: '1', title: '深', intro: null, subproblems: [deep], measures: [] };
    const before = await count('inspections');
    const confirm = (document: unknown) =>
      fx.app.inject({
        method: 'POST',
        url: '/api/imports/confirm',
        headers: authed(c('coordinator')),
        payload: { document, unitId: fx.unitId },
      });
    const nested = await confirm({
      ...doc,
      categories: [{ ...doc.categories[0], problems: [deep] }],
    });
    expect(nested.statusCode).toBe(400);
    const badDate = structuredClone(doc);
    const measure = badDate.categories[0]?.problems[0]?.measures[0];
    if (measure) measure.deadline = '2999-99-99';
    const dated = await confirm(badDate);
    expect(dated.statusCode).toBe(400);
    expect(await count('inspections')).toBe(before);
  });
});
