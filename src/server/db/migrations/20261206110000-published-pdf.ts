/** The PDF of a published announcement version, made from the same document model as its .docx, and its public copy. */
import type { Kysely } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

/** Adds the columns. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('announcements').addColumn('published_pdf_sha', 'text').execute();
  await db.schema.alterTable('public_announcements').addColumn('pdf_sha', 'text').execute();
}

/** Drops them. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('public_announcements').dropColumn('pdf_sha').execute();
  await db.schema.alterTable('announcements').dropColumn('published_pdf_sha').execute();
}
