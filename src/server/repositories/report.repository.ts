/** Monthly reports (月报告): issued snapshots, and what happened in a month. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

/** Progress written by users and state transitions of an inspection's measures between two dates (inclusive). */
export async function monthActivity(db: Db, inspectionId: number, from: string, to: string) {
  const [entries, transitions] = await Promise.all([
    db
      .selectFrom('progress_entries')
      .innerJoin('measures', 'measures.id', 'progress_entries.measure_id')
      .select('progress_entries.measure_id')
      .where('measures.inspection_id', '=', inspectionId)
      .where('progress_entries.source', '=', 'user')
      .where('progress_entries.entry_date', '>=', from)
      .where('progress_entries.entry_date', '<=', to)
      .execute(),
    db
      .selectFrom('state_transitions')
      .innerJoin('measures', 'measures.id', 'state_transitions.measure_id')
      .select(['state_transitions.to_state', 'state_transitions.action'])
      .where('measures.inspection_id', '=', inspectionId)
      .where('state_transitions.at', '>=', `${from}T00:00:00`)
      .where('state_transitions.at', '<=', `${to}T23:59:59.999Z`)
      .execute(),
  ]);
  return { entries, transitions };
}

/** The issued report of a month, if any. */
export async function issuedReport(db: Db, inspectionId: number, month: string) {
  return db
    .selectFrom('monthly_reports')
    .selectAll()
    .where('inspection_id', '=', inspectionId)
    .where('month', '=', month)
    .executeTakeFirst();
}

/** Stores an issued report; returns its id. */
export async function insertMonthlyReport(
  db: Db,
  r: {
    inspection_id: number;
    month: string;
    summary: string;
    snapshot_json: string;
    issued_by: number | null;
    issued_at: string;
  },
): Promise<number> {
  return (await db.insertInto('monthly_reports').values(r).returning('id').executeTakeFirstOrThrow()).id;
}

/** Issued reports of an inspection, newest month first. */
export async function monthlyReportsOf(db: Db, inspectionId: number) {
  return db
    .selectFrom('monthly_reports')
    .select(['id', 'month', 'issued_at', 'summary'])
    .where('inspection_id', '=', inspectionId)
    .orderBy('month', 'desc')
    .execute();
}
