/**
 * A request's actor in one query: the session, its account, the account's unit path and department are read
 * together, whatever the number of units; what they say is current (a unit added, a person moved, an account
 * deactivated shows at the next request).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QueryCounter } from '../../test-support/query-counter.ts';

import { insertSession, insertUser } from '../../repositories/user.repository.ts';
import { ensureDepartment, insertPerson, insertUnit } from '../../repositories/unit.repository.ts';
import { openTestDatabase, testEngines } from '../../test-support/databases.ts';
import { actorForSession } from './actor-for-user.ts';
import { hashToken, resolveSession } from './session.ts';

const POLICY = { idleMinutes: 30, maxHours: 12, passwordMaxAgeDays: 0, isDemo: false };

describe.each(testEngines())('the actor of a session on %s', (engine) => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeEach(async () => {
    database = await openTestDatabase(engine);
  });
  afterEach(async () => database.drop());

  const at = () => new Date().toISOString();
  const unit = (parentId: number | null, name: string) =>
    insertUnit(database.db, {
      parentId,
      name,
      partyOrgName: null,
      phone: null,
      address: null,
      email: null,
      at: at(),
    });

  /** A signed-in account of `unitId` (with a person in `departmentId` when given); returns its token. */
  async function signIn(
    unitId: number,
    departmentId: number | null,
  ): Promise<{ token: string; userId: number }> {
    const personId =
      departmentId === null
        ? null
        : await insertPerson(database.db, {
            unitId,
            name: '张三',
            position: null,
            departmentId,
            isDemo: false,
          });
    const userId = await insertUser(database.db, {
      username: `user${unitId}-${Math.random()}`,
      displayName: '用户',
      passwordHash: 'x',
      role: 'coordinator',
      unitId,
      personId,
      isDemo: false,
      at: at(),
    });
    const token = `token-${userId}`;
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    await insertSession(database.db, { id: hashToken(token), userId, at: at(), expiresAt });
    return { token, userId };
  }

  it('costs one query (the session touched at most once a second) whatever the number of units', async () => {
    const root = await unit(null, '市委');
    const { token } = await signIn(root, null);
    for (const n of [2, 150]) {
      for (let i = 0; i < n; i += 1) await unit(root, `单位${n}-${i}`);
      const counter = new QueryCounter();
      const db = database.db.withPlugin(counter);
      const first = await resolveSession(db, token, POLICY);
      if (first === null) throw new Error('session not found');
      await actorForSession(db, first, null); // reads the tree once, as a unit was added
      counter.count = 0;
      const session = await resolveSession(db, token, POLICY);
      if (session === null) throw new Error('session not found');
      const actor = await actorForSession(db, session, null);
      expect(counter.count).toBe(1);
      expect(actor.scope.kind === 'subtree' && actor.scope.unitIds.size).toBe(1 + (n === 2 ? 2 : 152));
    }
  });

  it('sees the current unit tree, department and account state at each request', async () => {
    const root = await unit(null, '市委');
    const child = await unit(root, '市直单位');
    const office = await ensureDepartment(database.db, child, '办公室', false);
    const finance = await ensureDepartment(database.db, child, '财务处', false);
    const { token, userId } = await signIn(child, office);
    const actorNow = async () => {
      const session = await resolveSession(database.db, token, POLICY);
      return session === null ? null : actorForSession(database.db, session, '127.0.0.1');
    };
    const before = await actorNow();
    expect(before?.departmentId).toBe(office);
    expect(before?.scope.kind === 'subtree' && [...before.scope.unitIds]).toEqual([child]);

    const added = await unit(child, '下属单位');
    const sibling = await unit(root, '另一单位');
    await database.db.updateTable('people').set({ department_id: finance }).execute();
    const after = await actorNow();
    expect(after?.departmentId).toBe(finance);
    expect(after?.scope.kind === 'subtree' && [...after.scope.unitIds].sort((a, b) => a - b)).toEqual([
      child,
      added,
    ]);
    expect(after?.scope.kind === 'subtree' && after.scope.unitIds.has(sibling)).toBe(false);

    await database.db.updateTable('users').set({ is_active: 0 }).where('id', '=', userId).execute();
    expect(await actorNow()).toBeNull();
  });
});
