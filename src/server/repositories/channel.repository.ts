/** Channels in SQL: settings, users' choices, the dispatcher's place, and deliveries claimed, sent or retried. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ChannelTable, Database, DeliveryTable } from '../db/schema.ts';

type Db = Kysely<Database>;

/** Every configured channel. */
export async function listChannelRows(db: Db) {
  return db.selectFrom('channels').selectAll().execute();
}

/** Saves a channel's settings. */
export async function upsertChannel(db: Db, row: ChannelTable): Promise<void> {
  await db
    .insertInto('channels')
    .values(row)
    .onConflict((oc) =>
      oc.column('channel').doUpdateSet({
        enabled: row.enabled,
        settings_json: row.settings_json,
        secrets_enc: row.secrets_enc,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
      }),
    )
    .execute();
}

/** Deliveries by channel and status (pending, failed), for the administrator. */
export async function deliveryCounts(db: Db) {
  return db
    .selectFrom('deliveries')
    .select(['channel', 'status'])
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('status', 'in', ['pending', 'failed'])
    .groupBy(['channel', 'status'])
    .execute();
}

/** A user's e-mail address and choices. */
export async function userChannels(db: Db, userId: number) {
  const [user, modes] = await Promise.all([
    db.selectFrom('users').select(['email']).where('id', '=', userId).executeTakeFirst(),
    db.selectFrom('user_channels').select(['channel', 'mode']).where('user_id', '=', userId).execute(),
  ]);
  return { email: user?.email ?? null, modes };
}

/** Sets a user's e-mail address and choices. */
export async function setUserChannels(
  db: Db,
  userId: number,
  email: string | null | undefined,
  modes: Array<{ channel: string; mode: string }>,
): Promise<void> {
  if (email !== undefined) await db.updateTable('users').set({ email }).where('id', '=', userId).execute();
  for (const m of modes)
    await db
      .insertInto('user_channels')
      .values({ user_id: userId, channel: m.channel, mode: m.mode })
      .onConflict((oc) => oc.columns(['user_id', 'channel']).doUpdateSet({ mode: m.mode }))
      .execute();
}

/** The dispatcher's place: the last message it read (created at the newest message the first time). */
export async function dispatchPlace(db: Db): Promise<number> {
  const row = await db
    .selectFrom('dispatch_state')
    .select('last_notification_id')
    .where('id', '=', 1)
    .executeTakeFirst();
  if (row) return row.last_notification_id;
  const start = await newestMessageId(db);
  await db
    .insertInto('dispatch_state')
    .values({ id: 1, last_notification_id: start })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return (
    await db
      .selectFrom('dispatch_state')
      .select('last_notification_id')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow()
  ).last_notification_id;
}

/** The newest message's id (0 with none). */
export async function newestMessageId(db: Db): Promise<number> {
  const newest = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.max('id').as('m'))
    .executeTakeFirst();
  return Number(newest?.m ?? 0);
}

/** Moves the place from `from` to `to`; false when another process moved it first. */
export async function moveDispatchPlace(db: Db, from: number, to: number): Promise<boolean> {
  const r = await db
    .updateTable('dispatch_state')
    .set({ last_notification_id: to })
    .where('id', '=', 1)
    .where('last_notification_id', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Messages after `afterId`, oldest first, at most `limit`, with their recipient's address, name and choices. */
export async function messagesAfter(db: Db, afterId: number, limit: number) {
  return db
    .selectFrom('notifications')
    .innerJoin('users', 'users.id', 'notifications.user_id')
    .leftJoin('measures', 'measures.id', 'notifications.measure_id')
    .select([
      'notifications.id',
      'notifications.user_id',
      'notifications.text',
      'notifications.link',
      'notifications.measure_id',
      'measures.inspection_id',
      'users.email',
      'users.display_name',
      'users.is_active',
    ])
    .where('notifications.id', '>', afterId)
    .orderBy('notifications.id')
    .limit(limit)
    .execute();
}

/** The choices of some users (at most a page of them). */
export async function modesOf(db: Db, userIds: readonly number[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('user_channels')
    .selectAll()
    .where('user_id', 'in', [...userIds])
    .execute();
}

/** Queues deliveries. */
export async function insertDeliveries(db: Db, rows: Insertable<DeliveryTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('deliveries')
      .values(rows.slice(i, i + 200))
      .execute();
}

/** Deliveries due at `now` and not claimed by another process, oldest first. */
export async function dueDeliveries(db: Db, now: string, limit: number) {
  return db
    .selectFrom('deliveries')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Claims a delivery until `until`; false when another process claimed it first. */
export async function claimDelivery(db: Db, id: number, now: string, until: string): Promise<boolean> {
  const r = await db
    .updateTable('deliveries')
    .set({ claimed_until: until })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Records the outcome of an attempt. */
export async function finishDelivery(
  db: Db,
  id: number,
  outcome: {
    status: 'sent' | 'pending' | 'failed';
    attempts: number;
    nextAttemptAt: string;
    error: string | null;
    at: string;
  },
): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({
      status: outcome.status,
      attempts: outcome.attempts,
      next_attempt_at: outcome.nextAttemptAt,
      last_error: outcome.error,
      claimed_until: null,
      ...(outcome.status === 'sent' ? { sent_at: outcome.at } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Messages written in [from, to) to users who take a channel as a daily digest, by user, oldest first. */
export async function digestMessages(db: Db, channel: string, from: string, to: string) {
  return db
    .selectFrom('notifications')
    .innerJoin('user_channels', 'user_channels.user_id', 'notifications.user_id')
    .innerJoin('users', 'users.id', 'notifications.user_id')
    .select([
      'notifications.user_id',
      'notifications.text',
      'users.email',
      'users.display_name',
      'users.is_active',
    ])
    .where('user_channels.channel', '=', channel)
    .where('user_channels.mode', '=', 'digest')
    .where('notifications.created_at', '>=', from)
    .where('notifications.created_at', '<', to)
    .orderBy('notifications.user_id')
    .orderBy('notifications.id')
    .execute();
}

/** Failed deliveries, newest first, one page, with the recipient's name; and how many there are. */
export async function failedDeliveries(
  db: Db,
  q: { channel: string | null; offset: number; limit: number },
): Promise<{ total: number; rows: Array<Selectable<DeliveryTable> & { user_name: string | null }> }> {
  const base = db
    .selectFrom('deliveries')
    .where('deliveries.status', '=', 'failed')
    .$if(q.channel !== null, (qb) => qb.where('deliveries.channel', '=', q.channel ?? ''));
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirst(),
    base
      .leftJoin('users', 'users.id', 'deliveries.user_id')
      .selectAll('deliveries')
      .select('users.display_name as user_name')
      .orderBy('deliveries.id', 'desc')
      .offset(q.offset)
      .limit(q.limit)
      .execute(),
  ]);
  return { total: Number(count?.n ?? 0), rows };
}

/** Puts a failed delivery back in the queue, due now; false when it is not (or no longer) failed. */
export async function requeueFailedDelivery(db: Db, id: number, now: string): Promise<boolean> {
  const r = await db
    .updateTable('deliveries')
    .set({ status: 'pending', next_attempt_at: now, claimed_until: null })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** One stored channel row, enabled or not. */
export async function channelRow(db: Db, channel: string) {
  return db.selectFrom('channels').selectAll().where('channel', '=', channel).executeTakeFirst();
}
