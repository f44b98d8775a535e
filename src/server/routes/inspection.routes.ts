/** /api/inspections: list and ledger. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { TConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { requireActor } from '../plugins/auth.plugin.ts';
import { listInspectionViews, readLedger } from '../use-cases/inspections/read-ledger.ts';
import { idParam, queryOf } from './route-helpers.ts';

/** Registers the inspection routes. */
export function inspectionRoutes(
  app: FastifyInstance,
  { db, config }: { db: Kysely<Database>; config: TConfig },
): void {
  app.get('/api/inspections', async (request, reply) => {
    const actor = requireActor(request);
    const query = queryOf(request, 'GET /api/inspections');
    const { total, items } = await listInspectionViews({ db, actor, yellowDays: config.yellowDays }, query);
    void reply.header('x-total-count', String(total));
    return items;
  });

  app.get('/api/inspections/:id/ledger', async (request) => {
    const actor = requireActor(request);
    return readLedger({ db, actor, yellowDays: config.yellowDays }, idParam(request.params));
  });
}
