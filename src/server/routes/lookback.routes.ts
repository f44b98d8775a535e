/** Look-backs, the close-out queue, notifications and 我的工作. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';

import type { TConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { requireActor } from '../plugins/auth.plugin.ts';
import { readMeasureDetail } from '../use-cases/measures/read-measure-detail.ts';
import { listLookbacks, recordLookbackResult, scheduleLookback } from '../use-cases/lookbacks/lookbacks.ts';
import {
  closeOutQueue,
  listNotifications,
  markNotificationOpened,
  markNotificationsRead,
  readBadge,
} from '../use-cases/measures/close-out-queue.ts';
import { readMyWork } from '../use-cases/work/my-work.ts';
import { idParam, bodyOf } from './route-helpers.ts';

/** Registers the routes. */
export function lookbackRoutes(
  app: FastifyInstance,
  { db, config }: { db: Kysely<Database>; config: TConfig },
): void {
  app.get('/api/inspections/:id/lookbacks', async (request) =>
    listLookbacks(db, requireActor(request), idParam(request.params)),
  );

  app.post('/api/inspections/:id/lookbacks', async (request, reply) => {
    const id = await scheduleLookback({
      db,
      actor: requireActor(request),
      inspectionId: idParam(request.params),
      input: bodyOf(request, 'POST /api/inspections/:id/lookbacks'),
    });
    void reply.code(201);
    return { id };
  });

  app.post('/api/lookback-items/:id', async (request) => {
    const actor = requireActor(request);
    const { result, note } = bodyOf(request, 'POST /api/lookback-items/:id');
    const measureId = await recordLookbackResult({
      db,
      actor,
      itemId: idParam(request.params),
      result,
      note,
    });
    return readMeasureDetail({ db, actor, yellowDays: config.yellowDays }, measureId);
  });

  app.get('/api/close-out/queue', async (request) => closeOutQueue(db, requireActor(request)));

  app.get('/api/notifications', async (request) => listNotifications(db, requireActor(request)));

  // Polled by every open page: answered 304 with no body while the counts are what the page last saw.
  app.get('/api/notifications/badge', async (request, reply) => {
    const actor = requireActor(request);
    const badge = await readBadge(db, actor);
    const tag = `W/"${actor.userId ?? 0}-${badge.unread}-${badge.reviews}"`;
    void reply.header('etag', tag);
    if (request.headers['if-none-match'] === tag) return reply.code(304).send();
    return badge;
  });

  app.get('/api/my-work', async (request) =>
    readMyWork({ db, actor: requireActor(request), yellowDays: config.yellowDays }),
  );

  app.post('/api/notifications/:id/read', async (request) => {
    await markNotificationOpened(db, requireActor(request), idParam(request.params));
    return { ok: true };
  });

  app.post('/api/notifications/read', async (request) => {
    await markNotificationsRead(db, requireActor(request));
    return { ok: true };
  });
}
