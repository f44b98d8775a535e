/** /api/audit: the audit page and its CSV export. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';

import type { TConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { requireActor } from '../plugins/auth.plugin.ts';
import { readAudit } from '../use-cases/audit/read-audit.ts';
import { queryOf } from './route-helpers.ts';

/** Registers the audit routes. */
export function auditRoutes(app: FastifyInstance, { db }: { db: Kysely<Database>; config: TConfig }): void {
  app.get('/api/audit', async (request) =>
    readAudit(db, requireActor(request), queryOf(request, 'GET /api/audit')),
  );
}
