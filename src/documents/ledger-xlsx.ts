/**
 * The ledger as an .xlsx responsibility breakdown (责任分解表), laid out for printing: A4 landscape, header row
 * repeated on every page, column widths set, category and problem cells merged over their measures.
 * Pure: structure in, bytes out. The same layout is the import template.
 */
import { loadExcelJS } from './exceljs.ts';
import { BREAKDOWN_COLUMNS } from '@shared/breakdown.ts';
import type { TImportedMeasureFields } from '@shared/api.ts';

/** One measure row. */
export type TLedgerSheetMeasure = TImportedMeasureFields & {
  progress: string | null;
  state: string;
};

/** What the sheet shows. */
export type TLedgerSheet = {
  title: string;
  subtitle: string | null;
  categories: Array<{
    title: string;
    problems: Array<{ number: string; title: string; measures: TLedgerSheetMeasure[] }>;
  }>;
};

const HEADERS = BREAKDOWN_COLUMNS;
const WIDTHS = [6, 18, 24, 48, 12, 10, 10, 12, 40, 9];
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Builds the workbook. */
export async function writeLedgerXlsx(sheetData: TLedgerSheet): Promise<Uint8Array> {
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = '整改台账';
  const sheet = workbook.addWorksheet('责任分解表', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: '3:3',
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  sheet.columns = WIDTHS.map((width) => ({ width }));
  sheet.mergeCells(1, 1, 1, HEADERS.length);
  const titleCell = sheet.getCell(1, 1);
  titleCell.value = sheetData.title;
  titleCell.font = { name: '黑体', size: 16, bold: true };
  titleCell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  sheet.getRow(1).height = 32;
  sheet.mergeCells(2, 1, 2, HEADERS.length);
  const sub = sheet.getCell(2, 1);
  sub.value = sheetData.subtitle ?? '';
  sub.font = { name: '仿宋', size: 11 };
  sub.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  const header = sheet.getRow(3);
  HEADERS.forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h;
    cell.font = { name: '黑体', size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    cell.border = BORDER;
  });
  header.height = 24;

  let r = 4;
  for (const category of sheetData.categories) {
    const categoryStart = r;
    for (const problem of category.problems) {
      const problemStart = r;
      const measures = problem.measures.length > 0 ? problem.measures : [null];
      for (const m of measures) {
        const row = sheet.getRow(r);
        row.getCell(1).value = problem.number;
        row.getCell(2).value = category.title;
        row.getCell(3).value = problem.title;
        if (m) {
          row.getCell(4).value = m.text;
          row.getCell(5).value = m.department;
          row.getCell(6).value = m.leader;
          row.getCell(7).value = m.person;
          const deadline = row.getCell(8);
          if (m.isStanding) deadline.value = '长期坚持';
          else if (m.deadline) {
            deadline.value = new Date(`${m.deadline}T00:00:00Z`);
            deadline.numFmt = 'yyyy-mm-dd';
          }
          row.getCell(9).value = m.progress;
          row.getCell(10).value = m.state;
        }
        for (let c = 1; c <= HEADERS.length; c += 1) {
          const cell = row.getCell(c);
          cell.border = BORDER;
          cell.font = { name: '仿宋', size: 11 };
          cell.alignment = {
            vertical: 'middle',
            horizontal: c === 1 || c >= 5 ? 'center' : 'left',
            wrapText: true,
          };
        }
        r += 1;
      }
      if (r - 1 > problemStart) {
        sheet.mergeCells(problemStart, 1, r - 1, 1);
        sheet.mergeCells(problemStart, 3, r - 1, 3);
      }
    }
    if (r - 1 > categoryStart) sheet.mergeCells(categoryStart, 2, r - 1, 2);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The empty breakdown template users fill in and import. */
export async function writeBreakdownTemplate(): Promise<Uint8Array> {
  return writeLedgerXlsx({
    title: 'XX单位党组关于XX巡察反馈意见整改责任分解表',
    subtitle:
      '填写说明：每行一条整改措施；同一问题的多条措施可合并“问题类别”“反馈问题”单元格，或留空沿用上一行；完成时限填日期（如 2021-09-30 或 2021年9月30日）或“长期坚持”。',
    categories: [],
  });
}
