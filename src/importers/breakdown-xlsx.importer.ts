/**
 * The responsibility breakdown (责任分解表) importer: .xlsx in, the shared import structure out. Reads the
 * columns 序号, 问题类别, 反馈问题, 整改措施, 责任单位, 责任领导, 责任人, 完成时限, 整改进展, 状态 wherever the
 * header row is, merged cells and blank cells carried down as people make them by hand, dates as Excel dates
 * or as text. Never throws.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '@documents/exceljs.ts';
import { BREAKDOWN_COLUMNS, type TBreakdownColumn } from '@shared/breakdown.ts';
import { isoDate } from '@shared/chinese.ts';
import type {
  TImportedCategory,
  TImportedDocument,
  TImportedMeasure,
  TImportedProblem,
} from '@shared/import-structure.ts';
import { problemTitle } from './announcement-text.importer.ts';
import { readContact, readInspection } from './document-facts.ts';
import { addSuggestions } from './text-suggestions.ts';

type TColumn = TBreakdownColumn;

const SYNONYMS: Record<TColumn, readonly string[]> = {
  序号: ['序号', '编号', '问题序号'],
  问题类别: ['问题类别', '类别', '问题分类', '方面'],
  反馈问题: ['反馈问题', '问题', '存在问题', '巡察反馈问题', '问题表现', '反馈意见', '整改事项', '具体问题'],
  整改措施: ['整改措施', '措施', '整改举措', '具体措施'],
  责任单位: ['责任单位', '责任部门', '责任部室', '牵头部门', '牵头单位', '责任处室'],
  责任领导: ['责任领导', '分管领导', '牵头领导'],
  责任人: ['责任人', '具体责任人', '经办人'],
  完成时限: ['完成时限', '完成时间', '整改时限', '整改期限', '时限'],
  整改进展: ['整改进展', '进展情况', '整改情况', '完成情况', '整改落实情况', '进展'],
  状态: ['状态', '整改状态', '完成状态'],
};

/** The answer of the importer. */
export type TXlsxImportResult = { ok: true; document: TImportedDocument } | { ok: false; error: string };

type TCellValue = ExcelJS.CellValue;

/** The text of a cell, whatever kind of value it holds. */
function cellText(value: TCellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

const normaliseHeader = (s: string) => s.normalize('NFKC').replace(/[\s*＊:：()（）]/g, '');

/** Reads a deadline: an Excel date, a serial number, 2021年9月30日, 2021.9.30, 2021-9-30, 2021年9月底, 长期坚持. */
export function readDeadline(value: TCellValue): {
  deadline: string | null;
  isStanding: boolean;
  problem: string | null;
} {
  if (value instanceof Date)
    return { deadline: value.toISOString().slice(0, 10), isStanding: false, problem: null };
  if (typeof value === 'number' && value > 20000 && value < 80000) {
    // Excel serial day numbers count from 1899-12-30.
    const d = new Date(Date.UTC(1899, 11, 30) + Math.round(value) * 86_400_000);
    return { deadline: d.toISOString().slice(0, 10), isStanding: false, problem: null };
  }
  const text = cellText(value).normalize('NFKC').replace(/\s+/g, '');
  if (text === '') return { deadline: null, isStanding: false, problem: '缺少完成时限' };
  if (/^长期(坚持)?$|^持续(推进|整改)?$|^常态化$/.test(text))
    return { deadline: null, isStanding: true, problem: null };
  const full = /^(\d{4})[年.\-/](\d{1,2})[月.\-/](\d{1,2})日?(?:前|之前)?$/.exec(text);
  if (full) {
    const d = isoDate(Number(full[1]), Number(full[2]), Number(full[3]));
    if (d) return { deadline: d, isStanding: false, problem: null };
  }
  const monthEnd = /^(\d{4})[年.\-/](\d{1,2})月?(?:底|末)?(?:前|之前)?$/.exec(text);
  if (monthEnd) {
    const y = Number(monthEnd[1]);
    const m = Number(monthEnd[2]);
    if (m >= 1 && m <= 12)
      return {
        deadline: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10),
        isStanding: false,
        problem: null,
      };
  }
  const yearEnd = /^(\d{4})年(?:底|末)(?:前|之前)?$/.exec(text);
  if (yearEnd) return { deadline: `${yearEnd[1]}-12-31`, isStanding: false, problem: null };
  return { deadline: null, isStanding: false, problem: `完成时限“${text}”无法识别，请填写日期或“长期坚持”` };
}

const stripMarker = (s: string) =>
  s.replace(/^\s*(?:\(?[一二三四五六七八九十\d]{1,3}\)|[一二三四五六七八九十\d]{1,3}[、.])\s*/, '').trim();
const stripMeasureMarker = (s: string) =>
  s.replace(/^\s*(?:[一二三四五六七八九十]{1,3}是|\(?\d{1,2}\)|\d{1,2}[、.](?!\d))\s*[,:]?/, '').trim();

/** Parses an .xlsx breakdown. */
export async function parseBreakdownXlsx(bytes: Uint8Array): Promise<TXlsxImportResult> {
  const workbook = new (await loadExcelJS()).Workbook();
  try {
    // exceljs takes a Node Buffer; its typings predate Buffer's generic parameter.
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    return { ok: false, error: '文件已损坏或不是有效的 Excel（.xlsx）文件' };
  }
  for (const sheet of workbook.worksheets) {
    const header = findHeader(sheet);
    if (header) return { ok: true, document: readSheet(sheet, header.row, header.columns) };
  }
  return {
    ok: false,
    error:
      '表格中没有可识别的表头：请使用含“反馈问题”“整改措施”“责任单位”“完成时限”等列的责任分解表（可下载模板）',
  };
}

