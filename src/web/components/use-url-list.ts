/**
 * A server-paged list whose filters and page live in the URL (shareable links, the back button works): the query
 * string, filter changes that return to the first page, and the table's pagination.
 */
import type { TablePaginationConfig } from 'antd';
import { useSearchParams } from 'react-router-dom';

/** The list's URL state; `unit` names what is counted (条, 份). */
export function useUrlList(defaultPageSize: number, unit = '条') {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('pageSize') ?? String(defaultPageSize)) || defaultPageSize;
  /** Changes filters (undefined or '' removes one) and goes back to the first page. */
  const set = (change: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [name, v] of Object.entries(change)) {
      if (v === undefined || v === '') next.delete(name);
      else next.set(name, v);
    }
    next.delete('page');
    setParams(next);
  };
  /** The table's pagination for `total` rows. */
  const pagination = (total: number, extra: TablePaginationConfig = {}): TablePaginationConfig => ({
    current: page,
    pageSize,
    total,
    showTotal: (n) => `共 ${n} ${unit}`,
    onChange: (p, size) => {
      const next = new URLSearchParams(params);
      next.set('page', String(size === pageSize ? p : 1));
      next.set('pageSize', String(size));
      setParams(next);
    },
    ...extra,
  });
  return { params, key: params.toString(), setParams, set, pagination };
}
