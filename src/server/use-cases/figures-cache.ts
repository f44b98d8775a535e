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
import type { TActor } from '../policies/actor.ts';

/**
 * What is kept, each in its own part with its own limit (the most recently used stay): `figures` are dashboards
 * (about 10 KB each since the unit ranking is paged), inspection-list counts and ledgers' recorded-work flags (a few
 * bytes), so that browsing many ledgers does not push the dashboards out; `ledgers` are whole ledgers as their
 * reader gets them (tens to hundreds of KB each); `searches` are pages of the measure search as their reader gets
 * them (about 55 KB at 50 measures), so that paging through searches does not push the ledgers out.
 */
const MAX_ENTRIES = { figures: 1000, ledgers: 100, searches: 200 } as const;

/** A part of the cache (see `MAX_ENTRIES`). */
export type TCachePart = keyof typeof MAX_ENTRIES;

type TEntry = { version: number; value: Promise<unknown> };

const caches = new WeakMap<Kysely<Database>, Record<TCachePart, Map<string, TEntry>>>();

/** The scope as part of a key: the same units give the same key. */
export function scopeKey(scope: TUnitScope): string {
  return scope.kind === 'subtree' ? `subtree:${scope.path}` : scope.kind;
}

/**
 * The actor as part of a key, for what is shaped by who reads it (the actions offered, the text they may read): the
 * account, its role, person, department and scope. Anything else about the account changes only by a write.
 */
export function actorKey(actor: TActor): string {
  return [actor.userId, actor.role, actor.personId, actor.departmentId, scopeKey(actor.scope)].join('|');
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
  part: TCachePart = 'figures',
): Promise<T> {
  if (db.isTransaction) return compute();
  let parts = caches.get(db);
  if (parts === undefined) {
    parts = { figures: new Map(), ledgers: new Map(), searches: new Map() };
    caches.set(db, parts);
  }
  const cache = parts[part];
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
  while (cache.size > MAX_ENTRIES[part]) {
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
