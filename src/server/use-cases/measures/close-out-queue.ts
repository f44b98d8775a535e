/** What waits for the current user: close-outs at their review stage, and their notifications. */
import type { Kysely } from 'kysely';
import type { TNotificationView, TQueueItem } from '@shared/api.ts';
import type { Database } from '../../db/schema.ts';
import type { TActor } from '../../policies/actor.ts';
import { inScope } from '../../repositories/scope.ts';

/** Close-out requests the actor may act on now. */
export async function closeOutQueue(db: Kysely<Database>, actor: TActor): Promise<TQueueItem[]> {
  const rows = await db
    .selectFrom('close_out_requests')
    .innerJoin('measures', 'measures.id', 'close_out_requests.measure_id')
    .innerJoin('inspections', 'inspections.id', 'measures.inspection_id')
    .innerJoin('problems', 'problems.id', 'measures.problem_id')
    .leftJoin('users', 'users.id', 'close_out_requests.requested_by')
    .select([
      'measures.id as measure_id',
      'measures.inspection_id',
      'measures.content',
      'measures.leader_id',
      'problems.title as problem_title',
      'close_out_requests.stage',
      'close_out_requests.summary',
      'close_out_requests.requested_at',
      'users.display_name as requester_name',
    ])
    .where('close_out_requests.outcome', '=', 'pending')
    .where(inScope('inspections.unit_id', actor.scope))
    .orderBy('close_out_requests.requested_at')
    .execute();
  const mine = rows.filter((r) =>
    r.stage === 'leader'
      ? actor.personId !== null && r.leader_id === actor.personId
      : r.stage === 'principal'
        ? actor.role === 'principal'
        : actor.role === 'inspection_office',
  );
  return mine.map((r) => ({
    measureId: r.measure_id,
    inspectionId: r.inspection_id,
    content: r.content,
    problemTitle: r.problem_title,
    stage: r.stage as TQueueItem['stage'],
    summary: r.summary,
    requestedAt: r.requested_at,
    requesterName: r.requester_name,
  }));
}

/** The actor's latest notifications. */
export async function listNotifications(db: Kysely<Database>, actor: TActor): Promise<TNotificationView[]> {
  if (actor.userId === null) return [];
  const rows = await db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', actor.userId)
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  return rows.map((n) => ({
    id: n.id,
    text: n.text,
    measureId: n.measure_id,
    createdAt: n.created_at,
    isRead: n.read_at !== null,
  }));
}

/** Marks all of the actor's notifications read. */
export async function markNotificationsRead(db: Kysely<Database>, actor: TActor): Promise<void> {
  if (actor.userId === null) return;
  await db
    .updateTable('notifications')
    .set({ read_at: new Date().toISOString() })
    .where('user_id', '=', actor.userId)
    .where('read_at', 'is', null)
    .execute();
}
