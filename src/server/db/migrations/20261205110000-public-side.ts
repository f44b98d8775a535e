/**
 * The public side (公开): the administrator decides per unit whether its announcements go public; what the public
 * sees is a snapshot written when a version is published (or when its unit is made public) — the frozen text, HTML
 * and .docx, the unit's name and contact as they were then — so public pages never read the ledger's tables and
 * cannot show an unpublished word. A withdrawn snapshot stays, marked, so its address answers 已撤回; a version
 * replaced by a newer one of the same inspection stays at its address, pointing to the newer.
 */
import { type Kysely, PostgresAdapter } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

/** Creates the column and tables. */
export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .alterTable('units')
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('public_announcements')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('announcement_id', 'integer', (c) => c.notNull().unique().references('announcements.id'))
    .addColumn('inspection_id', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('round', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('docx_sha', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('replaced_by', 'integer')
    .execute();
  await db.schema
    .createIndex('public_announcements_list')
    .on('public_announcements')
    .columns(['withdrawn_at', 'replaced_by', 'published_at'])
    .execute();
  await db.schema
    .createIndex('public_announcements_unit')
    .on('public_announcements')
    .columns(['unit_id', 'published_at'])
    .execute();
  await db.schema
    .createTable('public_units')
    .addColumn('unit_id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('party_org_name', 'text')
    .addColumn('phone', 'text')
    .addColumn('address', 'text')
    .addColumn('email', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

/** Drops them. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('public_units').execute();
  await db.schema.dropTable('public_announcements').execute();
  await db.schema.alterTable('units').dropColumn('is_public').execute();
}
