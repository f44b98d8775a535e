/**
 * The author of a progress entry corrects it (date, text) or withdraws it (with its files) within the correction
 * window (`shared/progress.ts`), while the measure may still take progress (the state machine's `record_progress`:
 * not during a 销号 review, not once closed). A withdrawn entry stays, marked, and is no longer the measure's progress;
 * its files are no longer evidence (the audit entry keeps their names and hashes) unless a 销号 request was
 * submitted with them, in which case the withdrawal is refused. Each change is audited with before and after.
 */
import type { Kysely } from 'kysely';
import type { TCorrectProgressRequest, TWithdrawProgressRequest } from '@shared/api.ts';
import { todayInChina } from '@shared/chinese.ts';
import { decideTransition } from '@shared/measure-state.ts';
import { correctionRefusal } from '@shared/progress.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { getProgressEntry, type TMeasureWithUnit } from '../../repositories/measure.repository.ts';
import {
  closeOutEvidenceHashes,
  currentProgressOf,
  deleteEvidence,
  evidenceOfEntry,
  updateProgressEntry,
} from '../../repositories/progress.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { applyTransition } from './apply-transition.ts';
import { loadMeasureFor } from './measure-snapshot.ts';
import { transitionContext } from './transition-context.ts';

type TOptions<I> = { db: Kysely<Database>; actor: TActor; measureId: number; entryId: number; input: I };

/** Loads the measure and the entry, and refuses what the rules refuse. */
async function entryFor(
  trx: Kysely<Database>,
  actor: TActor,
  measureId: number,
  entryId: number,
  version: number,
) {
  const m = await loadMeasureFor(trx, actor, measureId, 'measure.record_progress', version);
  const entry = await getProgressEntry(trx, entryId);
  if (!entry || entry.measure_id !== measureId) throw new AppError('NOT_FOUND', '进展记录不存在');
  const refusal = correctionRefusal(
    {
      createdBy: entry.created_by,
      createdAt: entry.created_at,
      source: entry.source,
      withdrawnAt: entry.withdrawn_at,
    },
    actor.userId,
    new Date(),
  );
  if (refusal !== null)
    throw new AppError(refusal.startsWith('只有') ? 'FORBIDDEN' : 'UNPROCESSABLE', refusal);
  const decision = decideTransition(m.state, 'record_progress', await transitionContext(trx, actor, m));
  if (!decision.ok) throw new AppError('UNPROCESSABLE', decision.reason);
  return { m, entry };
}

/** The measure's progress text and date after its entries changed, written with a new version. */
async function refreshMeasure(
  trx: Kysely<Database>,
  actor: TActor,
  m: TMeasureWithUnit,
  audit: {
    kind: 'measure.progress_corrected' | 'measure.progress_withdrawn';
    before: unknown;
    after: unknown;
  },
  at: string,
): Promise<number> {
  const now = await currentProgressOf(trx, m.id);
  return applyTransition(trx, actor, m, {
    action: 'record_progress',
    from: m.state,
    to: m.state,
    reason: null,
    patch: { progress: now.text, last_progress_date: now.date },
    audit,
    at,
  });
}

/** Corrects the entry's date and text; returns the measure's new version. */
export async function correctProgress(o: TOptions<TCorrectProgressRequest>): Promise<number> {
  if (o.input.entryDate > todayInChina()) throw new AppError('UNPROCESSABLE', '进展日期不能晚于今天');
  return inTransaction(o.db, async (trx) => {
    const { m, entry } = await entryFor(trx, o.actor, o.measureId, o.entryId, o.input.version);
    if (entry.text === o.input.text && entry.entry_date === o.input.entryDate)
      throw new AppError('UNPROCESSABLE', '内容没有变化');
    const at = nowIso();
    await updateProgressEntry(trx, entry.id, {
      text: o.input.text,
      entry_date: o.input.entryDate,
      edited_at: at,
    });
    return refreshMeasure(
      trx,
      o.actor,
      m,
      {
        kind: 'measure.progress_corrected',
        before: { entryId: entry.id, entryDate: entry.entry_date, text: entry.text },
        after: { entryId: entry.id, entryDate: o.input.entryDate, text: o.input.text },
      },
      at,
    );
  });
}

/** Withdraws the entry and its files; returns the measure's new version. */
export async function withdrawProgress(o: TOptions<TWithdrawProgressRequest>): Promise<number> {
  return inTransaction(o.db, async (trx) => {
    const { m, entry } = await entryFor(trx, o.actor, o.measureId, o.entryId, o.input.version);
    const files = await evidenceOfEntry(trx, entry.id);
    const submitted = new Set(await closeOutEvidenceHashes(trx, m.id));
    if (files.some((f) => submitted.has(f.sha256)))
      throw new AppError('UNPROCESSABLE', '该进展的佐证材料已随销号申请提交，不能撤回');
    const at = nowIso();
    await updateProgressEntry(trx, entry.id, { withdrawn_at: at, withdrawn_by: o.actor.userId });
    await deleteEvidence(
      trx,
      files.map((f) => f.id),
    );
    return refreshMeasure(
      trx,
      o.actor,
      m,
      {
        kind: 'measure.progress_withdrawn',
        before: {
          entryId: entry.id,
          entryDate: entry.entry_date,
          text: entry.text,
          evidence: files.map((f) => ({ evidenceId: f.id, fileName: f.file_name, sha256: f.sha256 })),
        },
        after: { entryId: entry.id, withdrawn: true, reason: o.input.reason },
      },
      at,
    );
  });
}
