/** buildApp: the Fastify application, wired with its database and configuration. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { sessionPolicy } from './policies/session-policy.ts';
import { routeKey } from '@shared/routes.ts';
import { registerInputGuard } from './plugins/input-guard.ts';
import { publicRoutes } from './routes/public.routes.ts';
import { supervisionRoutes } from './routes/supervision.routes.ts';
import { opinionRoutes } from './routes/opinion.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { exportRoutes } from './routes/export.routes.ts';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { TErrorBody } from '@shared/api.ts';
import type { TConfig } from './config.ts';
import type { Database } from './db/schema.ts';
import { AppError } from './errors.ts';
import { authentication } from './plugins/auth.plugin.ts';
import { adminRoutes } from './routes/admin.routes.ts';
import { auditRoutes } from './routes/audit.routes.ts';
import { evidenceRoutes } from './routes/evidence.routes.ts';
import { lookbackRoutes } from './routes/lookback.routes.ts';
import { rectificationRoutes } from './routes/rectification.routes.ts';
import { documentRoutes } from './routes/document.routes.ts';
import type { TFileStorage } from './storage/file-storage.ts';
import { storageFrom } from './storage/storage-config.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { inspectionRoutes } from './routes/inspection.routes.ts';
import { importRoutes } from './routes/import.routes.ts';
import { measureRoutes } from './routes/measure.routes.ts';
import { choiceRoutes } from './routes/choices.routes.ts';

declare module 'fastify' {
  // Module augmentation needs an interface: a type alias cannot merge.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface FastifyInstance {
    apiRoutes: ReadonlyArray<{ method: string; url: string }>;
  }
}

/** Options of `buildApp`. */
export type TBuildAppOptions = {
  db: Kysely<Database>;
  config: TConfig;
  logger?: boolean;
  storage?: TFileStorage;
};

/** Builds the app (not listening). Serves the built web app from `config.webDist` when it exists. */
export async function buildApp({
  db,
  config,
  logger = false,
  storage = storageFrom(config),
}: TBuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? { level: config.logLevel } : false,
    bodyLimit: 1024 * 1024,
    // Only the configured proxies may name the client's address (rate limits and the audit trail use it).
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AppError) {
      const body: TErrorBody = {
        code: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
      };
      return reply.code(error.status).send(body);
    }
    const fastifyError = error as { statusCode?: number; code?: string };
    // A write racing the deletion of what it refers to (a ledger deleted as a file was being attached): the
    // database refused it whole; the user is told to look again, not that the server failed.
    if (fastifyError.code === '23503' || fastifyError.code === 'SQLITE_CONSTRAINT_FOREIGNKEY')
      return reply.code(409).send({
        code: 'CONFLICT',
        message: '所操作的记录已被删除或更改，请刷新后重试',
      } satisfies TErrorBody);
    // PostgreSQL gave up one of two transactions waiting on each other (a deadlock) or could not serialize it: the
    // other went through and nothing of this one was written; the user may simply try again.
    if (fastifyError.code === '40P01' || fastifyError.code === '40001')
      return reply.code(409).send({
        code: 'CONFLICT',
        message: '操作与他人同时进行而未完成，未做任何修改，请重试',
      } satisfies TErrorBody);
    const status = fastifyError.statusCode ?? 500;
    if (status === 429)
      return reply
        .code(429)
        .send({ code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' } satisfies TErrorBody);
    if (status === 413)
      return reply.code(413).send({
        code: 'TOO_LARGE',
        message: `提交的内容过大（上传文件不能超过 ${Math.round(config.evidenceMaxBytes / 1024 / 1024)} MB）`,
      } satisfies TErrorBody);
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ code: 'BAD_REQUEST', message: '请求格式有误' } satisfies TErrorBody);
    }
    request.log.error(error);
    return reply
      .code(500)
      .send({ code: 'INTERNAL', message: '服务器内部错误，请稍后重试或联系管理员' } satisfies TErrorBody);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its styles at run time (CSS-in-JS).
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'self'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, {
    global: false,
    // After body parsing, so limits can be keyed by what is submitted (the login name).
    hook: 'preHandler',
    errorResponseBuilder: () => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: '请求过于频繁，请稍后再试',
    }),
  });
  await app.register(cookie);
  registerInputGuard(app);
  // Nothing the API answers — data, evidence, exports — is kept by the browser or a proxy.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
  await app.register(authentication, {
    db,
    policy: sessionPolicy(config),
  });

  // Every route, recorded as it is added: the permission-matrix test checks each has a rule.
  const routes: Array<{ method: string; url: string }> = [];
  // ... and held to the contract: an API route missing from src/shared/routes.ts stops the server from starting.
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      if (route.url.startsWith('/api/') && routeKey(method, route.url) === undefined)
        throw new Error(`${method} ${route.url} is not declared in src/shared/routes.ts`);
      routes.push({ method, url: route.url });
    }
  });
  app.decorate('apiRoutes', routes);

  app.get('/api/health', () => ({ ok: true }));
  healthRoutes(app, { db, storage });
  authRoutes(app, { db, config });
  inspectionRoutes(app, { db, config });
  measureRoutes(app, { db, config });
  choiceRoutes(app, { db });
  importRoutes(app, { db, config });
  adminRoutes(app, { db, config });
  auditRoutes(app, { db, config });
  evidenceRoutes(app, { db, config, storage });
  lookbackRoutes(app, { db, config });
  rectificationRoutes(app, { db, config });
  documentRoutes(app, { db, config, storage });
  exportRoutes(app, { db, config, storage });
  supervisionRoutes(app, { db, config });
  opinionRoutes(app, { db });
  publicRoutes(app, { db, storage, publicUrl: config.publicUrl, secretKey: config.secretKey });

  const webDist = resolve(config.webDist);
  const hasWeb = existsSync(resolve(webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !hasWeb) {
      return reply.code(404).send({ code: 'NOT_FOUND', message: '请求的地址不存在' } satisfies TErrorBody);
    }
    // Client-side routes of the single-page app.
    return reply.sendFile('index.html');
  });
  return app;
}
