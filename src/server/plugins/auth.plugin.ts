/** Session cookie → `request.actor`. Also the CSRF guard: state-changing API calls must carry our header. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { UserRow } from '../db/schema.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { TActor } from '../policies/actor.ts';
import { passwordChangeReason, type TSessionPolicy } from '../policies/session-policy.ts';
import { actorForSession } from '../use-cases/auth/actor-for-user.ts';
import { resolveSession } from '../use-cases/auth/session.ts';

/** What an account that must change its password may still call. */
const PASSWORD_CHANGE_ALLOWED = new Set([
  '/api/auth/me',
  '/api/auth/change-password',
  '/api/auth/logout',
  '/api/auth/logout-all',
]);

/** Name of the session cookie. */
export const SESSION_COOKIE = 'zhenggai_session';
/** Header every state-changing request must carry; a cross-site form cannot set it. */
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_VALUE = 'zhenggai';

declare module 'fastify' {
  // Module augmentation needs an interface: a type alias cannot merge.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface FastifyRequest {
    actor: TActor | null;
    user: UserRow | null;
  }
}

/** Options of the auth plugin. */
export type TAuthPluginOptions = { db: Kysely<Database>; policy: TSessionPolicy };

function authPlugin(app: FastifyInstance, { db, policy }: TAuthPluginOptions, done: () => void): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const isWrite = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
    if (isWrite && request.url.startsWith('/api/') && request.headers[CSRF_HEADER] !== CSRF_VALUE) {
      throw new AppError('FORBIDDEN', '请求来源校验失败，请刷新页面后重试');
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await resolveSession(db, token, policy);
    if (!session) return;
    const { user } = session;
    request.user = user;
    request.actor = await actorForSession(db, session, request.ip);
    const mustChange = passwordChangeReason(user, policy);
    if (
      mustChange !== null &&
      !PASSWORD_CHANGE_ALLOWED.has(request.url.split('?')[0] ?? '') &&
      request.url.startsWith('/api/')
    ) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', mustChange);
    }
  });
  done();
}

/** Registers the session and CSRF hooks. */
export const authentication = fp(authPlugin, { name: 'zhenggai-auth' });

/** The actor of an authenticated request; 401 otherwise. */
export function requireActor(request: FastifyRequest): TActor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  return request.actor;
}

/** Sets the session cookie: httpOnly, SameSite=Lax, Secure over HTTPS. */
export function setSessionCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  token: string,
  maxHours: number,
): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: maxHours * 3600,
  });
}
