/** What one measure's detail shows beyond the measure: its problem and category, evidence, close-out, requests. */
import type { Kysely } from 'kysely';
import type { Database, MeasureRow } from '../db/schema.ts';
import { listComments, listProgress, listTransitions } from './measure.repository.ts';

type Db = Kysely<Database>;

/** Every record of one measure's detail page. */
export async function measureDetailRecords(db: Db, m: Pick<MeasureRow, 'id' | 'problem_id'>) {
  const measureId = m.id;
  const problem = await db
    .selectFrom('problems')
    .selectAll()
    .where('id', '=', m.problem_id)
    .executeTakeFirstOrThrow();
  const [category, progress, transitions, comments, evidence, closeOut, extensions, lookbacks] =
    await Promise.all([
      db.selectFrom('categories').selectAll().where('id', '=', problem.category_id).executeTakeFirstOrThrow(),
      listProgress(db, measureId),
      listTransitions(db, measureId),
      listComments(db, measureId),
      db
        .selectFrom('evidence')
        .leftJoin('users', 'users.id', 'evidence.uploaded_by')
        .selectAll('evidence')
        .select('users.display_name as uploader_name')
        .where('measure_id', '=', measureId)
        .orderBy('evidence.id')
        .execute(),
      db
        .selectFrom('close_out_requests')
        .leftJoin('users as rq', 'rq.id', 'close_out_requests.requested_by')
        .leftJoin('users as lr', 'lr.id', 'close_out_requests.leader_reviewed_by')
        .leftJoin('users as ap', 'ap.id', 'close_out_requests.approved_by')
        .leftJoin('users as cf', 'cf.id', 'close_out_requests.confirmed_by')
        .selectAll('close_out_requests')
        .select([
          'rq.display_name as requester_name',
          'lr.display_name as reviewer_name',
          'ap.display_name as approver_name',
          'cf.display_name as confirmer_name',
        ])
        .where('measure_id', '=', measureId)
        .orderBy('close_out_requests.id', 'desc')
        .executeTakeFirst(),
      db
        .selectFrom('extension_requests')
        .leftJoin('users', 'users.id', 'extension_requests.requested_by')
        .selectAll('extension_requests')
        .select('users.display_name as requester_name')
        .where('measure_id', '=', measureId)
        .orderBy('extension_requests.id')
        .execute(),
      db
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
        .where('lookback_items.measure_id', '=', measureId)
        .orderBy('lookback_items.id')
        .execute(),
    ]);
  return { problem, category, progress, transitions, comments, evidence, closeOut, extensions, lookbacks };
}

/** The records `measureDetailRecords` reads. */
export type TMeasureDetailRecords = Awaited<ReturnType<typeof measureDetailRecords>>;
