/** /api/auth: login, logout, who am I. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';

import type { TConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { requireActor, SESSION_COOKIE, setSessionCookie } from '../plugins/auth.plugin.ts';
import { sessionPolicy } from '../policies/session-policy.ts';
import { changePassword } from '../use-cases/auth/change-password.ts';
import { readMe } from '../use-cases/auth/read-me.ts';
import { login, logout, logoutEverywhere } from '../use-cases/auth/session.ts';
import { AppError } from '../errors.ts';
import { keyThrottle } from '../plugins/login-throttle.ts';
import { bodyOf } from './route-helpers.ts';

/** Registers the auth routes. */
export function authRoutes(
  app: FastifyInstance,
  { db, config }: { db: Kysely<Database>; config: TConfig },
): void {
  const policy = sessionPolicy(config);
  const uploads = { maxBytes: config.evidenceMaxBytes, photoMaxEdge: config.photoMaxEdge };
  const loginName = (r: { body?: unknown }) => {
    const username = (r.body as { username?: unknown } | undefined)?.username;
    return typeof username === 'string' ? username.slice(0, 64).toLowerCase() : '';
  };
  // Per address and user name, so one office behind one address is not locked out together; and per user name
  // from every address, so guesses spread over many addresses are throttled too.
  const perUser = keyThrottle(db, config.loginRatePerUserPerMinute, 60_000);

  app.post(
    '/api/auth/login',
    {
      config: {
        rateLimit: {
          max: config.loginRatePerMinute,
          timeWindow: '1 minute',
          keyGenerator: (r: { ip: string; body?: unknown }) => `${r.ip}|${loginName(r)}`,
        },
      },
    },
    async (request, reply) => {
      await perUser.hit(loginName(request));
      const body = bodyOf(request, 'POST /api/auth/login');
      const { token, userId } = await login({
        db,
        username: body.username,
        password: body.password,
        ip: request.ip,
        policy,
      });
      setSessionCookie(reply, request, token, config.sessionMaxHours);
      return readMe(db, userId, policy, uploads);
    },
  );

  app.post('/api/auth/logout', async (request, reply) => {
    const actor = requireActor(request);
    const token = request.cookies[SESSION_COOKIE];
    if (token) await logout(db, token, actor);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.post('/api/auth/change-password', async (request) => {
    const actor = requireActor(request);
    if (!request.user) throw new AppError('UNAUTHENTICATED', '请先登录');
    const body = bodyOf(request, 'POST /api/auth/change-password');
    await changePassword({
      db,
      user: request.user,
      actor,
      currentPassword: body.currentPassword,
      newPassword: body.newPassword,
      sessionToken: request.cookies[SESSION_COOKIE],
      ip: request.ip,
    });
    return readMe(db, request.user.id, policy, uploads);
  });

  app.post('/api/auth/logout-all', async (request, reply) => {
    const actor = requireActor(request);
    const sessions = await logoutEverywhere(db, actor);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true, sessions };
  });

  app.get('/api/auth/me', async (request) => {
    requireActor(request);
    if (!request.user) throw new AppError('UNAUTHENTICATED', '请先登录');
    return readMe(db, request.user, policy, uploads);
  });
}
