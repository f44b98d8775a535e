import { beforeAll, describe, expect, it } from 'vitest';
import { passwordProblems } from '@shared/password-policy.ts';
import { buildApp } from '../app.ts';
import { systemActor } from '../policies/actor.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, testConfig, TEST_PASSWORD, type TFixture } from '../test-support/factories.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';
import { createUser } from '../use-cases/users/create-user.ts';

const H = { 'x-requested-with': 'zhenggai' };

describe('password policy', () => {
  it('asks for 10 characters, not the user name, not a common password', () => {
    expect(passwordProblems('short', 'zhang')).toEqual(['密码至少 10 位']);
    expect(passwordProblems('zhang-2026-secret', 'zhang')).toEqual(['密码不能包含用户名']);
    expect(passwordProblems('Password123', 'zhang')).toEqual(['该密码过于常见，请换一个']);
    expect(passwordProblems('aaaaaaaaaaaa', 'zhang')).toEqual(['密码不能是同一个字符的重复']);
    expect(passwordProblems('Qing-shan-2026', 'zhang')).toEqual([]);
  });
});

describe.each(testEngines())('authentication hardening on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  beforeAll(() => {
    fx = fixture();
  });
  const login = (username: string, password: string) =>
    fx.app.inject({ method: 'POST', url: '/api/auth/login', headers: H, payload: { username, password } });

  it('locks an account after 5 failed logins, even for the right password, and says for how long', async () => {
    for (let i = 0; i < 5; i += 1)
      expect((await login('principal-other', 'wrong-password-x')).statusCode).toBe(401);
    const locked = await login('principal-other', TEST_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json<{ message: string }>().message).toMatch(/已临时锁定，请 1[45] 分钟后再试/);
    // The lock ends by itself.
    await fx.db
      .updateTable('users')
      .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
      .where('username', '=', 'principal-other')
      .execute();
    expect((await login('principal-other', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('forces an administrator-created account to change its password before anything else', async () => {
    await createUser({
      db: fx.db,
      actor: systemActor('test'),
      username: 'newcomer',
      displayName: '新人',
      password: 'First-pass-2026',
      role: 'coordinator',
      unitId: fx.unitId,
      mustChangePassword: true,
    });
    const res = await login('newcomer', 'First-pass-2026');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ mustChangePassword: true });
    const cookie = `zhenggai_session=${res.cookies.find((c) => c.name === 'zhenggai_session')?.value ?? ''}`;
    const blocked = await fx.app.inject({ method: 'GET', url: '/api/inspections', headers: { cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    const weak = await fx.app.inject({
      method: 'POST',
      url: '/api/auth/change-password',
      headers: authed(cookie),
      payload: { currentPassword: 'First-pass-2026', newPassword: 'newcomer-2026-x' },
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json<{ message: string }>().message).toBe('密码不能包含用户名');
    const wrong = await fx.app.inject({
      method: 'POST',
      url: '/api/auth/change-password',
      headers: authed(cookie),
      payload: { currentPassword: 'nope-nope-nope', newPassword: 'Second-pass-2026' },
    });
    expect(wrong.json<{ message: string }>().message).toBe('当前密码不正确');
    const changed = await fx.app.inject({
      method: 'POST',
      url: '/api/auth/change-password',
      headers: authed(cookie),
      payload: { currentPassword: 'First-pass-2026', newPassword: 'Second-pass-2026' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ mustChangePassword: false });
    expect(
      (await fx.app.inject({ method: 'GET', url: '/api/inspections', headers: { cookie } })).statusCode,
    ).toBe(200);
    expect((await login('newcomer', 'First-pass-2026')).statusCode).toBe(401);
  });

  it('logs out everywhere', async () => {
    const a = await fx.login('leader');
    const b = await fx.login('leader');
    const res = await fx.app.inject({ method: 'POST', url: '/api/auth/logout-all', headers: authed(a) });
    expect(res.json()).toMatchObject({ ok: true, sessions: 2 });
    expect(
      (await fx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: b } })).statusCode,
    ).toBe(401);
  });

  it('sends security headers and a strict content security policy', async () => {
    const res = await fx.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("object-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('limits login attempts per address and user name (429)', async () => {
    const app = await buildApp({ db: fx.db, config: testConfig({ loginRatePerMinute: 3 }) });
    const attempt = () =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: H,
        payload: { username: 'nobody-here', password: 'x' },
      });
    for (let i = 0; i < 3; i += 1) expect((await attempt()).statusCode).toBe(401);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({ code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' });
    await app.close();
  });

  it('never leaks stack traces or SQL in errors', async () => {
    const res = await fx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { ...H, 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/at .*\.ts|select |SyntaxError/i);
  });
});
