/** Plan approval, extension requests and outcomes. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import {
  ZInspectionSettingsRequest,
  ZPlanApprovalRequest,
  ZExtensionDecision,
  ZExtensionRequest,
  ZOutcomeAccountabilityRequest,
  ZOutcomeMoneyRequest,
  ZOutcomeRuleRequest,
} from '@shared/api.ts';
import type { TConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { requireActor } from '../plugins/auth.plugin.ts';
import { readMeasureDetail } from '../use-cases/measures/read-measure-detail.ts';
import { decideExtension, requestExtension } from '../use-cases/measures/extensions.ts';
import { approvePlan } from '../use-cases/inspections/approve-plan.ts';
import { setOfficeConfirmation } from '../use-cases/inspections/configure-inspection.ts';
import { listOutcomes, recordOutcome } from '../use-cases/outcomes/outcomes.ts';
import { idParam, validate } from './route-helpers.ts';

/** Registers the routes. */
export function rectificationRoutes(
  app: FastifyInstance,
  { db, config }: { db: Kysely<Database>; config: TConfig },
): void {
  app.post('/api/inspections/:id/approve-plan', async (request) => {
    const { opinion } = validate(ZPlanApprovalRequest, request.body ?? {});
    await approvePlan({
      db,
      actor: requireActor(request),
      inspectionId: idParam(request.params),
      ...(opinion === undefined ? {} : { opinion }),
    });
    return { ok: true };
  });

  app.patch('/api/inspections/:id/settings', async (request) => {
    const { requiresOfficeConfirmation } = validate(ZInspectionSettingsRequest, request.body);
    await setOfficeConfirmation({
      db,
      actor: requireActor(request),
      inspectionId: idParam(request.params),
      required: requiresOfficeConfirmation,
    });
    return { ok: true };
  });

  app.post('/api/measures/:id/extensions', async (request, reply) => {
    const actor = requireActor(request);
    const measureId = idParam(request.params);
    await requestExtension({ db, actor, measureId, input: validate(ZExtensionRequest, request.body) });
    void reply.code(201);
    return readMeasureDetail({ db, actor, yellowDays: config.yellowDays }, measureId);
  });

  app.post('/api/extensions/:id/decision', async (request) => {
    const actor = requireActor(request);
    const { approve, note } = validate(ZExtensionDecision, request.body);
    const measureId = await decideExtension({ db, actor, requestId: idParam(request.params), approve, note });
    return readMeasureDetail({ db, actor, yellowDays: config.yellowDays }, measureId);
  });

  app.get('/api/inspections/:id/outcomes', async (request) =>
    listOutcomes(db, requireActor(request), idParam(request.params)),
  );

  app.post('/api/inspections/:id/outcomes/rules', async (request, reply) => {
    const input = validate(ZOutcomeRuleRequest, request.body);
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
    const input = validate(ZOutcomeMoneyRequest, request.body);
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
    const input = validate(ZOutcomeAccountabilityRequest, request.body);
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
