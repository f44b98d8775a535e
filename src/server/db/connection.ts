/** Opens the database named by a URL: postgres://… is PostgreSQL, anything else a SQLite file path. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

/** Which engine a URL names. */
export type TDialectName = 'sqlite' | 'postgres';

/** An open database. */
export type TDb = { db: Kysely<Database>; dialect: TDialectName; url: string; close: () => Promise<void> };

/** True for PostgreSQL URLs. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** Options: a PostgreSQL schema to work in (tests use one each). */
export type TOpenOptions = { pgSchema?: string };

/** Opens (and for SQLite creates) the database; WAL mode and foreign keys on SQLite. */
export function openDatabase(url: string, options: TOpenOptions = {}): TDb {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', url, close: () => db.destroy() };
  }
  if (url !== ':memory:') mkdirSync(dirname(url), { recursive: true });
  const sqlite = new SQLite(url);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', url, close: () => db.destroy() };
}

/** How many prepared statements a SQLite connection keeps (the most recently used). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection as Kysely sees it, keeping prepared statements by their SQL text so a query the app runs again is
 * not compiled again by SQLite (the queries are built with parameters, so their texts repeat). A statement still
 * being iterated (a streamed export) is busy and is never handed out twice: another is prepared for the caller.
 * Kysely's `begin` becomes `begin immediate` (see below).
 */
export function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare: (asked: string) => {
      // A transaction takes the write lock when it begins, so a second process waits its turn (busy_timeout)
      // instead of failing with SQLITE_BUSY when both read first and then want to write (WAL allows one writer).
      const text = asked === 'begin' ? 'begin immediate' : asked;
      const cached = cache.get(text);
      if (cached !== undefined && !cached.busy) {
        // Most recently used last: a Map iterates in insertion order.
        cache.delete(text);
        cache.set(text, cached);
        return cached;
      }
      const statement = sqlite.prepare(text);
      if (cached === undefined) {
        cache.set(text, statement);
        if (cache.size > STATEMENT_CACHE_SIZE) {
          const oldest = cache.keys().next();
          if (oldest.done !== true) cache.delete(oldest.value);
        }
      }
      return statement;
    },
  };
}
