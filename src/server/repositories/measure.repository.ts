/** Measures, their progress entries and state transitions. */
import { type Insertable, type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { TMeasureState, TSixClarities } from '@shared/domain.ts';
import { awaitsCloseOutDecision, type TCloseOutChain } from '@shared/measure-state.ts';
import type {
  Database,
  MeasureRow,
  MeasureUpdate,
  NewMeasure,
  ProgressEntryRow,
  ProgressEntryTable,
  StateTransitionRow,
} from '../db/schema.ts';
import { inScope, type TUnitScope } from './scope.ts';

type Db = Kysely<Database>;

/** The six clarities of a stored measure, in domain terms. */
export function sixClaritiesOf(m: MeasureRow): TSixClarities {
  return {
    task: m.task,
    content: m.content,
    departmentId: m.department_id,
    leaderId: m.leader_id,
    personId: m.person_id,
    deadline: m.deadline,
    isStanding: m.is_standing === 1,
  };
}

/** A measure with the unit it belongs to. */
export type TMeasureWithUnit = MeasureRow & { unit_id: number; inspection_archived_at: string | null };

/** One measure, if its inspection's unit is in scope. */
export async function getMeasure(
  db: Db,
  id: number,
  scope: TUnitScope,
  options: { lock?: boolean } = {},
): Promise<TMeasureWithUnit | undefined> {
  const query = db
    .selectFrom('measures')
    .innerJoin('inspections', 'inspections.id', 'measures.inspection_id')
    .selectAll('measures')
    .select(['inspections.unit_id', 'inspections.archived_at as inspection_archived_at'])
    .where('measures.id', '=', id)
    .where(inScope('inspections.unit_id', scope));
  // PostgreSQL: the measure's row (not its inspection's) is held until commit by a write.
  return (
    options.lock === true ? query.modifyEnd(sql`for no key update of measures`) : query
  ).executeTakeFirst();
}

/** Measures of an inspection, in order. */
export async function listMeasures(db: Db, inspectionId: number): Promise<MeasureRow[]> {
  return db
    .selectFrom('measures')
    .selectAll()
    .where('inspection_id', '=', inspectionId)
    .orderBy('problem_id')
    .orderBy('ordinal')
    .orderBy('id')
    .execute();
}

/** Inserts a measure and returns the id. */
export async function insertMeasure(db: Db, m: NewMeasure): Promise<number> {
  const row = await db.insertInto('measures').values(m).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The next ordinal among a problem's measures. */
export async function nextMeasureOrdinal(db: Db, problemId: number): Promise<number> {
  const row = await db
    .selectFrom('measures')
    .select((eb) => eb.fn.max<number | null>('ordinal').as('max'))
    .where('problem_id', '=', problemId)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

/**
 * Updates a measure only if it is still at `version` (optimistic locking) and bumps the version.
 * Returns false when someone else changed it first.
 */
export async function updateMeasureAtVersion(
  db: Db,
  id: number,
  version: number,
  patch: MeasureUpdate,
): Promise<boolean> {
  const result = await db
    .updateTable('measures')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Inserts a progress entry and returns the id. */
export async function insertProgressEntry(
  db: Db,
  e: Insertable<ProgressEntryTable>,
  { touchMeasure = true }: { touchMeasure?: boolean } = {},
): Promise<number> {
  const row = await db.insertInto('progress_entries').values(e).returning('id').executeTakeFirstOrThrow();
  // The measure keeps the latest entry's date (the warning colour of standing work is computed from it in SQL);
  // a caller that updates the measure itself in the same transaction writes it there instead.
  if (!touchMeasure) return row.id;
  await db
    .updateTable('measures')
    .set({ last_progress_date: e.entry_date })
    .where('id', '=', e.measure_id)
    .where((eb) => eb.or([eb('last_progress_date', 'is', null), eb('last_progress_date', '<', e.entry_date)]))
    .execute();
  return row.id;
}

/** A progress entry by id. */
export async function getProgressEntry(db: Db, id: number): Promise<ProgressEntryRow | undefined> {
  return db.selectFrom('progress_entries').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts a comment on a measure and returns the id. */
export async function insertComment(
  db: Db,
  c: { measure_id: number; author_id: number | null; text: string; created_at: string },
): Promise<number> {
  const row = await db.insertInto('measure_comments').values(c).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Records a state transition. */
export async function insertTransition(db: Db, t: Omit<StateTransitionRow, 'id'>): Promise<void> {
  await db.insertInto('state_transitions').values(t).execute();
}

/** Flags an inspection's measures as carrying demo assignments. */
export async function markMeasuresDemo(db: Db, inspectionId: number): Promise<void> {
  await db.updateTable('measures').set({ is_demo: 1 }).where('inspection_id', '=', inspectionId).execute();
}

/**
 * Progress entries of a measure with their authors, newest first — as a query (the detail reads it as a JSON array
 * of its own statement; explicit columns, as SQLite's JSON objects need).
 */
export function progressOf(db: Db, measureId: number) {
  return db
    .selectFrom('progress_entries')
    .leftJoin('users', 'users.id', 'progress_entries.created_by')
    .select([
      'progress_entries.id',
      'progress_entries.entry_date',
      'progress_entries.text',
      'progress_entries.created_by',
      'progress_entries.created_at',
      'progress_entries.source',
      'progress_entries.edited_at',
      'progress_entries.withdrawn_at',
      'users.display_name as author_name',
    ])
    .where('progress_entries.measure_id', '=', measureId)
    .orderBy('progress_entries.entry_date', 'desc')
    .orderBy('progress_entries.id', 'desc');
}

/** Transitions of a measure with their actors, oldest first, as a query. */
export function transitionsOf(db: Db, measureId: number) {
  return db
    .selectFrom('state_transitions')
    .leftJoin('users', 'users.id', 'state_transitions.actor_id')
    .select([
      'state_transitions.id',
      'state_transitions.action',
      'state_transitions.from_state',
      'state_transitions.to_state',
      'state_transitions.reason',
      'state_transitions.at',
      'users.display_name as actor_name',
    ])
    .where('state_transitions.measure_id', '=', measureId)
    .orderBy('state_transitions.id');
}

/** Comments on a measure with their authors, oldest first, as a query. */
export function commentsOf(db: Db, measureId: number) {
  return db
    .selectFrom('measure_comments')
    .leftJoin('users', 'users.id', 'measure_comments.author_id')
    .select([
      'measure_comments.id',
      'measure_comments.text',
      'measure_comments.created_at',
      'users.display_name as author_name',
      'users.role as author_role',
    ])
    .where('measure_comments.measure_id', '=', measureId)
    .orderBy('measure_comments.id');
}

/**
 * Measures with where they belong and who carries them, by name — unit, inspection (its flags), problem, category,
 * department, leader, responsible person — and whether they have evidence: what the search's rows and a measure's
 * detail both show. Callers add their conditions.
 */
export function measuresWithPlace(db: Db) {
  return db
    .selectFrom('measures')
    .innerJoin('inspections', 'inspections.id', 'measures.inspection_id')
    .innerJoin('units', 'units.id', 'inspections.unit_id')
    .innerJoin('problems', 'problems.id', 'measures.problem_id')
    .innerJoin('categories', 'categories.id', 'problems.category_id')
    .leftJoin('departments', 'departments.id', 'measures.department_id')
    .leftJoin('people as leader', 'leader.id', 'measures.leader_id')
    .leftJoin('people as person', 'person.id', 'measures.person_id')
    .selectAll('measures')
    .select([
      'inspections.unit_id',
      'units.name as unit_name',
      'inspections.title as inspection_title',
      'inspections.kind as inspection_kind',
      'inspections.round as inspection_round',
      'inspections.plan_approved_at',
      'inspections.requires_office_confirmation',
      'inspections.archived_at as inspection_archived_at',
      'problems.number as problem_number',
      'problems.title as problem_title',
      'problems.category_id',
      'categories.title as category_title',
      'departments.name as department_name',
      'leader.name as leader_name',
      'person.name as person_name',
    ])
    .select(HAS_EVIDENCE.as('has_evidence'));
}

/** A measure's flags the close-out rules read, as a row query selects them. */
export type TCloseOutFlags = {
  id: number;
  last_progress_date: string | null;
  requires_office_confirmation: number;
  has_evidence: number | string;
};

/** The pending close-out requests of the measures `ids` selects. */
function pendingCloseOuts(db: Db, ids: SelectQueryBuilder<Database, 'measures', { id: number }>) {
  return db
    .selectFrom('close_out_requests')
    .select([
      'measure_id',
      'stage',
      'requested_by',
      'request_person_id',
      'leader_reviewed_by',
      'leader_person_id',
      'approved_by',
      'approver_person_id',
      'office_required',
    ])
    .where('measure_id', 'in', ids)
    .where('outcome', '=', 'pending')
    .execute();
}

/** The close-out facts of measures from their flags and their pending requests. */
function factsOf(flags: readonly TCloseOutFlags[], pending: Awaited<ReturnType<typeof pendingCloseOuts>>) {
  const who = (userId: number | null, personId: number | null) =>
    userId === null && personId === null ? null : { userId, personId };
  const requests = new Map(pending.map((p) => [p.measure_id, p]));
  const byMeasure = new Map(flags.map((f) => [f.id, f]));
  return (id: number) => {
    const f = byMeasure.get(id);
    const p = requests.get(id);
    const chain: TCloseOutChain | null =
      p === undefined
        ? null
        : {
            requester: who(p.requested_by, p.request_person_id),
            reviewer: who(p.leader_reviewed_by, p.leader_person_id),
            approver: who(p.approved_by, p.approver_person_id),
            officeRequired: p.office_required === 1,
          };
    return {
      hasEvidence: Number(f?.has_evidence ?? 0) === 1,
      stage: p?.stage ?? null,
      chain,
      requiresOfficeConfirmation: f?.requires_office_confirmation === 1,
      lastProgressDate: f?.last_progress_date ?? null,
    };
  };
}

/** Whether a measure has evidence (1) or not (0), as a column of a query on `measures`. */
export const HAS_EVIDENCE = sql<number>`case when exists (select 1 from evidence where evidence.measure_id = measures.id) then 1 else 0 end`;

/** Evidence present, the pending close-out stage, the office-confirmation flag and last progress of one measure. */
export async function closeOutFacts(db: Db, which: { measureId: number }) {
  const ids = db.selectFrom('measures').select('measures.id').where('measures.id', '=', which.measureId);
  // The pending request, and for the measure: evidence present, the inspection's office confirmation and the last
  // progress date (kept on the measure by the one statement that records progress).
  const [pending, flags] = await Promise.all([
    pendingCloseOuts(db, ids),
    db
      .selectFrom('measures')
      .innerJoin('inspections', 'inspections.id', 'measures.inspection_id')
      .select(['measures.id', 'measures.last_progress_date', 'inspections.requires_office_confirmation'])
      .select(HAS_EVIDENCE.as('has_evidence'))
      .where('measures.id', '=', which.measureId)
      .execute(),
  ]);
  return factsOf(flags, pending);
}

/**
 * The close-out facts of a page of rows that carry their flags (read with the rows): only the pending requests are
 * read, and only when some row awaits a close-out decision (a pending request is what puts a measure in that state).
 */
export async function closeOutFactsOfRows(
  db: Db,
  rows: ReadonlyArray<TCloseOutFlags & { state: TMeasureState }>,
) {
  const waiting = rows.filter((r) => awaitsCloseOutDecision(r.state)).map((r) => r.id);
  const pending =
    waiting.length === 0
      ? []
      : await pendingCloseOuts(
          db,
          db.selectFrom('measures').select('measures.id').where('measures.id', 'in', waiting),
        );
  return factsOf(rows, pending);
}

/**
 * Whether some active account other than the excluded people can act as this measure's leader (an account of the
 * leader person) and as a principal of the unit: when none can, the close-out chain skips to the inspection office.
 */
export async function closeOutCandidates(
  db: Db,
  m: { unit_id: number; leader_id: number | null },
  excluded: Array<{ userId: number | null; personId: number | null }>,
): Promise<{ leader: boolean; principal: boolean }> {
  const userIds = excluded.flatMap((e) => (e.userId === null ? [] : [e.userId]));
  const personIds = excluded.flatMap((e) => (e.personId === null ? [] : [e.personId]));
  const activeUsers = () => db.selectFrom('users').select('id').where('is_active', '=', 1);
  const others = (q: ReturnType<typeof activeUsers>) => {
    let r = q;
    if (userIds.length > 0) r = r.where('id', 'not in', userIds);
    if (personIds.length > 0)
      r = r.where((eb) => eb.or([eb('person_id', 'is', null), eb('person_id', 'not in', personIds)]));
    return r;
  };
  const leader =
    m.leader_id === null || personIds.includes(m.leader_id)
      ? undefined
      : await others(activeUsers().where('person_id', '=', m.leader_id)).executeTakeFirst();
  const principal = await others(
    activeUsers().where('role', '=', 'principal').where('unit_id', '=', m.unit_id),
  ).executeTakeFirst();
  return { leader: leader !== undefined, principal: principal !== undefined };
}

/** Marks the pending close-out request of a measure void, with the reason. */
export async function voidPendingCloseOut(db: Db, measureId: number, reason: string): Promise<void> {
  await db
    .updateTable('close_out_requests')
    .set({ outcome: 'invalidated', reason })
    .where('measure_id', '=', measureId)
    .where('outcome', '=', 'pending')
    .execute();
}

/**
 * The measures of an inspection that carry a record of work (user progress, evidence, comments, close-out or
 * extension requests, look-back items, notifications and reminders, outcomes): an import never deletes them.
 */
export async function measuresWithRecords(db: Db, inspectionId: number): Promise<Set<number>> {
  const ofInspection = db.selectFrom('measures').select('id').where('inspection_id', '=', inspectionId);
  const tables = [
    'evidence',
    'measure_comments',
    'close_out_requests',
    'extension_requests',
    'lookback_items',
    'notifications',
    'reminders',
    'outcome_rules',
    'outcome_money',
    'outcome_accountability',
  ] as const;
  const rows = await Promise.all([
    ...tables.map((t) =>
      db
        .selectFrom(t)
        .select(`${t}.measure_id as id`)
        .where(`${t}.measure_id`, 'in', ofInspection)
        .distinct()
        .execute(),
    ),
    db
      .selectFrom('progress_entries')
      .select('measure_id as id')
      .where('source', '=', 'user')
      .where('measure_id', 'in', ofInspection)
      .distinct()
      .execute(),
  ]);
  return new Set(rows.flat().flatMap((r) => (r.id === null ? [] : [r.id])));
}

/**
 * Deletes a measure that a re-import dropped, with its transitions and imported progress. Only for a measure
 * without records of its own (see `measuresWithRecords`): anything a user recorded keeps it from being deleted.
 */
export async function deleteImportedMeasure(db: Db, measureId: number): Promise<void> {
  await db.deleteFrom('state_transitions').where('measure_id', '=', measureId).execute();
  await db
    .deleteFrom('progress_entries')
    .where('measure_id', '=', measureId)
    .where('source', '=', 'import')
    .execute();
  await db.deleteFrom('measures').where('id', '=', measureId).execute();
}
