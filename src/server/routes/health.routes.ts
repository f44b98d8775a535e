/**
 * Health for load balancers and process managers, without authentication and without data: `/healthz` says the
 * process answers; `/readyz` that it can serve — the database answers, no migration is pending, new files can be
 * stored — and 503 with the failing checks (in Chinese) otherwise.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { pendingMigrations } from '../db/migrate.ts';
import { pingDatabase } from '../repositories/health.repository.ts';
import type { TFileStorage } from '../storage/file-storage.ts';

/** 'ok', or what is wrong in Chinese. */
type TCheck = string;

/** Runs one check; its failure in words, never its stack. */
async function check(work: () => Promise<TCheck>, failure: string): Promise<TCheck> {
  try {
    return await work();
  } catch {
    return failure;
  }
}

/** Registers the routes. */
export function healthRoutes(
  app: FastifyInstance,
  { db, storage }: { db: Kysely<Database>; storage: TFileStorage },
) {
  let migrationsCurrent = false;
  app.get('/healthz', (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const [database, migrations, files] = await Promise.all([
      check(async () => {
        await pingDatabase(db);
        return 'ok';
      }, '数据库无法连接'),
      check(async () => {
        // Once current, current for the life of the process (migrations are never undone under a running server):
        // a probe every few seconds need not read the migration table each time.
        if (migrationsCurrent) return 'ok';
        const pending = await pendingMigrations(db);
        migrationsCurrent = pending.length === 0;
        return migrationsCurrent ? 'ok' : `有 ${pending.length} 个数据库迁移尚未执行`;
      }, '无法读取数据库迁移记录'),
      check(async () => {
        await storage.checkWritable();
        return 'ok';
      }, '文件存储不可写'),
    ]);
    const checks = { database, migrations, storage: files };
    const ready = Object.values(checks).every((c) => c === 'ok');
    return reply
      .code(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ready ? 'ready' : 'not_ready', checks });
  });
}
