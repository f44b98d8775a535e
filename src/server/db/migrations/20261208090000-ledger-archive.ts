/**
 * A ledger created by mistake (the wrong document, the wrong unit, a test import) can be archived: it stays readable
 * with its history but leaves every working list, figure and reminder, and takes no more writes until restored.
 */
import type { Kysely } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

/** Adds the columns and the index the lists use to leave archived ledgers out. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('inspections').addColumn('archived_at', 'text').execute();
  await db.schema.alterTable('inspections').addColumn('archived_by', 'integer').execute();
  await db.schema.alterTable('inspections').addColumn('archive_reason', 'text').execute();
  await db.schema.createIndex('inspections_archived_at').on('inspections').column('archived_at').execute();
}

/** Drops them. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('inspections_archived_at').execute();
  await db.schema.alterTable('inspections').dropColumn('archive_reason').execute();
  await db.schema.alterTable('inspections').dropColumn('archived_by').execute();
  await db.schema.alterTable('inspections').dropColumn('archived_at').execute();
}
