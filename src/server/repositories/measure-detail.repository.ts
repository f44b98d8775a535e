/**
 * One measure's detail in one query: the measure in scope with where it belongs (unit and inspection flags, problem,
 * category, the names of its department, leader and responsible person, evidence present) and every record about it
 * (progress, transitions, comments, evidence, the latest close-out request, extension requests, look-backs and the
 * latest reminders), each record list a JSON array built by the database from its own index. One statement instead
 * of ten: on PostgreSQL each statement is a round trip, and the detail is the page read most often.
 */
import { type Kysely, PostgresAdapter } from 'kysely';
import { jsonArrayFrom as pgArray, jsonObjectFrom as pgObject } from 'kysely/helpers/postgres';
import { jsonArrayFrom as liteArray, jsonObjectFrom as liteObject } from 'kysely/helpers/sqlite';
import type { Database } from '../db/schema.ts';
import { commentsOf, measuresWithPlace, progressOf, transitionsOf } from './measure.repository.ts';
import { remindersOf } from './reminder.repository.ts';
import { preparedQuery } from './prepared.ts';
import { inScopeOf, scopeBounds, scopeShape, type TScopeShape, type TUnitScope } from './scope.ts';

type Db = Kysely<Database>;

/** How many of the latest reminders the detail shows. */
export const DETAIL_REMINDERS = 20;

/** The engine's JSON helpers: the same subqueries as a JSON array (or object) column. */
function jsonHelpers(db: Db): { array: typeof liteArray; object: typeof liteObject } {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  // PostgreSQL's helpers take any expression, SQLite's a select with explicit columns: the narrower type serves both.
  return pg ? { array: pgArray, object: pgObject } : { array: liteArray, object: liteObject };
}

/** A JSON column as the driver returns it: parsed by PostgreSQL's driver, text from SQLite. */
function parsed<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

/** What one measure's detail is read by: the measure and the scope's path range (see scope.ts). */
type TDetailValues = { id: number; scopeFrom: string; scopeTo: string };

/** The query of one measure's detail (see the module's comment). */
function detailQuery(db: Db, { id, ...bounds }: TDetailValues, shape: TScopeShape) {
  const json = jsonHelpers(db);
  return measuresWithPlace(db)
    .select((eb) => [
      json.array(progressOf(db, id)).as('progress_json'),
      json.array(transitionsOf(db, id)).as('transitions_json'),
      json.array(commentsOf(db, id)).as('comments_json'),
      json
        .array(
          eb
            .selectFrom('evidence')
            .leftJoin('users', 'users.id', 'evidence.uploaded_by')
            .select([
              'evidence.id',
              'evidence.file_name',
              'evidence.mime',
              'evidence.size',
              'evidence.sha256',
              'evidence.sm3',
              'evidence.documented_date',
              'evidence.uploaded_at',
              'evidence.progress_entry_id',
              'evidence.original_sha256',
              'users.display_name as uploader_name',
            ])
            .where('evidence.measure_id', '=', id)
            .orderBy('evidence.id'),
        )
        .as('evidence_json'),
      json
        .object(
          eb
            .selectFrom('close_out_requests')
            .leftJoin('users as rq', 'rq.id', 'close_out_requests.requested_by')
            .leftJoin('users as lr', 'lr.id', 'close_out_requests.leader_reviewed_by')
            .leftJoin('users as ap', 'ap.id', 'close_out_requests.approved_by')
            .leftJoin('users as cf', 'cf.id', 'close_out_requests.confirmed_by')
            .select([
              'close_out_requests.id',
              'close_out_requests.stage',
              'close_out_requests.outcome',
              'close_out_requests.summary',
              'close_out_requests.reason',
              'close_out_requests.measure_version',
              'close_out_requests.evidence_hashes',
              'close_out_requests.requested_at',
              'close_out_requests.leader_reviewed_at',
              'close_out_requests.leader_opinion',
              'close_out_requests.approved_at',
              'close_out_requests.approval_opinion',
              'close_out_requests.confirmed_at',
              'close_out_requests.confirmation_opinion',
              'close_out_requests.office_required',
              'rq.display_name as requester_name',
              'lr.display_name as reviewer_name',
              'ap.display_name as approver_name',
              'cf.display_name as confirmer_name',
            ])
            .where('close_out_requests.measure_id', '=', id)
            .orderBy('close_out_requests.id', 'desc')
            .limit(1),
        )
        .as('close_out_json'),
      json
        .array(
          eb
            .selectFrom('extension_requests')
            .leftJoin('users', 'users.id', 'extension_requests.requested_by')
            .select([
              'extension_requests.id',
              'extension_requests.new_deadline',
              'extension_requests.new_is_standing',
              'extension_requests.new_content',
              'extension_requests.reason',
              'extension_requests.status',
              'extension_requests.was_overdue',
              'extension_requests.deadline_at_request',
              'extension_requests.requested_at',
              'extension_requests.decided_at',
              'extension_requests.decision_note',
              'users.display_name as requester_name',
            ])
            .where('extension_requests.measure_id', '=', id)
            .orderBy('extension_requests.id'),
        )
        .as('extensions_json'),
      json
        .array(
          eb
            .selectFrom('lookback_items')
            .innerJoin('lookbacks', 'lookbacks.id', 'lookback_items.lookback_id')
            .select([
              'lookback_items.id',
              'lookbacks.scheduled_date',
              'lookbacks.checkers',
              'lookback_items.result',
              'lookback_items.note',
              'lookback_items.checked_at',
            ])
            .where('lookback_items.measure_id', '=', id)
            .orderBy('lookback_items.id'),
        )
        .as('lookbacks_json'),
      json.array(remindersOf(db, id, DETAIL_REMINDERS)).as('reminders_json'),
    ])
    .where('measures.id', '=', id)
    .where(inScopeOf('inspections.unit_id', shape, bounds));
}

