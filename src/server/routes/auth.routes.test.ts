import { LOGIN_FAILED_MESSAGE } from '../policies/session-policy.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../test-support/databases.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';
import { authed, TEST_PASSWORD, type TFixture } from '../test-support/factories.ts';

describe.each(testEngines())('auth routes on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  beforeAll(() => {
    fx = fixture();
  });

  it('logs in with the right password and sets an httpOnly SameSite=Lax cookie', async () => {
    const res = await fx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-requested-with': 'zhenggai' },
      payload: { username: 'coordinator-own', password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      username: 'coordinator-own',
      role: 'coordinator',
      roleLabel: '整改联络员',
    });
    const cookie = res.cookies.find((c) => c.name === 'zhenggai_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  });

  it('rejects a wrong password (401) with a Chinese message and records the failure', async () => {
    const res = await fx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-requested-with': 'zhenggai' },
      payload: { username: 'coordinator-own', password: 'wrong-password' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ code: 'UNAUTHENTICATED', message: LOGIN_FAILED_MESSAGE });
    const failures = await fx.db
      .selectFrom('audit_events')
      .select('kind')
      .where('kind', '=', 'auth.login_failed')
      .execute();
    expect(failures.length).toBeGreaterThan(0);
  });

  it('rejects an unknown user with the same message (401)', async () => {
    const res = await fx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-requested-with': 'zhenggai' },
      payload: { username: 'nobody', password: 'whatever-123' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json<{ message: string }>().message).toBe(LOGIN_FAILED_MESSAGE);
  });

  it('rejects an empty login form (400) in Chinese', async () => {
    const res = await fx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-requested-with': 'zhenggai' },
      payload: { username: '', password: '' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ message: string }>().message).toBe('请输入用户名');
  });

  it('refuses state-changing requests without the CSRF header (403)', async () => {
    const res = await fx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'coordinator-own', password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(403);
  });

  it('answers /me with 401 when not logged in and the user when logged in', async () => {
    expect((await fx.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const cookie = await fx.login('supervisor');
    const res = await fx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ role: 'supervisor', roleLabel: '纪检监察组' });
  });

  it('ends the session at logout', async () => {
    const cookie = await fx.login('principal');
    expect(
      (await fx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: authed(cookie) })).statusCode,
    ).toBe(200);
    expect(
      (await fx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode,
    ).toBe(401);
  });

  it('expires a session left idle longer than the limit', async () => {
    const cookie = await fx.login('leader');
    await fx.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() })
      .execute();
    expect(
      (await fx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode,
    ).toBe(401);
  });
});
