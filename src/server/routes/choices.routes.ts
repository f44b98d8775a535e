/** /api/choices: units, inspections and rounds to choose from in the filters, found by words (choices.repository.ts). */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { requireActor } from '../plugins/auth.plugin.ts';
import { inspectionChoices, roundChoices, unitChoices } from '../repositories/choices.repository.ts';
import { queryOf } from './route-helpers.ts';

/** Registers the choice routes: reads within the actor's scope, nothing written. */
export function choiceRoutes(app: FastifyInstance, { db }: { db: Kysely<Database> }): void {
  app.get('/api/choices/units', async (request) =>
    unitChoices(db, requireActor(request).scope, queryOf(request, 'GET /api/choices/units')),
  );
  app.get('/api/choices/inspections', async (request) =>
    inspectionChoices(db, requireActor(request).scope, queryOf(request, 'GET /api/choices/inspections')),
  );
  app.get('/api/choices/rounds', async (request) =>
    roundChoices(db, requireActor(request).scope, queryOf(request, 'GET /api/choices/rounds')),
  );
}
