/** /api/measures/:id/evidence (upload) and /api/evidence/:id (preview or download). */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { isIsoDate } from '@shared/chinese.ts';
import type { TConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { requireActor } from '../plugins/auth.plugin.ts';
import type { TFileStorage } from '../storage/file-storage.ts';
import { readMeasureDetail } from '../use-cases/measures/read-measure-detail.ts';
import { downloadEvidence, stageUpload, uploadEvidence } from '../use-cases/evidence/upload-evidence.ts';
import { fileNameHeader } from '../plugins/input-guard.ts';
import { idParam } from './route-helpers.ts';

const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf']);

/** Registers the evidence routes. */
export function evidenceRoutes(
  app: FastifyInstance,
  { db, config, storage }: { db: Kysely<Database>; config: TConfig; storage: TFileStorage },
): void {
  app.post('/api/measures/:id/evidence', { bodyLimit: config.evidenceMaxBytes }, async (request, reply) => {
    const actor = requireActor(request);
    const measureId = idParam(request.params);
    if (!Buffer.isBuffer(request.body)) throw new AppError('BAD_REQUEST', '请上传文件');
    const query = request.query as Record<string, unknown>;
    const documentedDate =
      typeof query.documentedDate === 'string' && query.documentedDate !== '' ? query.documentedDate : null;
    if (documentedDate !== null && !isIsoDate(documentedDate))
      throw new AppError('BAD_REQUEST', '材料日期格式应为 YYYY-MM-DD');
    const entry =
      typeof query.progressEntryId === 'string' && /^[1-9]\d{0,9}$/.test(query.progressEntryId)
        ? Number(query.progressEntryId)
        : null;
    const fileName = fileNameHeader(request) ?? '佐证材料';
    await uploadEvidence({
      db,
      storage,
      actor,
      measureId,
      fileName,
      bytes: new Uint8Array(request.body),
      maxBytes: config.evidenceMaxBytes,
      documentedDate,
      progressEntryId: entry,
    });
    void reply.code(201);
    return readMeasureDetail({ db, actor, yellowDays: config.yellowDays }, measureId);
  });

  app.post('/api/measures/:id/uploads', { bodyLimit: config.evidenceMaxBytes }, async (request, reply) => {
    const actor = requireActor(request);
    const measureId = idParam(request.params);
    if (!Buffer.isBuffer(request.body)) throw new AppError('BAD_REQUEST', '请上传文件');
    const original = request.headers['x-original-sha256'];
    if (original !== undefined && (typeof original !== 'string' || !/^[0-9a-f]{64}$/.test(original)))
      throw new AppError('BAD_REQUEST', '原图校验值格式不正确');
    const staged = await stageUpload({
      db,
      storage,
      actor,
      measureId,
      fileName: fileNameHeader(request) ?? '佐证材料',
      bytes: new Uint8Array(request.body),
      maxBytes: config.evidenceMaxBytes,
      originalSha256: original ?? null,
    });
    void reply.code(201);
    return staged;
  });

  app.get('/api/evidence/:id', async (request, reply) => {
    const actor = requireActor(request);
    const file = await downloadEvidence({ db, storage, actor, evidenceId: idParam(request.params) });
    const inline =
      PREVIEWABLE.has(file.mime) && (request.query as Record<string, unknown>).download === undefined;
    return (
      reply
        .header('content-type', file.mime)
        .header(
          'content-disposition',
          `${inline ? 'inline' : 'attachment'}; filename="evidence"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        // A stored file may never run script in our origin.
        .header(
          'content-security-policy',
          "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
        )
        .send(Buffer.from(file.bytes))
    );
  });
}
