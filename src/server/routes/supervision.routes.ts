/** Supervision orders (督办单): list, one order, issue, reply, decide, interviews. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';

import type { TConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { requireActor } from '../plugins/auth.plugin.ts';
import { listSupervision, readSupervision } from '../use-cases/supervision/read-supervision.ts';
import {
  decideSupervision,
  issueSupervision,
  recordInterview,
  replySupervision,
} from '../use-cases/supervision/supervision.ts';
import { bodyOf, idParam, queryOf } from './route-helpers.ts';

/** Registers the routes. */
export function supervisionRoutes(
  app: FastifyInstance,
  { db }: { db: Kysely<Database>; config: TConfig },
): void {
  app.get('/api/supervision-orders', async (request) =>
    listSupervision(db, requireActor(request), queryOf(request, 'GET /api/supervision-orders')),
  );

  app.post('/api/supervision-orders', async (request, reply) => {
    const ids = await issueSupervision({
      db,
      actor: requireActor(request),
      input: bodyOf(request, 'POST /api/supervision-orders'),
    });
    void reply.code(201);
    return { ids };
  });

  app.get('/api/supervision-orders/:id', async (request) =>
    readSupervision(db, requireActor(request), idParam(request.params)),
  );

  app.post('/api/supervision-orders/:id/reply', async (request) => {
    const actor = requireActor(request);
    const orderId = idParam(request.params);
    const { text, version } = bodyOf(request, 'POST /api/supervision-orders/:id/reply');
    await replySupervision({ db, actor, orderId, text, version });
    return readSupervision(db, actor, orderId);
  });

  app.post('/api/supervision-orders/:id/decision', async (request) => {
    const actor = requireActor(request);
    const orderId = idParam(request.params);
    const { accept, note, version } = bodyOf(request, 'POST /api/supervision-orders/:id/decision');
    await decideSupervision({ db, actor, orderId, accept, note, version });
    return readSupervision(db, actor, orderId);
  });

  app.post('/api/supervision-orders/:id/interviews', async (request) => {
    const actor = requireActor(request);
    const orderId = idParam(request.params);
    await recordInterview({
      db,
      actor,
      orderId,
      input: bodyOf(request, 'POST /api/supervision-orders/:id/interviews'),
    });
    return readSupervision(db, actor, orderId);
  });
}
