/**
 * Scope without a walk: a user's scope costs one query however many units there are (the tree is cached per
 * database and read again only when a unit is added), its SQL is a path range, and the path migration fills the
 * paths of a tree that existed before it.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QueryCounter } from '../test-support/query-counter.ts';

import { openTestDatabase, testEngines } from '../test-support/databases.ts';
import { pathEnd, pathSegment } from './scope.ts';
import { ancestorUnitIds, insertUnit, listUnits, subtreeScope } from './unit.repository.ts';

describe.each(testEngines())('unit scope on %s', (engine) => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeEach(async () => {
    database = await openTestDatabase(engine);
  });
  afterEach(async () => database.drop());

  /** A root with `n` children, each with two children of its own. */
  async function tree(n: number) {
    const at = new Date().toISOString();
    const unit = (parentId: number | null, name: string) =>
      insertUnit(database.db, {
        parentId,
        name,
        partyOrgName: null,
        phone: null,
        address: null,
        email: null,
        at,
      });
    const root = await unit(null, '市委');
    const children: number[] = [];
    for (let i = 0; i < n; i += 1) {
      const child = await unit(root, `单位${i}`);
      children.push(child);
      await unit(child, `单位${i}甲`);
      await unit(child, `单位${i}乙`);
    }
    return { root, children, unit };
  }

  it('costs one query per request whatever the number of units', async () => {
    for (const n of [3, 120]) {
      const { root, children } = await tree(n);
      const counter = new QueryCounter();
      const db = database.db.withPlugin(counter);
      await subtreeScope(db, root); // reads the tree once
      counter.count = 0;
      const scope = await subtreeScope(db, root);
      const child = await subtreeScope(db, children[0] ?? 0);
      expect(counter.count).toBe(2);
      expect(scope.kind === 'subtree' && scope.unitIds.size).toBeGreaterThanOrEqual(1 + 3 * n);
      expect(child.kind === 'subtree' && [...child.unitIds].sort()).toHaveLength(3);
    }
  });

  it('sees a unit added since, in memory and in SQL; never a sibling', async () => {
    const { root, children, unit } = await tree(2);
    const [a, b] = children as [number, number];
    const before = await subtreeScope(database.db, a);
    const added = await unit(a, '新设单位');
    const after = await subtreeScope(database.db, a);
    expect(before.kind === 'subtree' && before.unitIds.has(added)).toBe(false);
    expect(after.kind === 'subtree' && after.unitIds.has(added)).toBe(true);
    expect(after.kind === 'subtree' && after.unitIds.has(b)).toBe(false);
    const inSql = (await listUnits(database.db, after)).map((u) => u.id);
    expect(inSql).toContain(added);
    expect(inSql).toContain(a);
    expect(inSql).not.toContain(b);
    expect(inSql).not.toContain(root);
    expect(await ancestorUnitIds(database.db, added)).toEqual([added, a, root]);
  });

  it('ranges end after the last descendant and before the next sibling', () => {
    const p = `${pathSegment(1)}${pathSegment(5)}`;
    expect(pathEnd(p)).toBe(`${pathSegment(1)}${pathSegment(6)}`);
    expect(`${p}${pathSegment(99)}` < pathEnd(p)).toBe(true);
    expect(`${pathSegment(1)}${pathSegment(50)}` >= pathEnd(p)).toBe(true);
  });
});

describe.each(testEngines())('the unit-path migration on %s', (engine) => {
  it('fills the paths of a tree that existed before it', async () => {
    const database = await openTestDatabase(engine, { upTo: '20261203120000-measure-last-progress' });
    try {
      const at = new Date().toISOString();
      const insert = async (parent_id: number | null, name: string) =>
        (
          await sql<{
            id: number;
          }>`insert into units (parent_id, name, created_at) values (${parent_id}, ${name}, ${at}) returning id`.execute(
            database.db,
          )
        ).rows[0]?.id ?? 0;
      const root = await insert(null, '市委');
      const a = await insert(root, '甲');
      const b = await insert(root, '乙');
      const a1 = await insert(a, '甲一');
      await database.migrateRest();
      const paths = new Map(
        (await database.db.selectFrom('units').select(['id', 'path']).execute()).map((u) => [u.id, u.path]),
      );
      expect(paths.get(a1)).toBe(`${pathSegment(root)}${pathSegment(a)}${pathSegment(a1)}`);
      expect(paths.get(b)).toBe(`${pathSegment(root)}${pathSegment(b)}`);
      const scope = await subtreeScope(database.db, a);
      expect((await listUnits(database.db, scope)).map((u) => u.id).sort()).toEqual([a, a1].sort());
    } finally {
      await database.drop();
    }
  });
});
