/**
 * Supervision orders (督办单): the inspection office orders a unit to act on chosen measures or problems by a reply
 * deadline; the unit replies, the office closes the order or sends it back; interviews (约谈) are recorded against
 * it. Notifications gain a link, so a message can point at an order as well as at a measure.
 */
import { type Kysely, PostgresAdapter } from 'kysely';

// Migrations see the database as it was then, not as schema.ts says now.
type AnyDb = Kysely<Record<string, never>>;

/** Creates the tables. */
export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const table = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', pg ? 'serial' : 'integer', (c) =>
        pg ? c.primaryKey() : c.primaryKey().autoIncrement(),
      );
  await table('supervision_orders')
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('reply_deadline', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'integer', (c) => c.references('users.id'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('closed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('supervision_orders_unit_status')
    .on('supervision_orders')
    .columns(['unit_id', 'status'])
    .execute();
  await db.schema
    .createIndex('supervision_orders_status_deadline')
    .on('supervision_orders')
    .columns(['status', 'reply_deadline'])
    .execute();

  await table('supervision_order_items')
    .addColumn('order_id', 'integer', (c) => c.notNull().references('supervision_orders.id'))
    .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id'))
    .addColumn('problem_id', 'integer', (c) => c.references('problems.id'))
    .addColumn('measure_id', 'integer', (c) => c.references('measures.id'))
    .execute();
  await db.schema
    .createIndex('supervision_order_items_order')
    .on('supervision_order_items')
    .column('order_id')
    .execute();
  await db.schema
    .createIndex('supervision_order_items_measure')
    .on('supervision_order_items')
    .column('measure_id')
    .execute();

  await table('supervision_replies')
    .addColumn('order_id', 'integer', (c) => c.notNull().references('supervision_orders.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('replied_by', 'integer', (c) => c.references('users.id'))
    .addColumn('replied_at', 'text', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createIndex('supervision_replies_order')
    .on('supervision_replies')
    .column('order_id')
    .execute();

  await table('supervision_interviews')
    .addColumn('order_id', 'integer', (c) => c.notNull().references('supervision_orders.id'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('interviewee', 'text', (c) => c.notNull())
    .addColumn('interviewers', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supervision_interviews_order')
    .on('supervision_interviews')
    .column('order_id')
    .execute();

  await db.schema.alterTable('notifications').addColumn('link', 'text').execute();
}

/** Drops them. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('notifications').dropColumn('link').execute();
  for (const t of [
    'supervision_interviews',
    'supervision_replies',
    'supervision_order_items',
    'supervision_orders',
  ])
    await db.schema.dropTable(t).execute();
}
