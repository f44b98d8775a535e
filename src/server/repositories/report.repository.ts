/** Monthly reports (月报告): issued snapshots, and what happened in a month. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

/**
 * Progress written by users between two dates (inclusive), and state transitions of the inspection's measures
 * between two instants (`from` inclusive, `to` exclusive: the month in Beijing time).
 */
export async function monthActivity(
  db: Db,
  inspectionId: number,
  days: { from: string; to: string },
  instants: { from: string; to: string },
) {
  const [entries, transitions] = await Promise.all([
    db
      .selectFrom('progress_entries')
      .innerJoin('measures', 'measures.id', 'progress_entries.measure_id')
      .select('progress_entries.measure_id')
      .where('measures.inspection_id', '=', inspectionId)
      .where('progress_entries.source', '=', 'user')
      .where('progress_entries.entry_date', '>=', days.from)
      .where('progress_entries.entry_date', '<=', days.to)
      .execute(),
    db
      .selectFrom('state_transitions')
      .innerJoin('measures', 'measures.id', 'state_transitions.measure_id')
      .select(['state_transitions.to_state', 'state_transitions.action'])
      .where('measures.inspection_id', '=', inspectionId)
      .where('state_transitions.at', '>=', instants.from)
      .where('state_transitions.at', '<', instants.to)
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

/**
 * Each measure of the inspection as it stood just before `end` (an instant): its state then — the last transition
 * before, else the state the first later transition left, else its state now — and whether it existed yet.
 */
export async function measureStatesAsOf(db: Db, inspectionId: number, end: string) {
  return db
    .selectFrom('measures as m')
    .select((eb) => [
      'm.id',
      'm.state',
      'm.created_at',
      eb
        .selectFrom('state_transitions as t')
        .select('t.to_state')
        .whereRef('t.measure_id', '=', 'm.id')
        .where('t.at', '<', end)
        .orderBy('t.at', 'desc')
        .orderBy('t.id', 'desc')
        .limit(1)
        .as('state_before'),
      eb
        .selectFrom('state_transitions as t')
        .select('t.from_state')
        .whereRef('t.measure_id', '=', 'm.id')
        .where('t.at', '>=', end)
        .orderBy('t.at', 'asc')
        .orderBy('t.id', 'asc')
        .limit(1)
        .as('state_left_later'),
    ])
    .where('m.inspection_id', '=', inspectionId)
    .execute();
}
