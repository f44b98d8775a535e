/** /api/measures and /api/problems/:id/measures: create, edit, progress, transitions, detail. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';

import type { TConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { requireActor } from '../plugins/auth.plugin.ts';
import { searchMeasuresJson } from '../use-cases/measures/search-measures.ts';
import { readDashboard, readUnitRanking } from '../use-cases/dashboard/read-dashboard.ts';
import { exportMeasureSearch } from '../use-cases/measures/export-measure-search.ts';
import { readMeasureDetail } from '../use-cases/measures/read-measure-detail.ts';
import { commentMeasure } from '../use-cases/measures/comment-measure.ts';
import { createMeasure } from '../use-cases/measures/create-measure.ts';
import { recordProgress } from '../use-cases/measures/record-progress.ts';
import { correctProgress, withdrawProgress } from '../use-cases/measures/correct-progress.ts';
import { transitionMeasure } from '../use-cases/measures/transition-measure.ts';
import { updateMeasure } from '../use-cases/measures/update-measure.ts';
import { reassignMeasures, remindMeasures } from '../use-cases/measures/batch-measures.ts';
import { idParam, bodyOf, queryOf } from './route-helpers.ts';

/** Registers the measure routes; every write answers with the measure as it now is. */
export function measureRoutes(
  app: FastifyInstance,
  { db, config }: { db: Kysely<Database>; config: TConfig },
): void {
  const detail = (actor: ReturnType<typeof requireActor>, id: number) =>
    readMeasureDetail({ db, actor, yellowDays: config.yellowDays }, id);

  app.get('/api/dashboard', async (request) =>
    readDashboard(
      { db, actor: requireActor(request), yellowDays: config.yellowDays },
      queryOf(request, 'GET /api/dashboard'),
    ),
  );

  app.get('/api/dashboard/units', async (request) =>
    readUnitRanking(
      { db, actor: requireActor(request), yellowDays: config.yellowDays },
      queryOf(request, 'GET /api/dashboard/units'),
    ),
  );

  app.get('/api/measures', async (request, reply) => {
    const json = await searchMeasuresJson(
      { db, actor: requireActor(request), yellowDays: config.yellowDays },
      queryOf(request, 'GET /api/measures'),
    );
    return reply.type('application/json; charset=utf-8').send(json);
  });

  app.post('/api/measures/export', async (request, reply) => {
    const { stream, fileName } = await exportMeasureSearch(
      { db, actor: requireActor(request), yellowDays: config.yellowDays },
      bodyOf(request, 'POST /api/measures/export'),
    );
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header(
        'content-disposition',
        `attachment; filename="measures.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      )
      .send(stream);
  });

  app.post('/api/measures/batch/reassign', async (request) =>
    reassignMeasures(db, requireActor(request), bodyOf(request, 'POST /api/measures/batch/reassign')),
  );

  app.post('/api/measures/batch/remind', async (request) =>
    remindMeasures(db, requireActor(request), bodyOf(request, 'POST /api/measures/batch/remind')),
  );

  app.get('/api/measures/:id', async (request) => detail(requireActor(request), idParam(request.params)));

  app.post('/api/problems/:id/measures', async (request, reply) => {
    const actor = requireActor(request);
    const input = bodyOf(request, 'POST /api/problems/:id/measures');
    const id = await createMeasure({ db, actor, problemId: idParam(request.params), input });
    void reply.code(201);
    return detail(actor, id);
  });

  app.patch('/api/measures/:id', async (request) => {
    const actor = requireActor(request);
    const measureId = idParam(request.params);
    const input = bodyOf(request, 'PATCH /api/measures/:id');
    await updateMeasure({ db, actor, measureId, input });
    return detail(actor, measureId);
  });

  app.post('/api/measures/:id/progress', async (request, reply) => {
    const actor = requireActor(request);
    const measureId = idParam(request.params);
    const input = bodyOf(request, 'POST /api/measures/:id/progress');
    await recordProgress({ db, actor, measureId, input });
    void reply.code(201);
    return detail(actor, measureId);
  });

  app.patch('/api/measures/:id/progress/:entryId', async (request) => {
    const actor = requireActor(request);
    const measureId = idParam(request.params);
    const entryId = idParam(request.params, 'entryId');
    const input = bodyOf(request, 'PATCH /api/measures/:id/progress/:entryId');
    await correctProgress({ db, actor, measureId, entryId, input });
    return detail(actor, measureId);
  });

  app.post('/api/measures/:id/progress/:entryId/withdraw', async (request) => {
    const actor = requireActor(request);
    const measureId = idParam(request.params);
    const entryId = idParam(request.params, 'entryId');
    const input = bodyOf(request, 'POST /api/measures/:id/progress/:entryId/withdraw');
    await withdrawProgress({ db, actor, measureId, entryId, input });
    return detail(actor, measureId);
  });

  app.post('/api/measures/:id/comments', async (request, reply) => {
    const actor = requireActor(request);
    const measureId = idParam(request.params);
    const { text } = bodyOf(request, 'POST /api/measures/:id/comments');
    await commentMeasure({ db, actor, measureId, text });
    void reply.code(201);
    return detail(actor, measureId);
  });

  app.post('/api/measures/:id/transitions', async (request) => {
    const actor = requireActor(request);
    const measureId = idParam(request.params);
    const input = bodyOf(request, 'POST /api/measures/:id/transitions');
    await transitionMeasure({
      db,
      actor,
      measureId,
      action: input.action,
      reason: input.reason ?? null,
      version: input.version,
    });
    return detail(actor, measureId);
  });
}
