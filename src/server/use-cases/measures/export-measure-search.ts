/**
 * Exports the measures a search finds as a streamed .xlsx (措施查询 → 导出). By POST only, like every export: the
 * export is audited (filters and row count) before the first byte is sent, and rows are read a batch at a time in
 * the search's own order, so memory stays flat whatever the number of rows.
 */
import { PassThrough, type Readable } from 'node:stream';
import type { TMeasureSearchQuery } from '@shared/api.ts';
import { todayInChina } from '@shared/chinese.ts';
import { streamMeasureSearchXlsx } from '@documents/measure-search-xlsx.ts';
import { AppError } from '../../errors.ts';
import { pageNames, presentSearchItem } from '../../presenters/measure-search.presenter.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { closeOutFactsOfRows } from '../../repositories/measure.repository.ts';
import {
  countSearchMeasures,
  loadSearchRows,
  searchMeasureIds,
} from '../../repositories/measure-search.repository.ts';
import type { TReadOptions } from '../inspections/read-ledger.ts';
import { inTransaction, nowIso } from '../transaction.ts';

/** The most rows one export may hold; more asks the user to narrow the filters. */
export const MAX_EXPORT_ROWS = 200_000;
const BATCH = 1000;

/** Audits the export and returns the stream of the workbook (filled as it is read) and its file name. */
export async function exportMeasureSearch(
  { db, actor, yellowDays, today = todayInChina() }: TReadOptions,
  query: TMeasureSearchQuery,
): Promise<{ stream: Readable; fileName: string; total: number }> {
  if (actor.userId === null) throw new AppError('UNAUTHENTICATED', '请先登录');
  const { sort, page: _page, pageSize: _pageSize, ...filters } = query;
  const filter = { ...filters, scope: actor.scope, today, yellowDays };
  const total = await countSearchMeasures(db, filter);
  if (total > MAX_EXPORT_ROWS)
    throw new AppError(
      'BAD_REQUEST',
      `符合条件的措施有 ${total} 条，一次最多导出 ${MAX_EXPORT_ROWS} 条，请缩小查询范围`,
    );
  await inTransaction(db, (trx) =>
    appendAudit(trx, {
      kind: 'measure.search_exported',
      ...auditActor(actor),
      objectType: 'measure_search',
      objectId: null,
      unitId: actor.scope.kind === 'subtree' ? actor.scope.rootId : null,
      after: { format: 'xlsx', rows: total, filters },
      at: nowIso(),
    }),
  );
  async function* batches() {
    for (let offset = 0; offset < total; offset += BATCH) {
      const ids = await searchMeasureIds(db, filter, { sort, limit: BATCH, offset });
      if (ids.length === 0) return;
      const rows = await loadSearchRows(db, ids);
      const closeOut = await closeOutFactsOfRows(db, rows);
      const ctx = { actor, today, yellowDays, closeOut, names: pageNames(rows) };
      yield rows.map((row) => presentSearchItem(row, ctx));
    }
  }
  const stream = new PassThrough();
  streamMeasureSearchXlsx(stream, `整改措施查询结果（${today}，共 ${total} 条）`, batches()).catch(
    (error: unknown) => stream.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return { stream, fileName: `整改措施查询结果-${today}.xlsx`, total };
}
