/**
 * Prepared queries (prepared.ts): built once per engine and shape, each call answered with its own values, the same
 * rows as the query built the ordinary way; a builder that looks at a value in JavaScript is caught under tests.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngines } from '../test-support/databases.ts';
import { preparedQuery } from './prepared.ts';
import { insertUnit } from './unit.repository.ts';

let builds = 0;
// Defined once for the whole file, as the app defines them: the engines below share it, each with its own SQL.
const unitsNamed = preparedQuery(
  (db, v: { prefix: string; after: number; limit: number }, shape: { newestFirst: boolean }) => {
    builds += 1;
    return db
      .selectFrom('units')
      .select(['id', 'name'])
      .where('name', 'like', v.prefix)
      .where('id', '>', v.after)
      .orderBy('id', shape.newestFirst ? 'desc' : 'asc')
      .limit(v.limit);
  },
  (shape) => (shape.newestFirst ? 'desc' : 'asc'),
);

// Breaks the rule: decides in JavaScript on a value, which is a placeholder when the query is built once.
const peeking = preparedQuery((db, v: { id: number }) =>
  db
    .selectFrom('units')
    .select('id')
    .where('id', '=', typeof v.id === 'number' ? v.id : 0),
);

describe.each(testEngines())('prepared queries on %s', (engine) => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeEach(async () => {
    database = await openTestDatabase(engine);
    const at = new Date().toISOString();
    for (const name of ['甲局', '甲办', '乙局', '甲委'])
      await insertUnit(database.db, {
        parentId: null,
        name,
        partyOrgName: null,
        phone: null,
        address: null,
        email: null,
        at,
      });
  });
  afterEach(async () => database.drop());

  it('answers each call with its own values, the rows the ordinary query answers', async () => {
    const { db } = database;
    const ordinary = (prefix: string, after: number, limit: number, newestFirst: boolean) =>
      db
        .selectFrom('units')
        .select(['id', 'name'])
        .where('name', 'like', prefix)
        .where('id', '>', after)
        .orderBy('id', newestFirst ? 'desc' : 'asc')
        .limit(limit)
        .execute();
    for (const [prefix, after, limit, newestFirst] of [
      ['甲%', 0, 10, false],
      ['甲%', 0, 2, true],
      ['%局', 1, 10, false],
      ['乙%', 0, 10, true],
      ['丙%', 0, 10, false],
    ] as const) {
      const rows = await unitsNamed(db, { prefix, after, limit }, { newestFirst });
      expect(rows).toEqual(await ordinary(prefix, after, limit, newestFirst));
    }
    expect(
      (await unitsNamed(db, { prefix: '甲%', after: 0, limit: 10 }, { newestFirst: false })).map(
        (r) => r.name,
      ),
    ).toEqual(['甲局', '甲办', '甲委']);
  });

  it('is built once per shape: later calls only put in their values', async () => {
    const { db } = database;
    // Under tests each call is also built the ordinary way to be compared (one build a call); a shape seen for the
    // first time on this engine costs one build more, for the query kept.
    await unitsNamed(db, { prefix: '%', after: 0, limit: 1 }, { newestFirst: false });
    await unitsNamed(db, { prefix: '%', after: 0, limit: 1 }, { newestFirst: true });
    builds = 0;
    for (let i = 0; i < 5; i += 1) {
      await unitsNamed(db, { prefix: '%', after: i, limit: 3 }, { newestFirst: i % 2 === 0 });
    }
    expect(builds).toBe(5);
  });

  it('refuses a builder that looks at a value in JavaScript instead of handing it to the query', async () => {
    await expect(peeking(database.db, { id: 1 })).rejects.toThrow(/differs from its ordinary build/);
  });
});
