/** Keys the application makes for itself: the first process to ask writes one, every process reads the same. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** The key named `name`, writing `fresh` when there is none yet. */
export async function keyNamed(db: Kysely<Database>, name: string, fresh: string): Promise<string> {
  await db
    .insertInto('app_keys')
    .values({ name, value: fresh, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('app_keys')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.value;
}
