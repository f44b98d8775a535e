/** Opens the database named by a URL: postgres://… is PostgreSQL, anything else a SQLite file path. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { createHash } from 'node:crypto';
import {
  Kysely,
  type PostgresCursor,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  type PostgresQueryResult,
  type SqliteDatabase,
  type SqliteStatement,
  SqliteDialect,
} from 'kysely';
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
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }) });
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

/** How many statements a PostgreSQL connection prepares (the first so many distinct texts it runs). */
export const PG_PREPARED_PER_CONNECTION = 300;

/** A statement that may be prepared under a name: one statement of data, no transaction control or DDL. */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

/**
 * The pool as Kysely sees it, running each statement it can as a named prepared statement of its connection
 * (named by the hash of its text), so PostgreSQL parses and plans a statement the app runs again once per
 * connection instead of at every request — planning the detail's statement alone took longer than running it. A
 * connection prepares at most `PG_PREPARED_PER_CONNECTION` texts (the queries are built with parameters, so their
 * texts repeat); beyond that, and for anything but a single data statement, a statement runs unnamed as before.
 */
export function withPreparedStatements(pool: pg.Pool): PostgresPool {
  const preparedBy = new WeakMap<pg.PoolClient, Set<string>>();
  const nameFor = (client: pg.PoolClient, text: string): string | null => {
    if (!PREPARABLE.test(text) || text.includes(';')) return null;
    let names = preparedBy.get(client);
    if (names === undefined) {
      names = new Set();
      preparedBy.set(client, names);
    }
    const name = `zg_${createHash('sha1').update(text).digest('hex')}`;
    if (names.has(name)) return name;
    if (names.size >= PG_PREPARED_PER_CONNECTION) return null;
    names.add(name);
    return name;
  };
  return {
    end: () => pool.end(),
    connect: async (): Promise<PostgresPoolClient> => {
      const client = await pool.connect();
      function query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
      function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
      function query<R>(
        what: string | PostgresCursor<R>,
        parameters: ReadonlyArray<unknown> = [],
      ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
        // A cursor (Kysely's streaming, when configured with one) goes to the client as it is.
        if (typeof what !== 'string') return client.query(what as never);
        const name = nameFor(client, what);
        const values = [...parameters];
        const result =
          name === null ? client.query(what, values) : client.query({ name, text: what, values });
        // pg types its rows as its own row type; Kysely's result type is the same object seen by the query's type.
        return result as unknown as Promise<PostgresQueryResult<R>>;
      }
      return { query, release: (destroy?: boolean) => client.release(destroy) };
    },
  };
}

/** How many prepared statements a SQLite connection keeps (the most recently used). */
const STATEMENT_CACHE_SIZE = 500;

/** A statement as Kysely runs it, and whether it is being iterated (a streamed export). */
type TCachedStatement = SqliteStatement & { readonly busy: boolean };

/**
 * A function making the row object of a statement's columns from their values: an object literal of those names,
 * so every row of a statement has one shape. better-sqlite3 builds a row object property by property, which took
 * half of the time of reading a ledger's 84 measures (0.55 of 0.6 ms); reading the values as an array and making the
 * objects this way takes half as long.
 */
function rowMaker(columns: ReadonlyArray<{ name: string }>): (values: unknown[]) => Record<string, unknown> {
  const fields = columns.map((c, i) => `[${JSON.stringify(c.name)}]: v[${i}]`).join(', ');
  // The names are the statement's own column names, quoted as JSON and computed (so a column named __proto__ is a
  // field, not the prototype); a later column of the same name wins, as in better-sqlite3's own row objects.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- a constructor of one fixed shape, see above
  return new Function('v', `return { ${fields} };`) as (values: unknown[]) => Record<string, unknown>;
}

/** A prepared statement as Kysely runs it: rows read as arrays and made into objects by `rowMaker`. */
function asKyselyStatement(statement: SQLite.Statement): TCachedStatement {
  if (!statement.reader) return statement;
  const make = rowMaker(statement.columns());
  const raw = statement.raw(true);
  return {
    reader: true,
    get busy() {
      return raw.busy;
    },
    all: (parameters: ReadonlyArray<unknown>) => (raw.all(parameters) as unknown[][]).map(make),
    run: (parameters: ReadonlyArray<unknown>) => raw.run(parameters),
    iterate: function* (parameters: ReadonlyArray<unknown>) {
      for (const values of raw.iterate(parameters) as IterableIterator<unknown[]>) yield make(values);
    },
  };
}

/**
 * The connection as Kysely sees it, keeping prepared statements by their SQL text so a query the app runs again is
 * not compiled again by SQLite (the queries are built with parameters, so their texts repeat). A statement still
 * being iterated (a streamed export) is busy and is never handed out twice: another is prepared for the caller.
 * Kysely's `begin` becomes `begin immediate` (see below).
 */
export function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, TCachedStatement>();
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
      const statement = asKyselyStatement(sqlite.prepare(text));
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
