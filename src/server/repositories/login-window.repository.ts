/** The login throttle's counts in SQL: one row a name and window, incremented atomically; old windows purged. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Counts one attempt in the window; the window's attempts including this one. */
export async function countLoginAttempt(
  db: Kysely<Database>,
  nameHash: string,
  windowStart: string,
): Promise<number> {
  const row = await db
    .insertInto('login_windows')
    .values({ name_hash: nameHash, window_start: windowStart, hits: 1 })
    .onConflict((oc) =>
      oc
        .columns(['name_hash', 'window_start'])
        .doUpdateSet((eb) => ({ hits: eb('login_windows.hits', '+', 1) })),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  return row.hits;
}

/** Forgets windows that started before `before`. */
export async function purgeLoginWindows(db: Kysely<Database>, before: string): Promise<void> {
  await db.deleteFrom('login_windows').where('window_start', '<', before).execute();
}
