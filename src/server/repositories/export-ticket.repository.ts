/** Download tickets of exports. */
import type { Kysely } from 'kysely';
import type { Database, ExportTicketTable } from '../db/schema.ts';

type Db = Kysely<Database>;

/** Stores a ticket, and drops the expired ones. */
export async function insertExportTicket(db: Db, ticket: ExportTicketTable): Promise<void> {
  await db.deleteFrom('export_tickets').where('expires_at', '<', ticket.created_at).execute();
  await db.insertInto('export_tickets').values(ticket).execute();
}

/** The ticket of this token for this user, if it has not expired. */
export async function findExportTicket(db: Db, tokenHash: string, userId: number, now: string) {
  return db
    .selectFrom('export_tickets')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}
