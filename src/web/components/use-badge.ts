/**
 * The header's live badge (unread messages + 销号 requests waiting for the reader): polled every 30 seconds with the
 * last ETag (the server answers 304 while nothing changed), at once on navigation and when the window regains focus;
 * paused while the tab is hidden.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchBadge } from '../api/client.ts';

const EVERY_MS = 30_000;
const REFRESH = 'zhenggai:badge';

/** Asks the badge to look again now (after the page marked messages read, say). */
export function refreshBadge(): void {
  window.dispatchEvent(new Event(REFRESH));
}

/** The count to show; `refreshKey` (e.g. the path) asks for a fresh look when it changes. */
export function useBadge(isSignedIn: boolean, refreshKey: string): number {
  const [count, setCount] = useState(0);
  const etag = useRef<string | null>(null);
  const look = useCallback(async () => {
    if (!isSignedIn || document.visibilityState === 'hidden') return;
    try {
      const r = await fetchBadge(etag.current);
      etag.current = r.etag;
      if (r.badge) setCount(r.badge.unread + r.badge.reviews);
    } catch {
      // A missed look is retried on the next tick; the badge keeps its last count.
    }
  }, [isSignedIn]);
  useEffect(() => {
    void look();
  }, [look, refreshKey]);
  useEffect(() => {
    const timer = window.setInterval(() => void look(), EVERY_MS);
    const onFocus = () => void look();
    window.addEventListener('focus', onFocus);
    window.addEventListener(REFRESH, onFocus);
    document.addEventListener('visibilitychange', onFocus);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', onFocus);
      window.removeEventListener(REFRESH, onFocus);
      document.removeEventListener('visibilitychange', onFocus);
    };
  }, [look]);
  return isSignedIn ? count : 0;
}
