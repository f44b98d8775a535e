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
  it('asks for 10 characters of three classes, not the user name, not a common password', () => {
    expect(passwordProblems('Sh0rt!', 'zhang')).toEqual(['密码至少 10 位']);
    expect(passwordProblems('qingshan2026', 'zhang')).toEqual([
      '密码须包含大写字母、小写字母、数字、符号中的至少三类',
    ]);
    expect(passwordProblems('zhang-2026-Secret', 'zhang')).toEqual(['密码不能包含用户名']);
    expect(passwordProblems('Password123', 'zhang')).toEqual(['该密码过于常见，请换一个']);
    // Common words dressed up with digits, symbols and substitutions are still common.
    for (const p of ['P@ssw0rd2024', 'Admin#2024!', 'Woaini1314!', 'Qwerty@12345'])
      expect(passwordProblems(p, 'zhang')).toEqual(['该密码过于常见，请换一个']);
    expect(passwordProblems('AAAAAAAAAAAA', 'zhang')).toContain('密码不能是同一个字符的重复');
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

  it('locks an account after 5 failed logins, even for the right password, answering as for an unknown name', async () => {
    for (let i = 0; i < 5; i += 1)
      expect((await login('principal-other', 'wrong-password-x')).statusCode).toBe(401);
    const locked = await login('principal-other', TEST_PASSWORD);
    const unknown = await login('no-such-user-anywhere', TEST_PASSWORD);
    expect(locked.statusCode).toBe(401);
    // No oracle: a locked account and a name that does not exist get the same status and the same words.
    expect(locked.json()).toEqual(unknown.json());
    expect(locked.json<{ message: string }>().message).toContain('连续错误 5 次，账号将锁定 15 分钟');
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

  it('holds the lock-out under 40 parallel guesses: no more than 5 passwords are checked, the right one then fails', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login('supervisor-other', `Wrong-guess-${i}-x`)),
    );
    expect(guesses.every((g) => g.statusCode === 401)).toBe(true);
    const user = await fx.db
      .selectFrom('users')
      .select(['id', 'locked_until'])
      .where('username', '=', 'supervisor-other')
      .executeTakeFirstOrThrow();
    expect(user.locked_until).not.toBeNull();
    const checked = await fx.db
      .selectFrom('audit_events')
      .select('after_json')
      .where('kind', '=', 'auth.login_failed')
      .where('object_id', '=', user.id)
      .execute();
    expect(checked).toHaveLength(40);
    expect(checked.filter((e) => (e.after_json ?? '').includes('"reason":"password"'))).toHaveLength(5);
    expect((await login('supervisor-other', TEST_PASSWORD)).statusCode).toBe(401);
  });

  it('counts wrong current passwords in change-password like failed logins, audits them, and locks after 5', async () => {
    const cookie = await fx.login('responsible', 'other');
    const change = (currentPassword: string) =>
      fx.app.inject({
        method: 'POST',
        url: '/api/auth/change-password',
        headers: authed(cookie),
        payload: { currentPassword, newPassword: 'Brand-new-2026x' },
      });
    for (let i = 0; i < 4; i += 1) expect((await change(`Not-it-${i}-2026`)).statusCode).toBe(422);
    const fifth = await change('Not-it-5-2026');
    expect(fifth.json<{ message: string }>().message).toContain('账号已锁定');
    const audited = await fx.db
      .selectFrom('audit_events')
      .select('id')
      .where('kind', '=', 'auth.password_change_failed')
      .execute();
    expect(audited.length).toBeGreaterThanOrEqual(5);
    // Locked: the session is gone, and the right password does not log in for now.
    expect(
      (await fx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode,
    ).toBe(401);
    expect((await login('responsible-other', TEST_PASSWORD)).statusCode).toBe(401);
  });

  it('asks for a new password when the old one is past its age, and for demo accounts outside demo mode', async () => {
    await fx.db
      .updateTable('users')
      .set({ password_changed_at: new Date(Date.now() - 91 * 86_400_000).toISOString() })
      .where('username', '=', 'coordinator-other')
      .execute();
    const old = await login('coordinator-other', TEST_PASSWORD);
    expect(old.json()).toMatchObject({ mustChangePassword: true });
    const cookie = `zhenggai_session=${old.cookies.find((c) => c.name === 'zhenggai_session')?.value ?? ''}`;
    const blocked = await fx.app.inject({ method: 'GET', url: '/api/inspections', headers: { cookie } });
    expect(blocked.json()).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    expect(blocked.json<{ message: string }>().message).toContain('超过 90 天');

    await createUser({
      db: fx.db,
      actor: systemActor('test'),
      username: 'demo-like',
      displayName: '演示',
      password: 'Zhenggai@2026',
      role: 'leader',
      unitId: fx.unitId,
      isDemo: true,
    });
    const demo = await login('demo-like', 'Zhenggai@2026');
    expect(demo.json()).toMatchObject({ mustChangePassword: true });
    const demoApp = await buildApp({ db: fx.db, config: testConfig({ isDemo: true }) });
    const inDemo = await demoApp.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: H,
      payload: { username: 'demo-like', password: 'Zhenggai@2026' },
    });
    expect(inDemo.json()).toMatchObject({ mustChangePassword: false });
    await demoApp.close();
  });

  it('measures the idle timeout from the last request, to the second', async () => {
    const cookie = await fx.login('supervisor');
    const fiftySecondsAgo = new Date(Date.now() - 50_000).toISOString();
    await fx.db.updateTable('sessions').set({ last_seen_at: fiftySecondsAgo }).execute();
    await fx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    const sessions = await fx.db.selectFrom('sessions').select('last_seen_at').execute();
    // Every session this request did not use still shows 50 s ago; the one it used shows now.
    expect(sessions.some((x) => Date.now() - Date.parse(x.last_seen_at) < 5_000)).toBe(true);
  });

  it('believes X-Forwarded-For only from configured proxies, and limits guesses per user name across addresses', async () => {
    const forged = await login('nobody-forged', 'x');
    expect(forged.statusCode).toBe(401);
    const spoofed = await fx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { ...H, 'x-forwarded-for': '203.0.113.66' },
      payload: { username: 'nobody-spoofed', password: 'x' },
    });
    expect(spoofed.statusCode).toBe(401);
    const recorded = await fx.db
      .selectFrom('audit_events')
      .select('ip')
      .where('actor_label', '=', 'nobody-spoofed')
      .executeTakeFirstOrThrow();
    expect(recorded.ip).not.toBe('203.0.113.66');

    // Two processes on one database (as behind one port): the count per user name is shared, in the database.
    const proxied = () =>
      buildApp({
        db: fx.db,
        config: testConfig({ trustedProxies: ['127.0.0.1'], loginRatePerUserPerMinute: 3 }),
      });
    const behindProxy = await proxied();
    const second = await proxied();
    const from = (address: string, app = behindProxy) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { ...H, 'x-forwarded-for': address },
        payload: { username: 'spread-guesses', password: 'x' },
      });
    expect((await from('198.51.100.1')).statusCode).toBe(401);
    expect((await from('198.51.100.2', second)).statusCode).toBe(401);
    expect((await from('198.51.100.3')).statusCode).toBe(401);
    expect((await from('198.51.100.4', second)).statusCode).toBe(429);
    expect((await from('198.51.100.5')).statusCode).toBe(429);
    await second.close();
    // Names are counted as hashes: the throttle keeps no user name.
    const kept = await fx.db.selectFrom('login_windows').select('name_hash').execute();
    expect(kept.map((k) => k.name_hash).join()).not.toContain('spread-guesses');
    const viaProxy = await fx.db
      .selectFrom('audit_events')
      .select('ip')
      .where('actor_label', '=', 'spread-guesses')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(viaProxy.ip).toBe('198.51.100.1');
    await behindProxy.close();
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
