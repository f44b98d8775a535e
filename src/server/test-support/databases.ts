/** Test databases: every database suite runs once per engine listed in ZHENGGAI_TEST_DATABASES. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type TDb, type TDialectName } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';

/** The engines to test on: `sqlite` always; `pg` when npm test found PostgreSQL (always in CI). */
export function testEngines(): TDialectName[] {
  const listed = (process.env.ZHENGGAI_TEST_DATABASES ?? 'sqlite').split(',').map((s) => s.trim());
  const engines: TDialectName[] = [];
  if (listed.includes('sqlite')) engines.push('sqlite');
  if (listed.includes('pg') || listed.includes('postgres')) engines.push('postgres');
  return engines;
}

/** The PostgreSQL server used by tests. */
export const TEST_PG_URL = process.env.ZHENGGAI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh, migrated database of the engine: a temp SQLite file, or a new PostgreSQL schema. */
export async function openTestDatabase(
  engine: TDialectName,
  options: { upTo?: string } = {},
): Promise<
  TDb & {
    drop: () => Promise<void>;
    migrateRest: () => Promise<void>;
    /** Up or down to this migration (tests of a migration's `down`). */ migrateTo: (
      name: string,
    ) => Promise<void>;
  }
> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'zhenggai-test-'));
    const database = openDatabase(join(dir, 'test.db'));
    await migrateToLatest(database.db, options);
    return {
      ...database,
      migrateRest: () => migrateToLatest(database.db),
      migrateTo: (name: string) => migrateToLatest(database.db, { upTo: name }),
      drop: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = openDatabase(TEST_PG_URL, { pgSchema: schema });
  await migrateToLatest(database.db, { pgSchema: schema, ...options });
  return {
    ...database,
    migrateRest: () => migrateToLatest(database.db, { pgSchema: schema }),
    migrateTo: (name: string) => migrateToLatest(database.db, { pgSchema: schema, upTo: name }),
    drop: async () => {
      await sql.raw(`drop schema ${schema} cascade`).execute(database.db);
      await database.close();
    },
  };
}

/**
 * A database URL of the engine for a child process (the CLI, a server process), made empty, and how to drop it: a
 * SQLite file path in `dir`, or a new PostgreSQL database.
 */
export async function emptyDatabase(
  engine: string,
  dir: string,
  name: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (engine === 'sqlite') return { url: join(dir, `${name}.db`), drop: () => Promise.resolve() };
  const db = `zg_${name}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`create database ${db}`);
  await admin.end();
  return {
    url: TEST_PG_URL.replace(/\/[^/]*$/, `/${db}`),
    drop: async () => {
      const a = new pg.Client({ connectionString: TEST_PG_URL });
      await a.connect();
      await a.query(`drop database if exists ${db} with (force)`);
      await a.end();
    },
  };
}
