/** What a backup reads of and a restore checks in the database: the audit chain's head, and whether it is empty. */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

/** The last entry of the audit chain, or null when it is empty. */
export async function auditHead(db: Kysely<Database>): Promise<{ seq: number; hash: string } | null> {
  const row = await db
    .selectFrom('audit_head')
    .select(['last_seq', 'last_hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return row && row.last_seq > 0 ? { seq: row.last_seq, hash: row.last_hash } : null;
}

/** The hash of the entry at `seq`, or null when there is none. */
export async function auditHashAt(db: Kysely<Database>, seq: number): Promise<string | null> {
  const row = await db.selectFrom('audit_events').select('hash').where('seq', '=', seq).executeTakeFirst();
  return row?.hash ?? null;
}

/** How many tables the connection's own schema (PostgreSQL) holds: a restore goes only into an empty one. */
export async function tablesInCurrentSchema(db: Kysely<Database>): Promise<number> {
  const r = await sql<{ n: string | number }>`select count(*) as n from information_schema.tables
    where table_schema = current_schema()`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
