/** What 我的工作 lists besides measures: pending extension requests, open look-backs, unread messages — in SQL, limited. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { inScope, type TUnitScope } from './scope.ts';

type Db = Kysely<Database>;

/** Pending extension requests of measures in scope, oldest first, at most `limit`. */
export async function pendingExtensionsInScope(db: Db, scope: TUnitScope, limit: number) {
  return db
    .selectFrom('extension_requests')
    .innerJoin('measures', 'measures.id', 'extension_requests.measure_id')
    .innerJoin('inspections', 'inspections.id', 'measures.inspection_id')
    .leftJoin('users', 'users.id', 'extension_requests.requested_by')
    .select([
      'extension_requests.id',
      'extension_requests.measure_id',
      'measures.inspection_id',
      'measures.content',
      'extension_requests.reason',
      'extension_requests.new_deadline',
      'extension_requests.requested_at',
      'users.display_name as requester_name',
    ])
    .where('extension_requests.status', '=', 'pending')
    .where(inScope('inspections.unit_id', scope))
    .where('inspections.archived_at', 'is', null)
    .orderBy('extension_requests.requested_at')
    .limit(limit)
    .execute();
}

/** Look-backs in scope with items not yet checked, earliest scheduled first, at most `limit`, with that count. */
export async function openLookbacksInScope(db: Db, scope: TUnitScope, limit: number) {
  return db
    .selectFrom('lookbacks')
    .innerJoin('inspections', 'inspections.id', 'lookbacks.inspection_id')
    .innerJoin('units', 'units.id', 'inspections.unit_id')
    .select([
      'lookbacks.id',
      'lookbacks.inspection_id',
      'lookbacks.scheduled_date',
      'inspections.title as inspection_title',
      'units.name as unit_name',
    ])
    .select((eb) =>
      eb
        .selectFrom('lookback_items')
        .select(eb.fn.countAll<string | number>().as('n'))
        .whereRef('lookback_items.lookback_id', '=', 'lookbacks.id')
        .where('lookback_items.result', 'is', null)
        .as('unchecked'),
    )
    .where(inScope('inspections.unit_id', scope))
    .where('inspections.archived_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('lookback_items')
          .select('lookback_items.id')
          .whereRef('lookback_items.lookback_id', '=', 'lookbacks.id')
          .where('lookback_items.result', 'is', null),
      ),
    )
    .orderBy('lookbacks.scheduled_date')
    .limit(limit)
    .execute();
}

/** How many of a user's messages are unread. */
export async function unreadNotifications(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
