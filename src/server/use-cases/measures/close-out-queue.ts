/** What waits for the current user: close-outs at their review stage, and their notifications. */
import type { Kysely } from 'kysely';
import type { TBadge, TNotificationView, TQueueItem } from '@shared/api.ts';
import type { Database } from '../../db/schema.ts';
import type { TActor } from '../../policies/actor.ts';
import {
  countPendingCloseOutsInScope,
  pendingCloseOutsInScope,
} from '../../repositories/close-out.repository.ts';
import { unreadNotifications } from '../../repositories/my-work.repository.ts';
import {
  latestNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from '../../repositories/notification.repository.ts';
import { AppError } from '../../errors.ts';

/** Close-out requests the actor may act on now. */
export async function closeOutQueue(db: Kysely<Database>, actor: TActor): Promise<TQueueItem[]> {
  // The stages this reader acts on are chosen by the database; at most a hundred, oldest first.
  const rows = await pendingCloseOutsInScope(db, actor.scope, actor, 100);
  return rows.map((r) => ({
    measureId: r.measure_id,
    inspectionId: r.inspection_id,
    content: r.content,
    problemTitle: r.problem_title,
    stage: r.stage,
    summary: r.summary,
    requestedAt: r.requested_at,
    requesterName: r.requester_name,
  }));
}

/** The header's badge: unread messages and 销号 requests waiting for the actor, two counts in SQL. */
export async function readBadge(db: Kysely<Database>, actor: TActor): Promise<TBadge> {
  if (actor.userId === null) return { unread: 0, reviews: 0 };
  const [unread, reviews] = await Promise.all([
    unreadNotifications(db, actor.userId),
    countPendingCloseOutsInScope(db, actor.scope, actor),
  ]);
  return { unread, reviews };
}

/** The actor's latest notifications. */
export async function listNotifications(db: Kysely<Database>, actor: TActor): Promise<TNotificationView[]> {
  if (actor.userId === null) return [];
  const rows = await latestNotifications(db, actor.userId, 50);
  return rows.map((n) => ({
    id: n.id,
    text: n.text,
    measureId: n.measure_id,
    link: n.link,
    // Where the message opens: its own link, or its measure in the measure's ledger.
    href:
      n.link ??
      (n.measure_id !== null && n.inspection_id !== null
        ? `/inspections/${n.inspection_id}?measure=${n.measure_id}`
        : null),
    createdAt: n.created_at,
    isRead: n.read_at !== null,
  }));
}

/** Marks one of the actor's notifications read (opened); 404 when it is not theirs. */
export async function markNotificationOpened(db: Kysely<Database>, actor: TActor, id: number): Promise<void> {
  if (actor.userId === null || !(await markNotificationRead(db, actor.userId, id, new Date().toISOString())))
    throw new AppError('NOT_FOUND', '消息不存在');
}

/** Marks all of the actor's notifications read. */
export async function markNotificationsRead(db: Kysely<Database>, actor: TActor): Promise<void> {
  if (actor.userId === null) return;
  await markAllNotificationsRead(db, actor.userId, new Date().toISOString());
}