/** The detail's query, built once per engine and form of scope: the page read most often (prepared.ts). */
const detailStatement = preparedQuery(detailQuery, (shape: TScopeShape) => shape);

/** Sorted by a key, as the query orders them (a JSON aggregate keeps its subquery's order; this makes it sure). */
function by<T>(rows: T[], key: (row: T) => string | number, descending = false): T[] {
  return [...rows].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    const order = x < y ? -1 : x > y ? 1 : 0;
    return descending ? -order : order;
  });
}

/**
 * One measure in the actor's scope with everything its detail shows, or undefined outside the scope: `m` is the
 * measure with its names and flags, `records` its records, `reminders` the latest reminders, newest first.
 */
export async function readMeasureDetailRow(db: Db, id: number, scope: TUnitScope) {
  const [row] = await detailStatement(db, { id, ...scopeBounds(scope) }, scopeShape(scope));
  if (row === undefined) return undefined;
  const {
    progress_json,
    transitions_json,
    comments_json,
    evidence_json,
    close_out_json,
    extensions_json,
    lookbacks_json,
    reminders_json,
    ...m
  } = row;
  const progress = by(
    parsed(progress_json),
    (p) => `${p.entry_date} ${String(p.id).padStart(12, '0')}`,
    true,
  );
  const records = {
    problem: { id: m.problem_id, number: m.problem_number, title: m.problem_title },
    category: { id: m.category_id, title: m.category_title },
    progress,
    transitions: by(parsed(transitions_json), (t) => t.id),
    comments: by(parsed(comments_json), (c) => c.id),
    evidence: by(parsed(evidence_json), (e) => e.id),
    closeOut: parsed(close_out_json) ?? undefined,
    extensions: by(parsed(extensions_json), (x) => x.id),
    lookbacks: by(parsed(lookbacks_json), (l) => l.id),
  };
  return { m, records, reminders: by(parsed(reminders_json), (r) => r.id, true) };
}

/** A measure as its detail reads it. */
export type TMeasureForDetail = NonNullable<Awaited<ReturnType<typeof readMeasureDetailRow>>>['m'];

/** The records of one measure's detail page. */
export type TMeasureDetailRecords = NonNullable<Awaited<ReturnType<typeof readMeasureDetailRow>>>['records'];
