/**
 * The measures of a search as an .xlsx, written row by row to a stream (exceljs' streaming writer), so an export of
 * a hundred thousand rows never holds the workbook in memory. Pure layout: rows in, bytes out to the stream.
 */
import type { Writable } from 'node:stream';
import { loadExcelJS } from './exceljs.ts';
import type { TMeasureSearchItem } from '@shared/api.ts';
import { MEASURE_STATE_LABELS, WARNING_COLOUR_LABELS } from '@shared/domain.ts';

const COLUMNS: Array<{
  header: string;
  width: number;
  value: (m: TMeasureSearchItem) => string | number | null;
}> = [
  { header: '被巡察单位', width: 18, value: (m) => m.unitName },
  { header: '巡察', width: 24, value: (m) => m.inspectionTitle },
  { header: '轮次', width: 16, value: (m) => m.round },
  { header: '问题类别', width: 20, value: (m) => m.categoryTitle },
  { header: '问题', width: 30, value: (m) => `${m.problemNumber}．${m.problemTitle}` },
  { header: '整改措施', width: 48, value: (m) => m.content },
  { header: '责任部门', width: 12, value: (m) => m.departmentName },
  { header: '责任领导', width: 10, value: (m) => m.leaderName },
  { header: '责任人', width: 10, value: (m) => m.personName },
  { header: '完成时限', width: 12, value: (m) => (m.isStanding ? '长期坚持' : m.deadline) },
  { header: '状态', width: 10, value: (m) => MEASURE_STATE_LABELS[m.state] },
  { header: '预警', width: 10, value: (m) => WARNING_COLOUR_LABELS[m.colour] },
  { header: '超期天数', width: 9, value: (m) => m.overdueDays },
  { header: '最新进展', width: 40, value: (m) => m.progress },
];

/** Writes the sheet to `out`: a title row, the header row, then every row `rows` yields. Resolves when written. */
export async function streamMeasureSearchXlsx(
  out: Writable,
  title: string,
  rows: AsyncIterable<TMeasureSearchItem[]>,
): Promise<number> {
  const workbook = new (await loadExcelJS()).stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = '整改台账';
  const sheet = workbook.addWorksheet('措施查询', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 2 }],
  });
  sheet.columns = [{ width: 6 }, ...COLUMNS.map((c) => ({ width: c.width }))];
  const heading = sheet.addRow([title]);
  heading.font = { bold: true, size: 14 };
  heading.commit();
  const header = sheet.addRow(['序号', ...COLUMNS.map((c) => c.header)]);
  header.font = { bold: true };
  header.commit();
  let n = 0;
  for await (const batch of rows) {
    for (const m of batch) {
      n += 1;
      const row = sheet.addRow([n, ...COLUMNS.map((c) => c.value(m))]);
      row.alignment = { vertical: 'top', wrapText: true };
      row.commit();
    }
  }
  sheet.commit();
  await workbook.commit();
  return n;
}
