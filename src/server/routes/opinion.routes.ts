/** The back office of opinions from the public: the inbox, one opinion, triage, assign, answer, publish. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';

import type { Database } from '../db/schema.ts';
import { requireActor } from '../plugins/auth.plugin.ts';
import {
  assignOpinion,
  draftOpinionAnswer,
  publishOpinionAnswer,
  triageOpinion,
} from '../use-cases/opinions/handle-opinion.ts';
import { listOpinionInbox, readOpinion } from '../use-cases/opinions/read-opinions.ts';
import { bodyOf, idParam, queryOf } from './route-helpers.ts';

/** Registers the routes. */
export function opinionRoutes(app: FastifyInstance, { db }: { db: Kysely<Database> }): void {
  app.get('/api/opinions', async (request) =>
    listOpinionInbox(db, requireActor(request), queryOf(request, 'GET /api/opinions')),
  );

  app.get('/api/opinions/:id', async (request) =>
    readOpinion(db, requireActor(request), idParam(request.params)),
  );

  app.post('/api/opinions/:id/triage', async (request) => {
    const actor = requireActor(request);
    const id = idParam(request.params);
    await triageOpinion(db, actor, id, bodyOf(request, 'POST /api/opinions/:id/triage'));
    return readOpinion(db, actor, id);
  });

  app.post('/api/opinions/:id/assign', async (request) => {
    const actor = requireActor(request);
    const id = idParam(request.params);
    await assignOpinion(db, actor, id, bodyOf(request, 'POST /api/opinions/:id/assign'));
    return readOpinion(db, actor, id);
  });

  app.post('/api/opinions/:id/answer', async (request) => {
    const actor = requireActor(request);
    const id = idParam(request.params);
    await draftOpinionAnswer(db, actor, id, bodyOf(request, 'POST /api/opinions/:id/answer'));
    return readOpinion(db, actor, id);
  });

  app.post('/api/opinions/:id/publish', async (request) => {
    const actor = requireActor(request);
    const id = idParam(request.params);
    await publishOpinionAnswer(db, actor, id, bodyOf(request, 'POST /api/opinions/:id/publish'));
    return readOpinion(db, actor, id);
  });
}
