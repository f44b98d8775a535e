/**
 * exceljs, loaded the first time a workbook is read or written: loading it (with its zip libraries) took about a
 * fifth of the server's start-up (0.4 s of 2 s, measured with --cpu-prof), and most requests never touch a workbook.
 */
import type ExcelJS from 'exceljs';

let loading: Promise<typeof ExcelJS> | undefined;

/** The exceljs module, loaded once. */
export function loadExcelJS(): Promise<typeof ExcelJS> {
  loading ??= import('exceljs').then((m) => m.default);
  return loading;
}
