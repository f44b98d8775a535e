/** Shared set-up of the route suites: a fresh database of the engine and the fixture, torn down after. */
import { afterAll, beforeAll } from 'vitest';
import type { TDialectName } from '../db/connection.ts';
import { openTestDatabase } from './databases.ts';
import { buildFixture, type TFixture } from './factories.ts';

/** Registers beforeAll/afterAll hooks; call the returned function inside tests to get the fixture. */
export function useRouteFixture(engine: TDialectName): () => TFixture {
  let fixture: TFixture | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const database = await openTestDatabase(engine);
    drop = database.drop;
    fixture = await buildFixture(database.db);
  });
  afterAll(async () => {
    await fixture?.app.close();
    await drop?.();
  });
  return () => {
    if (!fixture) throw new Error('fixture not ready');
    return fixture;
  };
}
