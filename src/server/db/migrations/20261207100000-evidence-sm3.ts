/** The SM3 digest of each evidence file (and of a staged one), recorded under the 国密 suite (ZHENGGAI_CRYPTO=sm). */
import type { Kysely } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

/** Adds the columns. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('evidence').addColumn('sm3', 'text').execute();
  await db.schema.alterTable('staged_uploads').addColumn('sm3', 'text').execute();
}

/** Drops them. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('staged_uploads').dropColumn('sm3').execute();
  await db.schema.alterTable('evidence').dropColumn('sm3').execute();
}
