import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importBytes } from '@importers/import-file.ts';
import { countImported } from '@shared/import-structure.ts';
import type { TDb } from '../../db/connection.ts';
import { systemActor } from '../../policies/actor.ts';
import { openTestDatabase, testEngines } from '../../test-support/databases.ts';
import { seedDemoData } from '../demo/seed-demo-data.ts';
import { storeImportedDocument } from '../imports/store-imported-document.ts';
import { exportLedger } from './export-ledger.ts';

/** Every cell of every sheet as comparable text, plus the merged ranges. */
async function cells(bytes: Uint8Array): Promise<{ values: string[]; merges: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const values: string[] = [];
  const merges: string[] = [];
  for (const ws of wb.worksheets) {
    merges.push(...ws.model.merges.map((m) => `${ws.name}!${m}`));
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const v = cell.value;
        values.push(
          `${ws.name}!${r}:${c}=${v instanceof Date ? `date:${v.toISOString()}` : JSON.stringify(v)}`,
        );
      });
    });
  }
  return { values, merges: merges.sort() };
}

describe.each(testEngines())('ledger export and re-import on %s', (engine) => {
  let first: TDb & { drop: () => Promise<void> };
  let second: TDb & { drop: () => Promise<void> };
  beforeEach(async () => {
    first = await openTestDatabase(engine);
    second = await openTestDatabase(engine);
  });
  afterEach(async () => {
    await first.drop();
    await second.drop();
  });

  it('round-trips the seed ledger: export, import into an empty database, export again — same cells', async () => {
    const actor = systemActor('test');
    const { inspectionId } = await seedDemoData(first.db);
    const one = await exportLedger({ db: first.db, actor, inspectionId });
    const parsed = await importBytes('台账.xlsx', one.bytes);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.format).toBe('xlsx');
    expect(countImported(parsed.document)).toEqual({ categories: 4, problems: 15, measures: 48 });
    expect(parsed.document.unit).toBe('中共南通市文学艺术界联合会党组');
    expect(parsed.document.inspection).toMatchObject({
      group: '市委第一巡察组',
      startDate: '2021-04-20',
      endDate: '2021-05-21',
      feedbackDate: '2021-07-06',
    });
    await storeImportedDocument({ db: second.db, actor, document: parsed.document });
    const two = await exportLedger({ db: second.db, actor, inspectionId: 'latest' });
    const a = await cells(one.bytes);
    const b = await cells(two.bytes);
    expect(b.merges).toEqual(a.merges);
    expect(b.values).toEqual(a.values);
    expect(a.values.some((v) => v.includes('长期坚持'))).toBe(true);
    expect(a.values.some((v) => v.includes('date:'))).toBe(true);
  });

  it('lays the sheet out for printing: A4 landscape, header row repeated, column widths', async () => {
    const { inspectionId } = await seedDemoData(first.db);
    const { bytes } = await exportLedger({ db: first.db, actor: systemActor('test'), inspectionId });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    expect(ws?.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '3:3' });
    expect(ws?.getRow(3).values).toEqual([
      undefined,
      '序号',
      '问题类别',
      '反馈问题',
      '整改措施',
      '责任单位',
      '责任领导',
      '责任人',
      '完成时限',
      '整改进展',
      '状态',
    ]);
    expect(ws?.getColumn(4).width).toBe(48);
    const audit = await first.db
      .selectFrom('audit_events')
      .select('kind')
      .where('kind', '=', 'inspection.exported')
      .execute();
    expect(audit).toHaveLength(1);
  });
});
