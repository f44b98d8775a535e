/** The cross-unit measure search (措施查询): filtered, counted and paged by the database within the actor's scope. */
import type { TMeasureSearchQuery, TMeasureSearchResult } from '@shared/api.ts';
import { todayInChina } from '@shared/chinese.ts';
import { pageNames, presentSearchItem } from '../../presenters/measure-search.presenter.ts';
import { closeOutFactsOfRows } from '../../repositories/measure.repository.ts';
import { loadSearchRows, searchMeasureIds } from '../../repositories/measure-search.repository.ts';
import type { TReadOptions } from '../inspections/read-ledger.ts';

/** One page of the measures the actor may see that match the query, and how many match in all. */
export async function searchMeasures(
  { db, actor, yellowDays, today = todayInChina() }: TReadOptions,
  query: TMeasureSearchQuery,
): Promise<TMeasureSearchResult> {
  const { sort, page, pageSize, ...filters } = query;
  const { total, ids } = await searchMeasureIds(
    db,
    { ...filters, scope: actor.scope, today, yellowDays },
    { sort, limit: pageSize, offset: (page - 1) * pageSize },
  );
  const rows = await loadSearchRows(db, ids);
  const closeOut = await closeOutFactsOfRows(db, rows);
  const ctx = { actor, today, yellowDays, closeOut, names: pageNames(rows) };
  return {
    total,
    page,
    pageSize,
    today,
    items: rows.map((row) => presentSearchItem(row, ctx)),
  };
}
