/**
 * A fixed-window counter per user name, across all addresses: guesses spread over many addresses are throttled
 * too. (@fastify/rate-limit runs one limiter per request, and the per-address limit already takes that slot.)
 * In memory, per process; the lock-out in the database bounds guesses across processes.
 */
import { AppError } from '../errors.ts';

/** Keys kept at most; when full, expired windows are dropped first, then the oldest. */
const MAX_KEYS = 100_000;

/** A throttle allowing `max` attempts per key in each window of `windowMs`. */
export function keyThrottle(max: number, windowMs: number) {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    /** Counts one attempt; throws 429 with a Chinese message once the key is over its limit. */
    hit(key: string, now = Date.now()): void {
      let w = windows.get(key);
      if (!w || w.resetAt <= now) {
        if (windows.size >= MAX_KEYS) {
          for (const [k, v] of windows) if (v.resetAt <= now) windows.delete(k);
          const oldest = windows.keys().next();
          if (windows.size >= MAX_KEYS && oldest.done !== true) windows.delete(oldest.value);
        }
        w = { count: 0, resetAt: now + windowMs };
        windows.set(key, w);
      }
      w.count += 1;
      if (w.count > max) throw new AppError('RATE_LIMITED', '请求过于频繁，请稍后再试');
    },
  };
}
