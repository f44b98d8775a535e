/** Loading data for a page: the one place that ignores answers that are no longer current and words failures. */
import { type DependencyList, useCallback, useEffect, useState } from 'react';
import { ApiError } from './client.ts';

/** The server's Chinese message, or the fallback for a failure without one. */
export function errorMessage(e: unknown, fallback: string): string {
  return e instanceof ApiError ? e.message : fallback;
}

/** What `useApi` gives a page. */
export type TApiState<T> = {
  data: T | null;
  error: string | null;
  /** Loads again (after a write). */
  reload: () => void;
};

/**
 * Runs `load` when `deps` change (and on `reload()`), keeps the latest answer and error; an answer that arrives
 * after the page moved on (deps changed, unmounted) is dropped. `load` null: nothing to load yet.
 */
export function useApi<T>(load: (() => Promise<T>) | null, deps: DependencyList): TApiState<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  useEffect(() => {
    if (load === null) return;
    let isCurrent = true;
    load()
      .then((d) => {
        if (!isCurrent) return;
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => {
        if (isCurrent) setError(errorMessage(e, '加载失败，请刷新重试'));
      });
    return () => {
      isCurrent = false;
    };
    // `load` is rebuilt every render; `deps` say when it means something new (checked by react-hooks/exhaustive-deps).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, reloadKey]);
  const reload = useCallback(() => setReloadKey((n) => n + 1), []);
  return { data, error, reload };
}
