/** The measure calls route tests make, as a given user: read the detail, move, edit, attach evidence. */
import type { TMeasureDetail } from '@shared/api.ts';
import type { TRole } from '@shared/domain.ts';
import { authed, type TFixture } from './factories.ts';

/**
 * Logs in once per role and unit (`own` or `other`) and keeps the session cookie: `as('leader')`. `remember` keeps a
 * cookie obtained otherwise (e.g. a new account's) under a name `as` then answers for.
 */
export function sessionCookies(fixture: () => TFixture) {
  const cookies = new Map<string, string>();
  const as = async (role: TRole, where: 'own' | 'other' = 'own'): Promise<string> => {
    const key = `${role}-${where}`;
    const known = cookies.get(key);
    if (known !== undefined) return known;
    const cookie = await fixture().login(role, where);
    cookies.set(key, cookie);
    return cookie;
  };
  const remember = (name: string, cookie: string) => {
    cookies.set(`${name}-own`, cookie);
  };
  return { as, remember };
}

/** A small PDF that passes the evidence type check. */
export const TEST_PDF = Buffer.from('%PDF-1.4\n% evidence\n');

/**
 * The calls, each as the user whose session cookie `cookieOf(who)` returns; reads go as the coordinator. The fixture
 * is taken when a call is made, so the calls can be declared before the suite's set-up has run.
 */
export function measureCalls(fixture: () => TFixture, cookieOf: (who: string) => string) {
  const detail = async (id: number, who = 'coordinator') =>
    (
      await fixture().app.inject({
        method: 'GET',
        url: `/api/measures/${id}`,
        headers: { cookie: cookieOf(who) },
      })
    ).json<TMeasureDetail>();
  const transition = async (who: string, id: number, action: string, reason?: string) =>
    fixture().app.inject({
      method: 'POST',
      url: `/api/measures/${id}/transitions`,
      headers: authed(cookieOf(who)),
      payload: { action, version: (await detail(id)).measure.version, ...(reason ? { reason } : {}) },
    });
  const patch = async (who: string, id: number, body: Record<string, unknown>) =>
    fixture().app.inject({
      method: 'PATCH',
      url: `/api/measures/${id}`,
      headers: authed(cookieOf(who)),
      payload: { version: (await detail(id)).measure.version, ...body },
    });
  /**
   * The fixture's own measure at `index`, made six-clear by the coordinator (the office's department, the leader and
   * the responsible person, a deadline in 2030) and started; its id.
   */
  const started = async (index: number): Promise<number> => {
    const id = fixture().measureIds[index] ?? 0;
    const f = fixture();
    const edited = await patch('coordinator', id, {
      departmentId: f.departmentId,
      leaderId: f.leaderId,
      personId: f.personId,
      deadline: '2030-06-30',
    });
    if (edited.statusCode !== 200) throw new Error(`措施 ${id} 未能补齐六个明确：${edited.body}`);
    const begun = await transition('coordinator', id, 'start');
    if (begun.statusCode !== 200) throw new Error(`措施 ${id} 未能启动：${begun.body}`);
    return id;
  };
  return {
    detail,
    transition,
    patch,
    started,
    upload: (who: string, id: number, bytes: Buffer = TEST_PDF, name = '纪要.pdf') =>
      fixture().app.inject({
        method: 'POST',
        url: `/api/measures/${id}/evidence?documentedDate=2026-11-01`,
        headers: {
          ...authed(cookieOf(who)),
          'content-type': 'application/octet-stream',
          'x-file-name': encodeURIComponent(name),
        },
        payload: bytes,
      }),
  };
}
