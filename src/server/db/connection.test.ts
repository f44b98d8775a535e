import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { type Generated, Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from './connection.ts';

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
