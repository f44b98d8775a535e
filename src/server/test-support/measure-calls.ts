/** The measure calls route tests make, as a given user: read the detail, move, edit, attach evidence. */
import type { TMeasureDetail } from '@shared/api.ts';
import { authed, type TFixture } from './factories.ts';

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
  return {
    detail,
    transition: async (who: string, id: number, action: string, reason?: string) =>
      fixture().app.inject({
        method: 'POST',
        url: `/api/measures/${id}/transitions`,
        headers: authed(cookieOf(who)),
        payload: { action, version: (await detail(id)).measure.version, ...(reason ? { reason } : {}) },
      }),
    patch: async (who: string, id: number, body: Record<string, unknown>) =>
      fixture().app.inject({
        method: 'PATCH',
        url: `/api/measures/${id}`,
        headers: authed(cookieOf(who)),
        payload: { version: (await detail(id)).measure.version, ...body },
      }),
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
