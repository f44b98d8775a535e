/** Separation of duties: opinions at each step of the close-out chain, the office fallback, who wrote and submitted an announcement. */
import type { Kysely } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

/** Adds the columns. */
export async function up(db: AnyDb): Promise<void> {
  for (const column of ['request_person_id', 'leader_person_id', 'approver_person_id'] as const)
    await db.schema.alterTable('close_out_requests').addColumn(column, 'integer').execute();
  for (const column of ['leader_opinion', 'approval_opinion', 'confirmation_opinion'] as const)
    await db.schema.alterTable('close_out_requests').addColumn(column, 'text').execute();
  await db.schema
    .alterTable('close_out_requests')
    .addColumn('office_required', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('close_out_requests').addColumn('confirmer_person_id', 'integer').execute();
  await db.schema.alterTable('announcements').addColumn('edited_by', 'integer').execute();
  await db.schema.alterTable('announcements').addColumn('submitted_by', 'integer').execute();
  await db.schema.alterTable('announcements').addColumn('approval_opinion', 'text').execute();
  await db.schema.alterTable('inspections').addColumn('plan_approval_opinion', 'text').execute();
}

/** Drops them. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('inspections').dropColumn('plan_approval_opinion').execute();
  for (const column of ['approval_opinion', 'submitted_by', 'edited_by'] as const)
    await db.schema.alterTable('announcements').dropColumn(column).execute();
  for (const column of [
    'confirmer_person_id',
    'office_required',
    'confirmation_opinion',
    'approval_opinion',
    'leader_opinion',
    'approver_person_id',
    'leader_person_id',
    'request_person_id',
  ] as const)
    await db.schema.alterTable('close_out_requests').dropColumn(column).execute();
}
