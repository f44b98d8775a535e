/**
 * Whether any measure of a ledger was changed since its import (`version > 1`, the first of the recorded-work checks
 * behind a ledger's archive and delete buttons) is read from an index of (inspection, version) instead of each of
 * the ledger's measure rows: for an untouched ledger every row was read, a third of the checks' time.
 */
import type { Kysely } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

/** Creates it. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('measures_inspection_version')
    .on('measures')
    .columns(['inspection_id', 'version'])
    .execute();
}

/** Drops it. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('measures_inspection_version').execute();
}
