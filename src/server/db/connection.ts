/** Opens the database named by a URL: postgres://… is PostgreSQL, anything else a SQLite file path. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', url, close: () => db.destroy() };
}
