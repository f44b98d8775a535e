/**
 * Figures computed over many measures (the dashboard, the counts of an inspection list), kept until the data
 * changes. Every write appends to the audit chain in its own transaction, so the chain's last sequence number is a
 * version of all the data: a figure computed at one version is served again only while the version (one row, read
 * each time) is the same, for the same scope, query and day. Requests arriving while a figure is being computed wait
 * for that computation rather than start another. Each process keeps its own; they agree through the database.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { readAuditHead } from '../repositories/audit-trail.repository.ts';
import type { TUnitScope } from '../repositories/scope.ts';

/**
 * How many figures a database's cache keeps (the most recently used): dashboards (about 10 KB each since the unit
 * ranking is paged), inspection-list counts and ledgers' recorded-work flags (a few bytes), so that browsing many
 * ledgers does not push the dashboards out.
 */
const MAX_ENTRIES = 1000;

type TEntry = { version: number; value: Promise<unknown> };

const caches = new WeakMap<Kysely<Database>, Map<string, TEntry>>();

/** The scope as part of a key: the same units give the same key. */
export function scopeKey(scope: TUnitScope): string {
  return scope.kind === 'subtree' ? `subtree:${scope.path}` : scope.kind;
}

/** The data's version: the audit chain's last sequence number (0 before any write). */
async function dataVersion(db: Kysely<Database>): Promise<number> {
  return (await readAuditHead(db))?.last_seq ?? 0;
}

/**
 * The figure named by `key` (what, for which scope, query and day), computed by `compute` unless computed at the
 * data's current version already. Inside a transaction it is always computed (the transaction may see its own
 * uncommitted writes).
 */
export async function cachedFigures<T>(
  db: Kysely<Database>,
  key: string,
  compute: () => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return compute();
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new Map();
    caches.set(db, cache);
  }
  const version = await dataVersion(db);
  const hit = cache.get(key);
  if (hit !== undefined && hit.version === version) {
    // Most recently used last: a Map iterates in insertion order.
    cache.delete(key);
    cache.set(key, hit);
    return hit.value as Promise<T>;
  }
  const value = compute();
  const entry: TEntry = { version, value };
  cache.set(key, entry);
  // A failed computation is not kept: the next request tries again.
  value.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  while (cache.size > MAX_ENTRIES) {
    const oldest = cache.keys().next();
    if (oldest.done === true) break;
    cache.delete(oldest.value);
  }
  return value;
}

/**
 * Forgets every figure kept for this database: for a test that writes around the services (straight into tables,
 * without an audit entry), which no running server does.
 */
export function forgetFigures(db: Kysely<Database>): void {
  caches.delete(db);
}
