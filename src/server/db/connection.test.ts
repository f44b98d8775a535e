import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { type Generated, Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PG_URL, testEngines } from '../test-support/databases.ts';
import { PG_PREPARED_PER_CONNECTION, withPreparedStatements, withStatementCache } from './connection.ts';

type TDb = { t: { id: Generated<number>; name: string } };

describe('SQLite statement cache', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function open() {
    const dir = mkdtempSync(join(tmpdir(), 'zhenggai-stmt-'));
    dirs.push(dir);
    const sqlite = new SQLite(join(dir, 'x.db'));
    sqlite.exec('create table t (id integer primary key, name text not null)');
    const insert = sqlite.prepare('insert into t (name) values (?)');
    for (let i = 1; i <= 20; i += 1) insert.run(`第${i}项`);
    return {
      sqlite,
      db: new Kysely<TDb>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) }),
    };
  }

  it('hands the same statement back for the same text, and answers with the new parameters', async () => {
    const { db } = open();
    const byId = (id: number) => db.selectFrom('t').select('name').where('id', '=', id).executeTakeFirst();
    expect((await byId(3))?.name).toBe('第3项');
    expect((await byId(7))?.name).toBe('第7项');
    expect(await byId(99)).toBeUndefined();
    await db.destroy();
  });

  it('never hands out a statement still being iterated: another one answers the same text meanwhile', () => {
    const { sqlite } = open();
    const cached = withStatementCache(sqlite);
    const text = 'select id from t where id <= ? order by id';
    const first = cached.prepare(text);
    const rows = first.iterate([20]);
    const seen: number[] = [];
    for (const row of rows) {
      seen.push((row as { id: number }).id);
      if (seen.length === 5) {
        const second = cached.prepare(text);
        expect(second).not.toBe(first);
        expect(second.all([3])).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
      }
    }
    expect(seen).toHaveLength(20);
    // Once the iteration is over, the cached statement is handed out again.
    expect(cached.prepare(text)).toBe(first);
    cached.close();
  });

  it('answers rows as better-sqlite3 does: by column name, a later column of a name winning; one shape for all', () => {
    const { sqlite } = open();
    const cached = withStatementCache(sqlite);
    const text = `select id, name, id * 2 as "x""y", 'a' as dup, 'b' as dup, 7 as "__proto__" from t where id <= ?`;
    const rows = cached.prepare(text).all([2]) as Array<Record<string, unknown>>;
    expect(rows).toEqual([
      { id: 1, name: '第1项', 'x"y': 2, dup: 'b', ['__proto__']: 7 },
      { id: 2, name: '第2项', 'x"y': 4, dup: 'b', ['__proto__']: 7 },
    ]);
    // A column named __proto__ is a field, never the row's prototype.
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
    expect(Object.keys(rows[1] ?? {})).toEqual(['id', 'name', 'x"y', 'dup', '__proto__']);
    // Streamed rows are the same objects; writes answer their changes.
    expect([...cached.prepare('select id from t where id between ? and ?').iterate([4, 5])]).toEqual([
      { id: 4 },
      { id: 5 },
    ]);
    expect(cached.prepare('update t set name = ? where id = ?').run(['改', 1]).changes).toBe(1);
    expect(cached.prepare('insert into t (name) values (?) returning id, name').all(['新'])).toEqual([
      { id: 21, name: '新' },
    ]);
    cached.close();
  });

  it('sees writes and schema changes made after a statement was cached', async () => {
    const { db } = open();
    const count = async () =>
      Number((await sql<{ n: number }>`select count(*) as n from t`.execute(db)).rows[0]?.n);
    expect(await count()).toBe(20);
    await db.insertInto('t').values({ name: '新增' }).execute();
    expect(await count()).toBe(21);
    await sql`alter table t add column note text`.execute(db);
    await db.deleteFrom('t').where('id', '>', 10).execute();
    expect(await count()).toBe(10);
    await db.destroy();
  });
});

describe.each(testEngines().filter((e) => e === 'postgres'))('PostgreSQL prepared statements (%s)', () => {
  const schema = `zg_prepared_${process.pid}`;
  let pool: pg.Pool;
  let db: Kysely<TDb>;
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.query(`create schema ${schema}`);
    await admin.end();
    // One connection, so what it prepared can be read back from it.
    pool = new pg.Pool({ connectionString: TEST_PG_URL, max: 1, options: `-c search_path=${schema}` });
    db = new Kysely<TDb>({ dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }) });
    await sql`create table t (id serial primary key, name text not null)`.execute(db);
    await db
      .insertInto('t')
      .values(Array.from({ length: 20 }, (_, i) => ({ name: `第${i + 1}项` })))
      .execute();
  });
  afterAll(async () => {
    await db.destroy();
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });
  const prepared = async () =>
    (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)).rows.map(
      (r) => r.statement,
    );

  it('prepares a data statement once and answers each run with its own parameters', async () => {
    const byId = (id: number) => db.selectFrom('t').select('name').where('id', '=', id).executeTakeFirst();
    expect((await byId(3))?.name).toBe('第3项');
    expect((await byId(7))?.name).toBe('第7项');
    expect(await byId(99)).toBeUndefined();
    const statements = await prepared();
    expect(statements.filter((s) => s.includes('select "name" from "t"'))).toHaveLength(1);
    // Writes too, inside a transaction as outside it.
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('t').set({ name: '改' }).where('id', '=', 1).execute();
    });
    expect((await byId(1))?.name).toBe('改');
  });

  it('runs DDL, transaction control and several statements unnamed', async () => {
    await sql`create index t_name on t (name)`.execute(db);
    await sql.raw('select 1; select 2').execute(db);
    const statements = await prepared();
    expect(statements.some((s) => /create index|select 1; select 2/i.test(s))).toBe(false);
    expect(statements.some((s) => /^(begin|commit)/i.test(s))).toBe(false);
  });

  it('prepares at most so many texts a connection, and keeps answering beyond them', async () => {
    const before = (await prepared()).length;
    for (let n = 0; n < PG_PREPARED_PER_CONNECTION + 20; n += 1) {
      const r = await sql<{ n: number }>`select ${sql.lit(n)}::int as n, name from t where id = ${1}`.execute(
        db,
      );
      expect(r.rows[0]?.n).toBe(n);
    }
    const after = (await prepared()).length;
    expect(after).toBe(PG_PREPARED_PER_CONNECTION);
    expect(after).toBeGreaterThan(before);
  });
});
