/** In-app notifications (待办与消息). */
import type { Insertable, Kysely } from 'kysely';
import type { Database, NotificationTable } from '../db/schema.ts';

type Db = Kysely<Database>;

/** A user's latest notifications, newest first. */
export async function latestNotifications(db: Db, userId: number, limit: number) {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Marks every unread notification of a user read. */
export async function markAllNotificationsRead(db: Db, userId: number, at: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
}

/** Inserts notifications. */
export async function insertNotifications(db: Db, rows: Insertable<NotificationTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('notifications').values(rows).execute();
}
