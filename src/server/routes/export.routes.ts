/** /api/exports: make an export by POST (audited), fetch it by its short-lived link. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';

import type { TConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { requireActor } from '../plugins/auth.plugin.ts';
import type { TFileStorage } from '../storage/file-storage.ts';
import { createExport, readExport } from '../use-cases/exports/create-export.ts';
import { bodyOf } from './route-helpers.ts';

/** Registers the routes. */
export function exportRoutes(
  app: FastifyInstance,
  { db, storage }: { db: Kysely<Database>; config: TConfig; storage: TFileStorage },
): void {
  app.post('/api/exports', async (request, reply) => {
    const ticket = await createExport({
      db,
      storage,
      actor: requireActor(request),
      request: bodyOf(request, 'POST /api/exports'),
    });
    void reply.code(201);
    return ticket;
  });

  app.get('/api/exports/:token', async (request, reply) => {
    const token = (request.params as { token?: string }).token ?? '';
    const { bytes, fileName, type } = await readExport({ db, storage, actor: requireActor(request), token });
    const ext = fileName.split('.').pop() ?? 'bin';
    return reply
      .header('content-type', type)
      .header(
        'content-disposition',
        `attachment; filename="download.${ext}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      )
      .send(Buffer.from(bytes));
  });
}
