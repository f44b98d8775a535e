/**
 * A ledger created by mistake: what work has been recorded on it since its import (only an untouched ledger may be
 * deleted), archiving and restoring it, and deleting it with the rows its import and the system wrote. Every check
 * is an EXISTS on indexed columns of the one inspection.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

/**
 * Rows of `table` (by its `measure_id`) on a measure of the inspection, as a join from the inspection's measures: an
 * `in (select …)` list of the measures, fourteen times in one statement, cost SQLite six times as much (0.7 ms).
 */
const onMeasuresOf = (table: string, id: number, condition = sql`1 = 1`) =>
  sql`select 1 from measures m join ${sql.table(table)} x on x.measure_id = m.id where m.inspection_id = ${id} and ${condition}`;

/** What has been recorded on a ledger since its import, each with its name in the UI. */
const TOUCHES: Array<{ label: string; exists: (id: number) => ReturnType<typeof sql> }> = [
  {
    label: '措施已修改或流转',
    exists: (id) => sql`select 1 from measures where inspection_id = ${id} and version > 1`,
  },
  {
    label: '已填报进展',
    exists: (id) => onMeasuresOf('progress_entries', id, sql`x.source <> 'import'`),
  },
  {
    label: '已上传佐证材料',
    exists: (id) => onMeasuresOf('evidence', id),
  },
  {
    label: '已有上传中的材料',
    exists: (id) => onMeasuresOf('staged_uploads', id),
  },
  {
    label: '已申请销号',
    exists: (id) => onMeasuresOf('close_out_requests', id),
  },
  {
    label: '已申请延期',
    exists: (id) => onMeasuresOf('extension_requests', id),
  },
  {
    label: '已有批示或评论',
    exists: (id) => onMeasuresOf('measure_comments', id),
  },
  { label: '已开展回头看', exists: (id) => sql`select 1 from lookbacks where inspection_id = ${id}` },
  {
    label: '已登记整改成效',
    exists: (id) =>
      sql`select 1 from outcome_rules where inspection_id = ${id} union all select 1 from outcome_money where inspection_id = ${id} union all select 1 from outcome_accountability where inspection_id = ${id}`,
  },
  {
    label: '整改方案已审批',
    exists: (id) => sql`select 1 from inspections where id = ${id} and plan_approved_at is not null`,
  },
  {
    label: '公告已修改或发布',
    exists: (id) =>
      sql`select 1 from announcements where inspection_id = ${id} and (status <> 'draft' or version > 1 or version_no > 1)`,
  },
  { label: '已印发月报', exists: (id) => sql`select 1 from monthly_reports where inspection_id = ${id}` },
  {
    label: '已列入督办单',
    exists: (id) => sql`select 1 from supervision_order_items where inspection_id = ${id}`,
  },
  {
    label: '已收到群众意见',
    exists: (id) =>
      sql`select 1 from problems p join opinions o on o.problem_id = p.id where p.inspection_id = ${id}`,
  },
];

/** The kinds of work recorded on the ledger since its import (empty: untouched). */
export async function ledgerTouches(db: Db, inspectionId: number): Promise<string[]> {
  const columns = TOUCHES.map((t, i) => sql`exists (${t.exists(inspectionId)}) as ${sql.ref(`t${i}`)}`);
  const result = await sql<Record<string, unknown>>`select ${sql.join(columns)}`.execute(db);
  const row = result.rows[0] ?? {};
  // PostgreSQL answers booleans, SQLite 0/1.
  return TOUCHES.filter((_, i) => row[`t${i}`] === true || Number(row[`t${i}`]) === 1).map((t) => t.label);
}

/** Sets or clears the archive mark when the version is still `version`; false when it changed. */
export async function setLedgerArchived(
  db: Db,
  inspectionId: number,
  version: number,
  mark: { archived_at: string | null; archived_by: number | null; archive_reason: string | null },
): Promise<boolean> {
  const r = await db
    .updateTable('inspections')
    .set({ ...mark, version: version + 1 })
    .where('id', '=', inspectionId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Deletes an untouched ledger: what the system wrote about it (reminders, notices, daily figures), what its import
 * wrote (progress, transitions, the announcement draft), then its measures, problems, categories and the inspection.
 * The audit entries stay: the chain is never rewritten.
 */
export async function deleteLedgerRows(db: Db, inspectionId: number): Promise<void> {
  const id = inspectionId;
  const measures = sql`(select m.id from measures m where m.inspection_id = ${id})`;
  await sql`delete from reminders where measure_id in ${measures}`.execute(db);
  await sql`delete from notifications where measure_id in ${measures}`.execute(db);
  await sql`delete from object_reminders where object_type = 'inspection' and object_id = ${id}`.execute(db);
  await sql`delete from inspection_daily_figures where inspection_id = ${id}`.execute(db);
  await sql`delete from state_transitions where measure_id in ${measures}`.execute(db);
  await sql`delete from progress_entries where measure_id in ${measures}`.execute(db);
  await sql`delete from announcements where inspection_id = ${id}`.execute(db);
  await sql`delete from measures where inspection_id = ${id}`.execute(db);
  // Sub-problems before the problems they belong to.
  await sql`delete from problems where inspection_id = ${id} and parent_id is not null`.execute(db);
  await sql`delete from problems where inspection_id = ${id}`.execute(db);
  await sql`delete from categories where inspection_id = ${id}`.execute(db);
  await sql`delete from inspections where id = ${id}`.execute(db);
}

/** Holds the inspection's row and its measures' rows for a deletion (PostgreSQL only: callers check the engine). */
export async function lockLedgerForDeletion(db: Db, inspectionId: number): Promise<void> {
  await db.selectFrom('inspections').select('id').where('id', '=', inspectionId).forUpdate().execute();
  await db
    .selectFrom('measures')
    .select('id')
    .where('inspection_id', '=', inspectionId)
    .forUpdate()
    .execute();
}

/** How many categories, problems and measures the ledger holds (for the audit entry of its deletion). */
export async function ledgerSize(
  db: Db,
  inspectionId: number,
): Promise<{ categories: number; problems: number; measures: number }> {
  const result = await sql<{
    categories: string | number;
    problems: string | number;
    measures: string | number;
  }>`
    select (select count(*) from categories where inspection_id = ${inspectionId}) as categories,
      (select count(*) from problems where inspection_id = ${inspectionId}) as problems,
      (select count(*) from measures where inspection_id = ${inspectionId}) as measures`.execute(db);
  const row = result.rows[0];
  return {
    categories: Number(row?.categories ?? 0),
    problems: Number(row?.problems ?? 0),
    measures: Number(row?.measures ?? 0),
  };
}