function findHeader(sheet: ExcelJS.Worksheet): { row: number; columns: Map<TColumn, number> } | null {
  const last = Math.min(sheet.rowCount, 15);
  for (let r = 1; r <= last; r += 1) {
    const columns = new Map<TColumn, number>();
    sheet.getRow(r).eachCell({ includeEmpty: false }, (cell, col) => {
      const text = normaliseHeader(cellText(cell.value));
      for (const column of BREAKDOWN_COLUMNS) {
        if (!columns.has(column) && SYNONYMS[column].includes(text)) {
          columns.set(column, col);
          break;
        }
      }
    });
    if (columns.has('整改措施') && (columns.has('反馈问题') || columns.has('问题类别')) && columns.size >= 3)
      return { row: r, columns };
  }
  return null;
}

function readSheet(
  sheet: ExcelJS.Worksheet,
  headerRow: number,
  columns: Map<TColumn, number>,
): TImportedDocument {
  const warnings: string[] = [];
  const above: string[] = [];
  for (let r = 1; r < headerRow; r += 1) {
    const texts = new Set<string>();
    sheet.getRow(r).eachCell({ includeEmpty: false }, (cell) => {
      const t = cellText(cell.value).trim();
      if (t !== '') texts.add(t);
    });
    above.push(...texts);
  }
  const title = above[0]?.normalize('NFKC') ?? null;
  const unitText = title ? (/^(.{2,60}?)\s*关于/.exec(title)?.[1]?.trim() ?? null) : null;
  const unit = unitText && !/XX|单位名称/.test(unitText) ? unitText : null;
  const facts = above.slice(1).map((t) => t.normalize('NFKC'));
  const inspectionWarnings: string[] = [];
  const inspection = readInspection(facts, null, inspectionWarnings);

  const get = (row: ExcelJS.Row, column: TColumn): TCellValue => {
    const col = columns.get(column);
    return col === undefined ? null : row.getCell(col).value;
  };
  const text = (row: ExcelJS.Row, column: TColumn) =>
    cellText(get(row, column))
      .normalize('NFKC')
      .replace(/\s*\n\s*/g, '')
      .trim();

  const categories: TImportedCategory[] = [];
  let category: TImportedCategory | null = null;
  let problem: TImportedProblem | null = null;
  let lastCategory = '';
  let lastProblem = '';
  let lastNumber = '';
  for (let r = headerRow + 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    const measureText = stripMeasureMarker(text(row, '整改措施'));
    const categoryText = text(row, '问题类别');
    const problemText = text(row, '反馈问题');
    const numberText = text(row, '序号');
    const isBlank = [
      measureText,
      categoryText,
      problemText,
      text(row, '责任单位'),
      text(row, '整改进展'),
    ].every((t) => t === '');
    if (isBlank) continue;
    // A blank category or problem cell carries the one above down, as hand-made tables do.
    const categoryTitle = categoryText !== '' ? stripMarker(categoryText) : lastCategory;
    const newProblem =
      (problemText !== '' && problemText !== lastProblem) ||
      (numberText !== '' && numberText !== lastNumber && problemText !== '');
    if (category === null || categoryTitle !== lastCategory) {
      category = { title: categoryTitle || '未分类问题', problems: [] };
      categories.push(category);
      lastCategory = categoryTitle;
      problem = null;
    }
    if (problem === null || newProblem) {
      if (problemText === '' && problem === null) {
        warnings.push(`第 ${r} 行没有填写反馈问题，已归入“未注明问题”`);
      }
      const number =
        numberText !== '' ? numberText.replace(/[.、]$/, '') : String(category.problems.length + 1);
      problem = {
        number,
        title: problemText !== '' ? problemTitle(stripMarker(problemText)) : '未注明问题',
        intro: null,
        subproblems: [],
        measures: [],
      };
      category.problems.push(problem);
      lastProblem = problemText;
      lastNumber = numberText;
    }
    if (measureText === '') {
      warnings.push(`第 ${r} 行没有填写整改措施`);
      continue;
    }
    const deadline = readDeadline(get(row, '完成时限'));
    const measureWarnings: string[] = [];
    if (deadline.problem) measureWarnings.push(deadline.problem);
    const opt = (column: TColumn) => (text(row, column) === '' ? null : text(row, column));
    const measure: TImportedMeasure = {
      text: measureText,
      department: opt('责任单位'),
      leader: opt('责任领导'),
      person: opt('责任人'),
      deadline: deadline.deadline,
      isStanding: deadline.isStanding,
      progress: opt('整改进展'),
      stateText: opt('状态'),
      warnings: measureWarnings,
    };
    if (!measure.department) measureWarnings.push('缺少责任单位');
    if (!measure.person) measureWarnings.push('缺少责任人');
    problem.measures.push(measure);
  }
  if (categories.length === 0) warnings.push('表格中没有整改措施');
  const document: TImportedDocument = {
    title,
    unit,
    publishedDate: null,
    inspection,
    categories,
    statistics: {
      problems: null,
      completed: null,
      inProgress: null,
      notCompleted: null,
      completionRate: null,
      rules: null,
      moneyWan: [],
      accountability: [],
    },
    contact: readContact(facts),
    warnings: unit === null ? ['表格标题中没有单位名称，请在导入时选择单位', ...warnings] : warnings,
    rules: [],
    suggestedStates: [],
    money: [],
    accountability: [],
  };
  return addSuggestions(document, []);
}
