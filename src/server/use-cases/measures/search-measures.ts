/** The cross-unit measure search (措施查询): filtered, counted and paged by the database within the actor's scope. */
import type { TMeasureSearchQuery, TMeasureSearchResult } from '@shared/api.ts';
import { todayInChina } from '@shared/chinese.ts';
import { pageNames, presentSearchItem } from '../../presenters/measure-search.presenter.ts';
import { closeOutFactsOfRows } from '../../repositories/measure.repository.ts';
import {
  countSearchMeasures,
  loadSearchRows,
  searchMeasureIds,
  type TSearchFilter,
} from '../../repositories/measure-search.repository.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { actorKey, cachedFigures, scopeKey } from '../figures-cache.ts';
import type { TReadOptions } from '../inspections/read-ledger.ts';

/**
 * How many measures match, kept until the next write for the same filters, scope, day and yellow window
 * (figures-cache.ts): a page costs what it returns, but its total counts every match, most of them not returned
 * (14,988 of 100,000 for the office's red measures under way: a third of the search's SQL).
 */
export async function searchTotal(db: Kysely<Database>, filter: TSearchFilter): Promise<number> {
  const { scope, today, yellowDays, ...filters } = filter;
  return cachedFigures(
    db,
    `search-total|${scopeKey(scope)}|${today}|${yellowDays}|${JSON.stringify(filters)}`,
    () => countSearchMeasures(db, filter),
  );
}

/** One page of the measures the actor may see that match the query, and how many match in all. */
export async function searchMeasures(
  { db, actor, yellowDays, today = todayInChina() }: TReadOptions,
  query: TMeasureSearchQuery,
): Promise<TMeasureSearchResult> {
  const { sort, page, pageSize, ...filters } = query;
  const filter = { ...filters, scope: actor.scope, today, yellowDays };
  const [total, ids] = await Promise.all([
    searchTotal(db, filter),
    searchMeasureIds(db, filter, { sort, limit: pageSize, offset: (page - 1) * pageSize }),
  ]);
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

/**
 * One page of the search as its reader gets it (JSON), kept until the next write for the same reader, query, day and
 * yellow window (figures-cache.ts): the office reads the same searches again and again (the dashboard's links, back
 * to a page, the next page and back), and a page took about 1.5 ms of SQL, shaping and serialising at 50 measures.
 * Kept per reader (`actorKey`): the actions each item offers are the reader's own.
 */
export async function searchMeasuresJson(options: TReadOptions, query: TMeasureSearchQuery): Promise<string> {
  const { db, actor, yellowDays, today = todayInChina() } = options;
  return cachedFigures(
    db,
    `search|${actorKey(actor)}|${today}|${yellowDays}|${JSON.stringify(query)}`,
    async () => JSON.stringify(await searchMeasures({ ...options, today }, query)),
    'searches',
  );
}
