/**
 * Records a progress entry with its evidence files in one transaction: the files were checked and stored when they
 * were staged (a refused file leaves nothing saved), and become the entry's evidence here, or the whole entry is
 * refused. The latest entry's text becomes the measure's current progress; the measure is written once.
 */
import type { Kysely } from 'kysely';
import type { TRecordProgressRequest } from '@shared/api.ts';
import { todayInChina } from '@shared/chinese.ts';
import { decideTransition } from '@shared/measure-state.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { can, measureObject } from '../../policies/policy.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { insertEvidence } from '../../repositories/close-out.repository.ts';
import { getMeasure, insertProgressEntry } from '../../repositories/measure.repository.ts';
import { stagedUploadsOf, takeStagedUploads } from '../../repositories/progress.repository.ts';
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

const STALE_FILES = '附件已失效或不属于本次填报，请重新选择文件后再保存';

/** Adds the entry and its files; a 未启动 measure with all six clarities moves to 推进中. Returns the new version. */
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
    const files = input.files ?? [];
    const tokens = [...new Set(files.map((f) => f.token))];
    if (tokens.length !== files.length) throw new AppError('BAD_REQUEST', '同一文件不能重复附上');
    if (files.length > 0 && !can(actor, 'evidence.upload', measureObject(m.unit_id, m)))
      throw new AppError('FORBIDDEN', '没有为该措施上传佐证材料的权限');
    if (files.some((f) => f.documentedDate !== null && f.documentedDate > todayInChina()))
      throw new AppError('UNPROCESSABLE', '材料日期不能晚于今天');
    const staged = actor.userId === null ? [] : await stagedUploadsOf(trx, tokens, actor.userId, measureId);
    if (staged.length !== tokens.length) {
      // A save of the same files that committed meanwhile took them and moved the measure on: that is a conflict,
      // not a bad file (PostgreSQL reads the other transaction's commit here).
      const now = await getMeasure(trx, measureId, actor.scope);
      if (now !== undefined && now.version !== input.version) throw new AppError('CONFLICT', STALE_FILES);
      throw new AppError('UNPROCESSABLE', STALE_FILES);
    }
    // Taken now, in this transaction: the same files saved twice at once give one entry; the other is refused.
    if (
      !(await takeStagedUploads(
        trx,
        staged.map((f) => f.id),
      ))
    )
      throw new AppError('CONFLICT', STALE_FILES);
    const at = nowIso();
    const entryId = await insertProgressEntry(
      trx,
      {
        measure_id: measureId,
        entry_date: input.entryDate,
        text: input.text,
        created_by: actor.userId,
        created_at: at,
        source: 'user',
      },
      { touchMeasure: false },
    );
    const attached: Array<{
      evidenceId: number;
      fileName: string;
      sha256: string;
      size: number;
      sm3?: string;
    }> = [];
    for (const f of files) {
      const s = staged.find((x) => x.token === f.token);
      if (!s) throw new AppError('UNPROCESSABLE', STALE_FILES);
      const evidenceId = await insertEvidence(trx, {
        measure_id: measureId,
        progress_entry_id: entryId,
        sha256: s.sha256,
        file_name: s.file_name,
        mime: s.mime,
        size: s.size,
        documented_date: f.documentedDate,
        uploaded_by: actor.userId,
        uploaded_at: at,
        original_sha256: s.original_sha256,
        sm3: s.sm3,
      });
      attached.push({
        evidenceId,
        fileName: s.file_name,
        sha256: s.sha256,
        size: s.size,
        ...(s.sm3 === null ? {} : { sm3: s.sm3 }),
      });
    }
    // The measure's progress is the text of the entry with the latest date (an older date does not replace it).
    const isLatest = m.last_progress_date === null || input.entryDate >= m.last_progress_date;
    const version = await applyTransition(trx, actor, m, {
      action: 'record_progress',
      from,
      to: decision.to,
      reason: null,
      patch: isLatest ? { progress: input.text, last_progress_date: input.entryDate } : {},
      audit: {
        kind: 'measure.progress_recorded',
        before: { state: from },
        after: {
          state: decision.to,
          entryId,
          entryDate: input.entryDate,
          text: input.text,
          ...(attached.length > 0 ? { evidence: attached } : {}),
        },
      },
      at,
    });
    for (const a of attached)
      await appendAudit(trx, {
        kind: 'evidence.uploaded',
        ...auditActor(actor),
        objectType: 'measure',
        objectId: measureId,
        unitId: m.unit_id,
        after: { evidenceId: a.evidenceId, fileName: a.fileName, sha256: a.sha256, size: a.size, entryId },
        at,
      });
    return version;
  });
}
