import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TImportConfirmResult, TImportPreview, TLedgerView } from '@shared/api.ts';
import { addDays, todayInChina } from '@shared/chinese.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, type TFixture, exportFile } from '../test-support/factories.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';
import { insertUnit } from '../repositories/unit.repository.ts';

const upload = (cookie: string, bytes: Uint8Array, query = '') => ({
  method: 'POST' as const,
  url: `/api/imports/preview${query}`,
  headers: {
    ...authed(cookie),
    'content-type': 'application/octet-stream',
    'x-file-name': encodeURIComponent('分解表.xlsx'),
  },
  payload: Buffer.from(bytes),
});

async function workbook(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

describe.each(testEngines())('import routes on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  beforeAll(() => {
    fx = fixture();
  });

  const template = async (cookie: string) => {
    const res = await fx.app.inject({
      method: 'GET',
      url: '/api/templates/breakdown.xlsx',
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    return workbook(new Uint8Array(res.rawPayload));
  };
  const count = async (table: 'inspections' | 'measures') =>
    Number(
      (
        await fx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('requires login (401) and an importing role (403)', async () => {
    expect((await fx.app.inject(upload('', new Uint8Array([1])))).statusCode).toBe(401);
    expect((await fx.app.inject({ method: 'GET', url: '/api/templates/breakdown.xlsx' })).statusCode).toBe(
      401,
    );
    expect((await fx.app.inject(upload(await fx.login('supervisor'), new Uint8Array([1])))).statusCode).toBe(
      403,
    );
    const confirm = await fx.app.inject({
      method: 'POST',
      url: '/api/imports/confirm',
      headers: authed(await fx.login('responsible')),
      payload: {},
    });
    expect(confirm.statusCode).toBe(403);
  });

  it('previews a filled template without writing, flags an unknown department, and confirms with a mapping', async () => {
    const cookie = await fx.login('coordinator');
    const wb = await template(cookie);
    const ws = wb.worksheets[0];
    const deadline = addDays(todayInChina(), 30);
    ws?.addRow([
      1,
      '作风建设方面',
      '会议多',
      '精简会议。',
      '办公室',
      '领导甲',
      '责任人乙',
      deadline,
      null,
      '未启动',
    ]);
    ws?.addRow([
      null,
      null,
      null,
      '合并同类会议。',
      '办公司',
      '领导甲',
      '责任人乙',
      deadline,
      null,
      '推进中',
    ]);
    ws?.addRow([2, null, '文件多', '压缩文件。', '办公室', '领导甲', '新同志', '长期坚持', null, null]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const before = await count('inspections');
    const res = await fx.app.inject(upload(cookie, bytes, `?unitId=${fx.unitId}`));
    expect(res.statusCode).toBe(200);
    const preview = res.json<TImportPreview>();
    expect(await count('inspections')).toBe(before);
    expect(preview.counts).toEqual({ categories: 1, problems: 2, measures: 3 });
    expect(preview.unit).toEqual({ id: fx.unitId, name: expect.any(String) as unknown });
    // The units offered are the coordinator's own, never another unit (others are found by words on the page).
    expect(preview.units.map((u) => u.id)).toEqual([fx.unitId]);
    expect(preview.departments).toEqual(
      expect.arrayContaining([
        { name: '办公室', matchId: fx.departmentId, count: 2 },
        { name: '办公司', matchId: null, count: 1 },
      ]),
    );
    expect(preview.people.find((p) => p.name === '新同志')?.matchId).toBeNull();
    const second = preview.document.categories[0]?.problems[0]?.measures[1];
    expect(second?.warnings).toContain('部室“办公司”不在本单位名单中：请选择对应部室，或确认新建');

    const confirm = await fx.app.inject({
      method: 'POST',
      url: '/api/imports/confirm',
      headers: authed(cookie),
      payload: {
        document: preview.document,
        unitId: fx.unitId,
        mappings: { departments: { 办公司: fx.departmentId }, people: {} },
      },
    });
    expect(confirm.statusCode).toBe(201);
    const result = confirm.json<TImportConfirmResult>();
    expect(result.created).toBe(3);
    expect(result.notes).toContain('新建人员：新同志');
    const ledger = (
      await fx.app.inject({
        method: 'GET',
        url: `/api/inspections/${result.inspectionId}/ledger`,
        headers: { cookie },
      })
    ).json<TLedgerView>();
    const measures = ledger.categories.flatMap((c) => c.problems.flatMap((p) => p.measures));
    expect(measures.map((m) => [m.content, m.departmentName, m.state])).toEqual([
      ['精简会议。', '办公室', 'not_started'],
      ['合并同类会议。', '办公室', 'in_progress'],
      ['压缩文件。', '办公室', 'standing'],
    ]);
    expect(await fx.db.selectFrom('departments').select('id').where('name', '=', '办公司').execute()).toEqual(
      [],
    );
  });

  it('offers the inspection office a first page of units, the matched one first, not every unit', async () => {
    const cookie = await fx.login('inspection_office');
    const wb = await template(cookie);
    wb.worksheets[0]?.addRow([1, '作风建设方面', '会议多', '精简会议。', null, null, null, null, null, null]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    // More units than the page holds: 40 sub-units under the other unit.
    const at = new Date().toISOString();
    for (let i = 0; i < 40; i += 1)
      await insertUnit(fx.db, {
        parentId: fx.otherUnitId,
        name: `下属单位${i + 1}`,
        partyOrgName: null,
        phone: null,
        address: null,
        email: null,
        at,
      });
    const res = await fx.app.inject(upload(cookie, bytes, `?unitId=${fx.otherUnitId}`));
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json<TImportPreview>();
    expect(preview.units).toHaveLength(30);
    expect(preview.units[0]?.id).toBe(fx.otherUnitId);
    expect(new Set(preview.units.map((u) => u.id)).size).toBe(30);
  });

  it('answers a bad file with 422 and a Chinese message, writing nothing', async () => {
    const cookie = await fx.login('coordinator');
    const before = await count('inspections');
    const res = await fx.app.inject(upload(cookie, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9, 9])));
    expect(res.statusCode).toBe(422);
    expect(res.json<{ message: string }>().message).toMatch(/已损坏/);
    expect(await count('inspections')).toBe(before);
  });

  it('rejects a confirm whose document is malformed (400)', async () => {
    const res = await fx.app.inject({
      method: 'POST',
      url: '/api/imports/confirm',
      headers: authed(await fx.login('coordinator')),
      payload: { document: { categories: 'x' } },
    });
    expect(res.statusCode).toBe(400);
  });

  it('re-imports a newer breakdown: shows added/changed/removed and applies only what is accepted', async () => {
    const cookie = await fx.login('coordinator');
    // One measure gets real progress first: an import may never delete it.
    const protectedId = fx.measureIds[4] ?? 0;
    await fx.app.inject({
      method: 'PATCH',
      url: `/api/measures/${protectedId}`,
      headers: authed(cookie),
      payload: {
        version: 1,
        departmentId: fx.departmentId,
        leaderId: fx.leaderId,
        personId: fx.personId,
        deadline: '2030-01-01',
      },
    });
    const progressed = await fx.app.inject({
      method: 'POST',
      url: `/api/measures/${protectedId}/progress`,
      headers: authed(cookie),
      payload: { entryDate: todayInChina(), text: '已严控费用。', version: 2 },
    });
    expect(progressed.statusCode).toBe(201);

    const exported = await exportFile(fx.app, cookie, { what: 'ledger', inspectionId: fx.inspectionId });
    expect(exported.statusCode).toBe(200);
    const wb = await workbook(new Uint8Array(exported.rawPayload));
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    // Rows: 4 建立学习制度, 5 开展集中研讨, 6 梳理改革任务, 7 修订用车规定, 8 严控费用.
    ws.getCell('D4').value = '建立并落实学习制度。';
    ws.spliceRows(5, 1);
    ws.spliceRows(7, 1);
    ws.addRow([
      4,
      '工作作风不严实',
      '新问题',
      '新增措施。',
      '办公室',
      '领导甲',
      '责任人乙',
      '2030-12-31',
      null,
      null,
    ]);
    const res = await fx.app.inject(
      upload(cookie, new Uint8Array(await wb.xlsx.writeBuffer()), `?inspectionId=${fx.inspectionId}`),
    );
    expect(res.statusCode).toBe(200);
    const changes = res.json<TImportPreview>().reimport?.changes ?? [];
    const summary = changes.map((c) => [c.kind, c.problem, c.ordinal, c.blockedReason === null]);
    expect(summary).toEqual(
      expect.arrayContaining([
        ['changed', '学习不深入', 1, true],
        ['added', '新问题', 1, true],
        ['removed', '学习不深入', 2, true],
        ['removed', '公务用车不规范', 2, false],
      ]),
    );
    const changed = changes.find((c) => c.kind === 'changed');
    expect(changed?.fields).toContain('整改措施');

    const accept = (ids: string[]) =>
      fx.app.inject({
        method: 'POST',
        url: '/api/imports/confirm',
        headers: authed(cookie),
        payload: {
          document: res.json<TImportPreview>().document,
          inspectionId: fx.inspectionId,
          acceptedChanges: ids,
        },
      });
    const blocked = changes.find((c) => c.kind === 'removed' && c.blockedReason !== null);
    expect((await accept([blocked?.id ?? ''])).statusCode).toBe(422);
    const before = await count('measures');
    const applied = await accept(changes.filter((c) => c.kind !== 'removed').map((c) => c.id));
    expect(applied.statusCode).toBe(201);
    expect(applied.json<TImportConfirmResult>()).toMatchObject({ created: 1, changed: 1, removed: 0 });
    expect(await count('measures')).toBe(before + 1);
    const ledger = (
      await fx.app.inject({
        method: 'GET',
        url: `/api/inspections/${fx.inspectionId}/ledger`,
        headers: { cookie },
      })
    ).json<TLedgerView>();
    const texts = ledger.categories.flatMap((c) =>
      c.problems.flatMap((p) => p.measures.map((m) => m.content)),
    );
    expect(texts).toEqual(
      expect.arrayContaining(['建立并落实学习制度。', '开展集中研讨。', '严控费用。', '新增措施。']),
    );
  });

  it('hides another unit’s ledger export (404)', async () => {
    const res = await exportFile(fx.app, await fx.login('coordinator'), {
      what: 'ledger',
      inspectionId: fx.otherInspectionId,
    });
    expect(res.statusCode).toBe(404);
  });
});
