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
 * What is kept, each in its own part with its own limits (the most recently used stay): `figures` are dashboards
 * (about 10 KB each since the unit ranking is paged), inspection-list counts and ledgers' recorded-work flags (a few
 * bytes), so that browsing many ledgers does not push the dashboards out; `ledgers` are whole ledgers as their
 * reader gets them (tens of KB to a few MB each); `searches` are pages of the measure search as their reader gets
 * them (about 55 KB at 50 measures, up to some 250 KB at 200), so that paging through searches does not push the
 * ledgers out. Parts kept as JSON text are bounded by their size as well (two bytes a character, as V8 may hold
 * them), so a few very large ledgers cannot take the process's memory.
 */
const LIMITS = {
  figures: { entries: 1000, bytes: Number.POSITIVE_INFINITY },
  ledgers: { entries: 100, bytes: 64 * 1024 * 1024 },
  searches: { entries: 200, bytes: 32 * 1024 * 1024 },
} as const;

/** A part of the cache (see `LIMITS`). */
export type TCachePart = keyof typeof LIMITS;

/** An entry: its data version, its value (shared by requests while computed) and its size once known. */
type TEntry = { version: number; value: Promise<unknown>; bytes: number };

/** One part: its entries, most recently used last, and the sum of their sizes. */
type TPart = { entries: Map<string, TEntry>; bytes: number };

const caches = new WeakMap<Kysely<Database>, Record<TCachePart, TPart>>();

/** Removes an entry (if it is still this one) and its size. */
function remove(part: TPart, key: string, entry?: TEntry): void {
  const kept = part.entries.get(key);
  if (kept === undefined || (entry !== undefined && kept !== entry)) return;
  part.entries.delete(key);
  part.bytes -= kept.bytes;
}

/** Drops the least recently used entries until the part is within its limits. */
function trim(part: TPart, limits: { entries: number; bytes: number }): void {
  while (part.entries.size > limits.entries || part.bytes > limits.bytes) {
    const oldest = part.entries.keys().next();
    if (oldest.done === true) break;
    remove(part, oldest.value);
  }
}

/** How much of a part's budget a kept value takes: text by its length, anything else nothing. */
const bytesOf = (value: unknown) => (typeof value === 'string' ? value.length * 2 : 0);

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
    parts = {
      figures: { entries: new Map(), bytes: 0 },
      ledgers: { entries: new Map(), bytes: 0 },
      searches: { entries: new Map(), bytes: 0 },
    };
    caches.set(db, parts);
  }
  const cache = parts[part];
  const version = await dataVersion(db);
  const hit = cache.entries.get(key);
  if (hit !== undefined && hit.version === version) {
    // Most recently used last: a Map iterates in insertion order.
    cache.entries.delete(key);
    cache.entries.set(key, hit);
    return hit.value as Promise<T>;
  }
  remove(cache, key);
  const value = compute();
  const entry: TEntry = { version, value, bytes: 0 };
  cache.entries.set(key, entry);
  trim(cache, LIMITS[part]);
  value.then(
    (v) => {
      // Its size counts once it is known, if it is still kept.
      if (cache.entries.get(key) !== entry) return;
      entry.bytes = bytesOf(v);
      cache.bytes += entry.bytes;
      trim(cache, LIMITS[part]);
    },
    // A failed computation is not kept: the next request tries again.
    () => remove(cache, key, entry),
  );
  return value;
}

/** How many entries a part keeps and their size, for a test of the limits. */
export function keptIn(db: Kysely<Database>, part: TCachePart): { entries: number; bytes: number } {
  const kept = caches.get(db)?.[part];
  return { entries: kept?.entries.size ?? 0, bytes: kept?.bytes ?? 0 };
}

/**
 * Forgets every figure kept for this database: for a test that writes around the services (straight into tables,
 * without an audit entry), which no running server does.
 */
export function forgetFigures(db: Kysely<Database>): void {
  caches.delete(db);
}
