/** /api/imports: preview an uploaded file (nothing written), confirm it; the breakdown template; ledger export. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';

import { MAX_IMPORT_BYTES } from '@importers/import-file.ts';
import { writeBreakdownTemplate } from '@documents/ledger-xlsx.ts';
import type { TConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { fileNameHeader } from '../plugins/input-guard.ts';
import { AppError } from '../errors.ts';
import { requireActor } from '../plugins/auth.plugin.ts';
import { roleMay } from '../policies/policy.ts';
import { confirmImport } from '../use-cases/imports/confirm-import.ts';
import { previewImport } from '../use-cases/imports/preview-import.ts';
import { bodyOf } from './route-helpers.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendFile(reply: FastifyReply, bytes: Uint8Array, fileName: string, type: string) {
  return reply
    .header('content-type', type)
    .header(
      'content-disposition',
      `attachment; filename="download.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .send(Buffer.from(bytes));
}

const optionalId = (value: unknown): number | undefined => {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^[1-9]\d{0,9}$/.test(value))
    throw new AppError('BAD_REQUEST', '参数格式有误');
  return Number(value);
};

/** Registers the import and export routes. */
export function importRoutes(app: FastifyInstance, { db }: { db: Kysely<Database>; config: TConfig }): void {
  // Uploads arrive as the raw file; the format is decided from its content, never from its name.
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.post('/api/imports/preview', { bodyLimit: MAX_IMPORT_BYTES }, async (request) => {
    const actor = requireActor(request);
    if (!roleMay(actor.role, 'inspection.import')) throw new AppError('FORBIDDEN', '没有导入台账的权限');
    if (!Buffer.isBuffer(request.body)) throw new AppError('BAD_REQUEST', '请上传文件');
    const query = request.query as Record<string, unknown>;
    const fileName = (fileNameHeader(request) ?? '上传文件').slice(0, 200);
    return previewImport({
      db,
      actor,
      fileName,
      bytes: new Uint8Array(request.body),
      ...(optionalId(query.inspectionId) !== undefined
        ? { inspectionId: optionalId(query.inspectionId) }
        : {}),
      ...(optionalId(query.unitId) !== undefined ? { unitId: optionalId(query.unitId) } : {}),
    });
  });

  app.post('/api/imports/confirm', { bodyLimit: 8 * 1024 * 1024 }, async (request, reply) => {
    const actor = requireActor(request);
    if (!roleMay(actor.role, 'inspection.import')) throw new AppError('FORBIDDEN', '没有导入台账的权限');
    const input = bodyOf(request, 'POST /api/imports/confirm');
    const result = await confirmImport({ db, actor, request: input });
    void reply.code(201);
    return result;
  });

  app.get('/api/templates/breakdown.xlsx', async (request, reply) => {
    requireActor(request);
    return sendFile(reply, await writeBreakdownTemplate(), '整改责任分解表模板.xlsx', XLSX);
  });
}
