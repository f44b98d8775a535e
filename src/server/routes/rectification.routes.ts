/** Plan approval, extension requests and outcomes. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';

import type { TConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { requireActor } from '../plugins/auth.plugin.ts';
import { readMeasureDetail } from '../use-cases/measures/read-measure-detail.ts';
import { decideExtension, requestExtension } from '../use-cases/measures/extensions.ts';
import { approvePlan } from '../use-cases/inspections/approve-plan.ts';
import { configureInspection } from '../use-cases/inspections/configure-inspection.ts';
import { listOutcomes, recordOutcome } from '../use-cases/outcomes/outcomes.ts';
import { idParam, bodyOf } from './route-helpers.ts';

/** Registers the routes. */
export function rectificationRoutes(
  app: FastifyInstance,
  { db, config }: { db: Kysely<Database>; config: TConfig },
): void {
  app.post('/api/inspections/:id/approve-plan', async (request) => {
    const { opinion } = bodyOf(request, 'POST /api/inspections/:id/approve-plan');
    await approvePlan({
      db,
      actor: requireActor(request),
      inspectionId: idParam(request.params),
      ...(opinion === undefined ? {} : { opinion }),
    });
    return { ok: true };
  });

  app.patch('/api/inspections/:id/settings', async (request) => {
    const { requiresOfficeConfirmation, escalation } = bodyOf(request, 'PATCH /api/inspections/:id/settings');
    await configureInspection({
      db,
      actor: requireActor(request),
      inspectionId: idParam(request.params),
      required: requiresOfficeConfirmation,
      escalation,
    });
    return { ok: true };
  });

  app.post('/api/measures/:id/extensions', async (request, reply) => {
    const actor = requireActor(request);
    const measureId = idParam(request.params);
    await requestExtension({
      db,
      actor,
      measureId,
      input: bodyOf(request, 'POST /api/measures/:id/extensions'),
    });
    void reply.code(201);
    return readMeasureDetail({ db, actor, yellowDays: config.yellowDays }, measureId);
  });

  app.post('/api/extensions/:id/decision', async (request) => {
    const actor = requireActor(request);
    const { approve, note } = bodyOf(request, 'POST /api/extensions/:id/decision');
    const measureId = await decideExtension({ db, actor, requestId: idParam(request.params), approve, note });
    return readMeasureDetail({ db, actor, yellowDays: config.yellowDays }, measureId);
  });

  app.get('/api/inspections/:id/outcomes', async (request) =>
    listOutcomes(db, requireActor(request), idParam(request.params)),
  );

  app.post('/api/inspections/:id/outcomes/rules', async (request, reply) => {
    const input = bodyOf(request, 'POST /api/inspections/:id/outcomes/rules');
    const id = await recordOutcome({
      db,
      actor: requireActor(request),
      inspectionId: idParam(request.params),
      outcome: { type: 'rule', ...input },
    });
    void reply.code(201);
    return { id };
  });
  app.post('/api/inspections/:id/outcomes/money', async (request, reply) => {
    const input = bodyOf(request, 'POST /api/inspections/:id/outcomes/money');
    const id = await recordOutcome({
      db,
      actor: requireActor(request),
      inspectionId: idParam(request.params),
      outcome: { type: 'money', ...input },
    });
    void reply.code(201);
    return { id };
  });
  app.post('/api/inspections/:id/outcomes/accountability', async (request, reply) => {
    const input = bodyOf(request, 'POST /api/inspections/:id/outcomes/accountability');
    const id = await recordOutcome({
      db,
      actor: requireActor(request),
      inspectionId: idParam(request.params),
      outcome: { type: 'accountability', ...input },
    });
    void reply.code(201);
    return { id };
  });
}
