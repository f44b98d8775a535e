/** /api/inspections: list and ledger. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { TConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { requireActor } from '../plugins/auth.plugin.ts';
import { listInspectionViews, readLedgerJson } from '../use-cases/inspections/read-ledger.ts';
import { archiveLedger, deleteLedger, restoreLedger } from '../use-cases/inspections/retire-ledger.ts';
import { bodyOf, idParam, queryOf } from './route-helpers.ts';

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
    // The next page's address, for a script that reads them all (RFC 8288).
    if (query.page * query.pageSize < total) {
      const next = new URLSearchParams(request.query as Record<string, string>);
      next.set('page', String(query.page + 1));
      next.set('pageSize', String(query.pageSize));
      void reply.header('link', `</api/inspections?${next.toString()}>; rel="next"`);
    }
    return items;
  });

  // A ledger created by mistake: each body is {version, reason} or {version}, checked by its schema.
  const target = (request: FastifyRequest) => ({
    db,
    actor: requireActor(request),
    inspectionId: idParam(request.params),
  });
  app.post('/api/inspections/:id/archive', async (request) => {
    await archiveLedger({ ...target(request), ...bodyOf(request, 'POST /api/inspections/:id/archive') });
    return { ok: true };
  });
  app.post('/api/inspections/:id/restore', async (request) => {
    await restoreLedger({ ...target(request), ...bodyOf(request, 'POST /api/inspections/:id/restore') });
    return { ok: true };
  });
  app.delete('/api/inspections/:id', async (request) => {
    await deleteLedger({ ...target(request), ...bodyOf(request, 'DELETE /api/inspections/:id') });
    return { ok: true };
  });

  app.get('/api/inspections/:id/ledger', async (request, reply) => {
    const actor = requireActor(request);
    const json = await readLedgerJson({ db, actor, yellowDays: config.yellowDays }, idParam(request.params));
    return reply.type('application/json; charset=utf-8').send(json);
  });
}
