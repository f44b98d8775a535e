/**
 * The audit trail becomes a hash chain (seq, prev_hash, hash, with a one-row head to append under a lock), and
 * accounts get lock-out and forced-password-change fields. Existing audit rows are chained in id order.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;
type Row = Record<string, string | number | null>;

/** The hash of one entry as this migration wrote it; audit-chain.ts computes the same. */
function entryHash(e: Row, prevHash: string): string {
  const content = [
    e.seq,
    e.at,
    e.actor_id,
    e.actor_label,
    e.ip,
    e.kind,
    e.object_type,
    e.object_id,
    e.unit_id,
    e.before_json,
    e.after_json,
    prevHash,
  ];
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

const GENESIS = '0'.repeat(64);

/** Adds the columns and chains what is there. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('audit_events').addColumn('seq', 'integer').execute();
  await db.schema.alterTable('audit_events').addColumn('prev_hash', 'text').execute();
  await db.schema.alterTable('audit_events').addColumn('hash', 'text').execute();
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .execute();
  // Kysely<Record<string, never>> knows no tables; this migration talks to them by name.
  const raw = db as unknown as Kysely<Record<string, Row>>;
  const rows = await raw.selectFrom('audit_events').selectAll().orderBy('id').execute();
  let prev = GENESIS;
  let seq = 0;
  for (const row of rows) {
    seq += 1;
    const hash = entryHash({ ...row, seq }, prev);
    await raw
      .updateTable('audit_events')
      .set({ seq, prev_hash: prev, hash })
      .where('id', '=', row.id ?? 0)
      .execute();
    prev = hash;
  }
  await raw.insertInto('audit_head').values({ id: 1, last_seq: seq, last_hash: prev }).execute();
  await db.schema.createIndex('audit_seq').on('audit_events').column('seq').unique().execute();

  await db.schema
    .alterTable('users')
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('users').addColumn('locked_until', 'text').execute();
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('users').addColumn('password_changed_at', 'text').execute();
}

/** Removes them. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('audit_seq').execute();
  await db.schema.dropTable('audit_head').execute();
  for (const c of ['seq', 'prev_hash', 'hash'])
    await db.schema.alterTable('audit_events').dropColumn(c).execute();
  for (const c of ['failed_logins', 'locked_until', 'must_change_password', 'password_changed_at'])
    await db.schema.alterTable('users').dropColumn(c).execute();
}
