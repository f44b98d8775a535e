/** Runs a use case's writes in one transaction. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Runs `work` in a transaction: everything it writes lands together or not at all. */
export async function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  return db.transaction().execute(work);
}

/** Now as an ISO timestamp. */
export function nowIso(): string {
  return new Date().toISOString();
}
