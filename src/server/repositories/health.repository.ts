/** The one query readiness makes: the database answers. */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Resolves when the database answers a trivial query. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
