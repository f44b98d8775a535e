/** Records a progress entry; the latest entry's text becomes the measure's current progress. */
import type { Kysely } from 'kysely';
import type { TRecordProgressRequest } from '@shared/api.ts';
import { decideTransition } from '@shared/measure-state.ts';

import { todayInChina } from '@shared/chinese.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';

import { insertProgressEntry, listProgress } from '../../repositories/measure.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { applyTransition } from './apply-transition.ts';
import { loadMeasureFor } from './measure-snapshot.ts';
import { transitionContext } from './transition-context.ts';

/** Options for `recordProgress`. */
export type TRecordProgressOptions = {
  db: Kysely<Database>;
  actor: TActor;
  measureId: number;
  input: TRecordProgressRequest;
};

/** Adds the entry; a 未启动 measure with all six clarities moves to 推进中. Returns the new version. */
export async function recordProgress({
  db,
  actor,
  measureId,
  input,
}: TRecordProgressOptions): Promise<number> {
  return inTransaction(db, async (trx) => {
    const m = await loadMeasureFor(trx, actor, measureId, 'measure.record_progress', input.version);
    if (input.entryDate > todayInChina()) throw new AppError('UNPROCESSABLE', '进展日期不能晚于今天');
    const from = m.state;
    const decision = decideTransition(from, 'record_progress', await transitionContext(trx, actor, m));
    if (!decision.ok) throw new AppError('UNPROCESSABLE', decision.reason);
    const at = nowIso();
    await insertProgressEntry(trx, {
      measure_id: measureId,
      entry_date: input.entryDate,
      text: input.text,
      created_by: actor.userId,
      created_at: at,
      source: 'user',
    });
    // The measure's progress is the text of the entry with the latest date.
    const latest = (await listProgress(trx, measureId))[0];
    return applyTransition(trx, actor, m, {
      action: 'record_progress',
      from,
      to: decision.to,
      reason: null,
      patch: { progress: latest?.text ?? input.text },
      audit: {
        kind: 'measure.progress_recorded',
        before: { state: from },
        after: { state: decision.to, entryDate: input.entryDate, text: input.text },
      },
      at,
    });
  });
}
