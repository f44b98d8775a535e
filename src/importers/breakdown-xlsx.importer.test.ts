import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { BREAKDOWN_COLUMNS } from '@shared/breakdown.ts';
import { countImported } from '@shared/import-structure.ts';
import { writeBreakdownTemplate } from '@documents/ledger-xlsx.ts';
import { parseBreakdownXlsx, readDeadline } from './breakdown-xlsx.importer.ts';

async function sheet(rows: unknown[][], build?: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表1');
  for (const r of rows) ws.addRow(r);
  build?.(ws);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const HEADER = [...BREAKDOWN_COLUMNS];

describe('breakdown .xlsx import', () => {
  it('reads a hand-made table: title row, merged category cells, blank cells carried down, mixed dates', async () => {
    const bytes = await sheet(
      [
        ['中共某某局党组关于巡察反馈意见整改责任分解表'],
        ['市委第二巡察组于2022年3月1日至4月15日对某某局进行巡察，2022年5月20日反馈巡察意见。'],
        HEADER,
        [
          1,
          '(一)作风建设方面',
          '1.关于“会议多”问题',
          '一是精简会议。',
          '办公室',
          '张三',
          '李四',
          new Date(Date.UTC(2022, 8, 30)),
          '已精简会议3个',
          '推进中',
        ],
        [null, null, null, '二是合并同类会议。', '办公室', '张三', '李四', '2022年10月31日', null, '未启动'],
        [2, null, '文件多', '压缩文件数量。', '办公室', '张三', '王五', '2022.12.31', null, null],
        [
          3,
          '(二)财务管理方面',
          '报销不规范',
          '修订报销制度。',
          '财务科',
          '赵六',
          '钱七',
          '长期坚持',
          null,
          '长期坚持',
        ],
        [null, null, null, '开展专项检查。', null, null, null, '下个月', null, null],
      ],
      (ws) => ws.mergeCells('B4:B6'),
    );
    const result = await parseBreakdownXlsx(bytes);
    if (!result.ok) throw new Error(result.error);
    const doc = result.document;
    expect(doc.unit).toBe('中共某某局党组');
    expect(doc.inspection).toMatchObject({
      group: '市委第二巡察组',
      startDate: '2022-03-01',
      endDate: '2022-04-15',
      feedbackDate: '2022-05-20',
    });
    expect(countImported(doc)).toEqual({ categories: 2, problems: 3, measures: 5 });
    expect(doc.categories.map((c) => c.title)).toEqual(['作风建设方面', '财务管理方面']);
    const [p1, p2] = doc.categories[0]?.problems ?? [];
    expect([p1?.number, p1?.title, p2?.number, p2?.title]).toEqual(['1', '会议多', '2', '文件多']);
    expect(p1?.measures[0]).toMatchObject({
      text: '精简会议。',
      department: '办公室',
      leader: '张三',
      person: '李四',
      deadline: '2022-09-30',
      progress: '已精简会议3个',
      stateText: '推进中',
      suggestedState: 'done',
    });
    expect(p1?.measures[1]).toMatchObject({ text: '合并同类会议。', deadline: '2022-10-31' });
    expect(p2?.measures[0]).toMatchObject({ deadline: '2022-12-31' });
    const p3 = doc.categories[1]?.problems[0];
    expect(p3?.measures[0]).toMatchObject({ isStanding: true, deadline: null });
    expect(p3?.measures[1]?.warnings).toEqual([
      '完成时限“下个月”无法识别，请填写日期或“长期坚持”',
      '缺少责任单位',
      '缺少责任人',
    ]);
  });

  it('reads the downloadable template with rows filled in', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await writeBreakdownTemplate()) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    ws?.addRow([
      1,
      '作风方面',
      '会议多',
      '精简会议。',
      '办公室',
      '张三',
      '李四',
      '2030-06-30',
      null,
      '未启动',
    ]);
    const result = await parseBreakdownXlsx(new Uint8Array(await wb.xlsx.writeBuffer()));
    if (!result.ok) throw new Error(result.error);
    expect(countImported(result.document)).toEqual({ categories: 1, problems: 1, measures: 1 });
    expect(result.document.unit).toBeNull();
    expect(result.document.warnings[0]).toMatch(/选择单位/);
  });

  it.each([
    ['2021年9月30日', '2021-09-30'],
    ['2021.9.30', '2021-09-30'],
    ['2021-9-30', '2021-09-30'],
    ['2021/09/30', '2021-09-30'],
    ['2021年9月底前', '2021-09-30'],
    ['2021年底', '2021-12-31'],
    [44469, '2021-09-30'],
  ])('reads the deadline %s', (value, iso) => expect(readDeadline(value).deadline).toBe(iso));

  it('reads 长期坚持 as standing and flags what it cannot read', () => {
    expect(readDeadline('长期坚持')).toEqual({ deadline: null, isStanding: true, problem: null });
    expect(readDeadline('2021年2月30日').problem).toMatch(/无法识别/);
    expect(readDeadline(null).problem).toBe('缺少完成时限');
  });
});
