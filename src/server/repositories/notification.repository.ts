/** In-app notifications (待办与消息). */
import type { Insertable, Kysely } from 'kysely';
import type { Database, NotificationTable } from '../db/schema.ts';

type Db = Kysely<Database>;

/** A user's latest notifications, newest first. */
export async function latestNotifications(db: Db, userId: number, limit: number) {
  return db
    .selectFrom('notifications')
    .leftJoin('measures', 'measures.id', 'notifications.measure_id')
    .selectAll('notifications')
    .select('measures.inspection_id')
    .where('notifications.user_id', '=', userId)
    .orderBy('notifications.id', 'desc')
    .limit(limit)
    .execute();
}

/** Marks one notification of a user read; false when the user has no such notification. */
export async function markNotificationRead(db: Db, userId: number, id: number, at: string): Promise<boolean> {
  const mine = await db
    .selectFrom('notifications')
    .select(['id', 'read_at'])
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!mine) return false;
  if (mine.read_at === null)
    await db.updateTable('notifications').set({ read_at: at }).where('id', '=', id).execute();
  return true;
}

/** Marks a user's unread notifications about one measure read (they acted on it). */
export async function markMeasureNotificationsRead(
  db: Db,
  userId: number,
  measureId: number,
  at: string,
): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('measure_id', '=', measureId)
    .where('read_at', 'is', null)
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
