/** Uploads an evidence file (佐证材料) to a measure, optionally attached to a progress entry. */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { TStagedUpload } from '@shared/api.ts';
import { isFrozen } from '@shared/measure-state.ts';

import { todayInChina } from '@shared/chinese.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { getEvidence, insertEvidence } from '../../repositories/close-out.repository.ts';
import { getProgressEntry } from '../../repositories/measure.repository.ts';
import { insertStagedUpload } from '../../repositories/progress.repository.ts';
import { cryptoSuite, sm3Hex } from '../../crypto/suite.ts';
import { detectEvidenceType } from '../../storage/evidence-type.ts';
import type { TFileStorage } from '../../storage/file-storage.ts';
import { loadMeasureFor } from '../measures/measure-snapshot.ts';
import { inTransaction, nowIso } from '../transaction.ts';

/** Options of `uploadEvidence`. */
export type TUploadEvidenceOptions = {
  db: Kysely<Database>;
  storage: TFileStorage;
  actor: TActor;
  measureId: number;
  fileName: string;
  bytes: Uint8Array;
  maxBytes: number;
  /** The date the file documents (a meeting, a rule's issue date), besides its upload date. */
  documentedDate: string | null;
  progressEntryId: number | null;
};

/**
 * The checks every evidence file passes before it is stored, whichever way it comes: not empty, not too large, a
 * documented date not in the future, a type told by content, and a measure in the actor's scope they may add
 * evidence to and that is not closed. Returns the measure and the detected type.
 */
async function checkEvidenceFile(o: {
  db: Kysely<Database>;
  actor: TActor;
  measureId: number;
  bytes: Uint8Array;
  maxBytes: number;
  documentedDate: string | null;
}) {
  if (o.bytes.length === 0) throw new AppError('BAD_REQUEST', '请上传文件');
  if (o.bytes.length > o.maxBytes)
    throw new AppError('TOO_LARGE', `佐证材料不能超过 ${Math.round(o.maxBytes / 1024 / 1024)} MB`);
  if (o.documentedDate !== null && o.documentedDate > todayInChina())
    throw new AppError('UNPROCESSABLE', '材料日期不能晚于今天');
  const type = await detectEvidenceType(o.bytes);
  if (!type.ok) throw new AppError(type.isTooLarge === true ? 'TOO_LARGE' : 'UNPROCESSABLE', type.error);
  const m = await loadMeasureFor(o.db, o.actor, o.measureId, 'evidence.upload');
  if (isFrozen(m.state)) throw new AppError('UNPROCESSABLE', '已销号的措施不能再上传佐证材料');
  return { m, mime: type.mime };
}

/** The SM3 digest recorded for a file under the 国密 suite; null under the standard suite. */
const evidenceSm3 = (bytes: Uint8Array) => (cryptoSuite() === 'sm' ? sm3Hex(bytes) : null);
/** The SM3 digest for an audit entry, when recorded. */
const smOf = (bytes: Uint8Array) => (cryptoSuite() === 'sm' ? { sm3: sm3Hex(bytes) } : {});

/** Stores the file by content and records it; returns the evidence id. */
export async function uploadEvidence(o: TUploadEvidenceOptions): Promise<number> {
  const { m, mime } = await checkEvidenceFile(o);
  if (o.progressEntryId !== null) {
    const entry = await getProgressEntry(o.db, o.progressEntryId);
    if (!entry || entry.measure_id !== o.measureId)
      throw new AppError('UNPROCESSABLE', '进展记录不属于该措施');
  }
  const sha256 = await o.storage.put(o.bytes);
  return inTransaction(o.db, async (trx) => {
    const at = nowIso();
    const id = await insertEvidence(trx, {
      measure_id: o.measureId,
      progress_entry_id: o.progressEntryId,
      sha256,
      sm3: evidenceSm3(o.bytes),
      file_name: o.fileName.slice(0, 200),
      mime,
      size: o.bytes.length,
      documented_date: o.documentedDate,
      uploaded_by: o.actor.userId,
      uploaded_at: at,
    });
    await appendAudit(trx, {
      kind: 'evidence.uploaded',
      ...auditActor(o.actor),
      objectType: 'measure',
      objectId: o.measureId,
      unitId: m.unit_id,
      after: { evidenceId: id, fileName: o.fileName, sha256, size: o.bytes.length, ...smOf(o.bytes) },
      at,
    });
    return id;
  });
}

/**
 * Checks and stores a file for a progress entry still being written (a file refused here leaves nothing saved):
 * it is kept for its uploader and measure under an unguessable token until the entry takes it, or purged after a
 * day. `originalSha256` is the hash of the photo the browser made this smaller copy of.
 */
export async function stageUpload(
  o: Omit<TUploadEvidenceOptions, 'documentedDate' | 'progressEntryId'> & { originalSha256: string | null },
): Promise<TStagedUpload> {
  if (o.actor.userId === null) throw new AppError('FORBIDDEN', '只有登录用户可以上传文件');
  const { mime } = await checkEvidenceFile({ ...o, documentedDate: null });
  const sha256 = await o.storage.put(o.bytes);
  const token = randomBytes(18).toString('base64url');
  const fileName = o.fileName.slice(0, 200);
  await insertStagedUpload(o.db, {
    token,
    user_id: o.actor.userId,
    measure_id: o.measureId,
    sha256,
    file_name: fileName,
    mime,
    size: o.bytes.length,
    original_sha256: o.originalSha256,
    sm3: evidenceSm3(o.bytes),
    created_at: nowIso(),
  });
  return { token, fileName, size: o.bytes.length, mime };
}

/** Reads an evidence file the actor may see; the download is audited. 404 outside the actor's units. */
export async function downloadEvidence(o: {
  db: Kysely<Database>;
  storage: TFileStorage;
  actor: TActor;
  evidenceId: number;
}) {
  const e = await getEvidence(o.db, o.evidenceId);
  if (!e) throw new AppError('NOT_FOUND', '佐证材料不存在');
  const m = await loadMeasureFor(o.db, o.actor, e.measure_id, 'inspection.read').catch(() => {
    throw new AppError('NOT_FOUND', '佐证材料不存在');
  });
  const bytes = await o.storage.get(e.sha256);
  if (!bytes) throw new AppError('NOT_FOUND', '文件已丢失，请联系管理员');
  await inTransaction(o.db, async (trx) => {
    await appendAudit(trx, {
      kind: 'evidence.downloaded',
      ...auditActor(o.actor),
      objectType: 'measure',
      objectId: e.measure_id,
      unitId: m.unit_id,
      after: { evidenceId: e.id, fileName: e.file_name },
      at: nowIso(),
    });
  });
  return { bytes, fileName: e.file_name, mime: e.mime };
}
