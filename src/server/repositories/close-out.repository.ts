/** Close-out requests (销号申请), the evidence they cover, and what waits for review. */
import type { Insertable, Kysely, Updateable } from 'kysely';
import { CLOSE_OUT_STAGES, STAGE_REVIEWERS } from '@shared/measure-state.ts';
import type { CloseOutRequestTable, Database, EvidenceTable } from '../db/schema.ts';
import { inScope, type TUnitScope } from './scope.ts';

type Db = Kysely<Database>;

/** The pending close-out request of a measure, if any. */
export async function pendingCloseOut(db: Db, measureId: number) {
  return db
    .selectFrom('close_out_requests')
    .selectAll()
    .where('measure_id', '=', measureId)
    .where('outcome', '=', 'pending')
    .executeTakeFirst();
}

/** Inserts a close-out request. */
export async function insertCloseOutRequest(db: Db, r: Insertable<CloseOutRequestTable>): Promise<void> {
  await db.insertInto('close_out_requests').values(r).execute();
}

/** Records a step (review, approval, confirmation, send-back) on a request. */
export async function updateCloseOutRequest(
  db: Db,
  id: number,
  patch: Updateable<CloseOutRequestTable>,
): Promise<void> {
  await db.updateTable('close_out_requests').set(patch).where('id', '=', id).execute();
}

/** The pending close-out requests of measures in scope waiting at a stage this reader reviews (`STAGE_REVIEWERS`). */
function pendingForReader(db: Db, scope: TUnitScope, who: { personId: number | null; role: string }) {
  return db
    .selectFrom('close_out_requests')
    .innerJoin('measures', 'measures.id', 'close_out_requests.measure_id')
    .innerJoin('inspections', 'inspections.id', 'measures.inspection_id')
    .where('close_out_requests.outcome', '=', 'pending')
    .where(inScope('inspections.unit_id', scope))
    .where('inspections.archived_at', 'is', null)
    .where((eb) =>
      eb.or(
        CLOSE_OUT_STAGES.flatMap((stage) => {
          const r = STAGE_REVIEWERS[stage];
          const at = eb('close_out_requests.stage', '=', stage);
          if (r.by === 'role') return who.role === r.role ? [at] : [];
          return who.personId === null ? [] : [eb.and([at, eb('measures.leader_id', '=', who.personId)])];
        }),
      ),
    );
}

/** Those requests, oldest first, at most `limit`, with what the queue shows. */
export async function pendingCloseOutsInScope(
  db: Db,
  scope: TUnitScope,
  who: { personId: number | null; role: string },
  limit: number,
) {
  return pendingForReader(db, scope, who)
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
    .orderBy('close_out_requests.requested_at')
    .limit(limit)
    .execute();
}

/** How many of those requests there are. */
export async function countPendingCloseOutsInScope(
  db: Db,
  scope: TUnitScope,
  who: { personId: number | null; role: string },
): Promise<number> {
  const row = await pendingForReader(db, scope, who)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The SHA-256 of a measure's evidence, sorted: what an approval covers. */
export async function evidenceHashes(db: Db, measureId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('evidence')
    .select('sha256')
    .where('measure_id', '=', measureId)
    .orderBy('sha256')
    .execute();
  return rows.map((r) => r.sha256);
}

/** Inserts an evidence file's record and returns the id. */
export async function insertEvidence(db: Db, e: Insertable<EvidenceTable>): Promise<number> {
  const row = await db.insertInto('evidence').values(e).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** An evidence record by id. */
export async function getEvidence(db: Db, id: number) {
  return db.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst();
}
