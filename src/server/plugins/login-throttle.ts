/**
 * A fixed-window counter per user name, across all addresses: guesses spread over many addresses are throttled
 * too. (@fastify/rate-limit runs one limiter per request, and the per-address limit already takes that slot.)
 * Counted in the database, so several processes behind one port share it; names are kept only as hashes.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { countLoginAttempt, purgeLoginWindows } from '../repositories/login-window.repository.ts';

/** A throttle allowing `max` attempts per key in each window of `windowMs`. */
export function keyThrottle(db: Kysely<Database>, max: number, windowMs: number) {
  let purgedAt = 0;
  return {
    /** Counts one attempt; throws 429 with a Chinese message once the key is over its limit. */
    async hit(key: string, now = Date.now()): Promise<void> {
      const start = new Date(Math.floor(now / windowMs) * windowMs).toISOString();
      const hash = createHash('sha256').update(`login:${key}`).digest('hex');
      // Old windows are forgotten now and then (an indexed range delete), never on every attempt.
      if (now - purgedAt > 10 * windowMs) {
        purgedAt = now;
        await purgeLoginWindows(db, new Date(now - 2 * windowMs).toISOString());
      }
      if ((await countLoginAttempt(db, hash, start)) > max)
        throw new AppError('RATE_LIMITED', '请求过于频繁，请稍后再试');
    },
  };
}
