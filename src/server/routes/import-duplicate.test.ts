/**
 * The same document twice (issue #14), on both databases: the second preview of an announcement already imported
 * for the unit names the existing ledger and lists its changes as an update of it; a confirmation that would make a
 * second ledger anyway is refused with a message, and so is the CLI — nothing is written twice.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TImportPreview } from '@shared/api.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, type TFixture } from '../test-support/factories.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';

const TEXT = [
  '中共某某市重复局党组关于巡察整改进展情况的通报',
  '2023年3月1日至4月30日，市委第五巡察组对某某市重复局党组进行了巡察。2023年6月5日，市委第五巡察组反馈了巡察意见。',
  '二、反馈问题整改落实情况',
  '(一)党的领导弱化',
  '1.关于学习贯彻不深入的问题。一是完善学习制度。二是开展专题研讨。',
].join('\n');

describe.each(testEngines())('importing the same document twice on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  beforeAll(() => {
    fx = fixture();
  });
  const preview = async (cookie: string, text: string) =>
    fx.app.inject({
      method: 'POST',
      url: `/api/imports/preview?unitId=${fx.unitId}`,
      headers: {
        ...authed(cookie),
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent('通报.txt'),
      },
      payload: Buffer.from(text),
    });
  const confirm = async (cookie: string, p: TImportPreview, inspectionId: number | null = null) =>
    fx.app.inject({
      method: 'POST',
      url: '/api/imports/confirm',
      headers: authed(cookie),
      payload: { document: p.document, unitId: inspectionId === null ? fx.unitId : null, inspectionId },
    });
  const inspections = async () =>
    (await fx.db.selectFrom('inspections').select('id').where('unit_id', '=', fx.unitId).execute()).length;

  it('offers the second import as an update of the first ledger and never makes a second one', async () => {
    const cookie = await fx.login('coordinator');
    const first = (await preview(cookie, TEXT)).json<TImportPreview>();
    expect(first.duplicateOf).toBeNull();
    const made = await confirm(cookie, first);
    expect(made.statusCode).toBe(201);
    const { inspectionId } = made.json<{ inspectionId: number }>();
    const before = await inspections();

    // The same text again, and the same inspection reworded: both name the ledger and diff against it.
    for (const text of [TEXT, TEXT.replace('一是完善学习制度。', '一是修订并完善学习制度。')]) {
      const again = (await preview(cookie, text)).json<TImportPreview>();
      expect(again.duplicateOf).toMatchObject({ inspectionId });
      expect(again.reimport?.inspectionId).toBe(inspectionId);
    }
    const reworded = (
      await preview(cookie, TEXT.replace('一是完善学习制度。', '一是修订并完善学习制度。'))
    ).json<TImportPreview>();
    expect(reworded.reimport?.changes.length).toBeGreaterThan(0);

    // A confirmation as a new ledger anyway: refused, nothing written.
    const twice = await confirm(cookie, reworded);
    expect(twice.statusCode).toBe(409);
    expect(twice.json<{ message: string }>().message).toContain('已导入为台账');
    expect(await inspections()).toBe(before);
    // As the update it was offered as: accepted into the same ledger.
    const update = await fx.app.inject({
      method: 'POST',
      url: '/api/imports/confirm',
      headers: authed(cookie),
      payload: {
        document: reworded.document,
        unitId: null,
        inspectionId,
        acceptedChanges: reworded.reimport?.changes.map((c) => c.id) ?? [],
      },
    });
    expect(update.statusCode).toBeLessThan(300);
    expect(await inspections()).toBe(before);
  });

  it('gives one ledger when the same new document is confirmed twice at once', async () => {
    const cookie = await fx.login('coordinator');
    const text = TEXT.replaceAll('市委第五巡察组', '市委第六巡察组');
    const p = (await preview(cookie, text)).json<TImportPreview>();
    expect(p.duplicateOf).toBeNull();
    const before = await inspections();
    const both = await Promise.all([confirm(cookie, p), confirm(cookie, p), confirm(cookie, p)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect(await inspections()).toBe(before + 1);
  });
});
