import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '@shared/chinese.ts';
import { ROLES } from '@shared/domain.ts';
import type { TDb } from '../../db/connection.ts';
import { systemActor } from '../../policies/actor.ts';
import { openTestDatabase, testEngines } from '../../test-support/databases.ts';
import { listInspectionViews, readLedger } from '../inspections/read-ledger.ts';
import { DEMO_ACCOUNTS, needsDemoData, seedDemoData } from './seed-demo-data.ts';

describe.each(testEngines())('demo data on %s', (engine) => {
  let database: TDb & { drop: () => Promise<void> };
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(async () => database.drop());

  it('imports the seed, assigns demo people and shows red, yellow and green', async () => {
    expect(await needsDemoData(database.db)).toBe(true);
    const today = todayInChina();
    const { inspectionId } = await seedDemoData(database.db, today);
    expect(await needsDemoData(database.db)).toBe(false);
    const {
      items: [view],
    } = await listInspectionViews({
      db: database.db,
      actor: systemActor('test'),
      yellowDays: 7,
      today,
    });
    expect(view?.counts).toMatchObject({ categories: 4, problems: 15, measures: 48 });
    expect(view?.counts.red).toBeGreaterThan(0);
    expect(view?.counts.yellow).toBeGreaterThan(0);
    expect(view?.counts.green).toBeGreaterThan(0);
    const ledger = await readLedger(
      { db: database.db, actor: systemActor('test'), yellowDays: 7, today },
      inspectionId,
    );
    const measures = ledger.categories.flatMap((c) => c.problems.flatMap((p) => p.measures));
    expect(measures.every((m) => m.isDemo)).toBe(true);
    expect(measures.filter((m) => m.missing.length > 0).map((m) => m.state)).toEqual([
      'not_started',
      'not_started',
    ]);
    expect(measures.some((m) => m.state === 'standing' && m.isStanding)).toBe(true);
    expect(ledger.people.every((p) => p.isDemo)).toBe(true);
  });

  it('creates one account per role', async () => {
    const users = await database.db.selectFrom('users').select(['username', 'role']).execute();
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(ROLES));
    expect(users.map((u) => u.username).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.username).sort());
  });
});
