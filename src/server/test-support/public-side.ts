/** The calls public-side tests make: publish an announcement version, make the unit public, read the list. */
import { expect } from 'vitest';
import type { TAdminUnit, TAnnouncementView } from '@shared/api.ts';
import { authed, type TFixture } from './factories.ts';
import { sessionCookies } from './measure-calls.ts';

const DRAFT = {
  section1Heading: '提高站位,切实抓好整改',
  section1Text: '局党组认真履行整改主体责任。',
  section3Heading: '持续巩固整改成果',
  section3Text: '对已完成的整改任务适时组织“回头看”。',
  includeStatistics: true,
};

/** The calls, on the fixture's own unit and inspection. */
export function publicSideCalls(fixture: () => TFixture) {
  const { as } = sessionCookies(fixture);
  const versions = async () =>
    (
      await fixture().app.inject({
        method: 'GET',
        url: `/api/inspections/${fixture().inspectionId}/announcements`,
        headers: { cookie: await as('coordinator') },
      })
    ).json<TAnnouncementView[]>();
  const step = async (role: 'coordinator' | 'principal', id: number, s: string) => {
    const res = await fixture().app.inject({
      method: 'POST',
      url: `/api/announcements/${id}/${s}`,
      headers: authed(await as(role)),
      payload: {},
    });
    expect(res.statusCode, `${s}: ${res.body}`).toBe(200);
  };
  /** Saves a draft with these words in section 三. */
  const draft = async (words: string) => {
    const saved = await fixture().app.inject({
      method: 'PUT',
      url: `/api/inspections/${fixture().inspectionId}/announcements/draft`,
      headers: authed(await as('coordinator')),
      payload: { ...DRAFT, section3Text: words, version: (await versions())[0]?.version ?? 0 },
    });
    expect(saved.statusCode, saved.body).toBe(200);
  };
  /** Drafts a version with these words in section 三 and takes it to published; its announcement id. */
  const publish = async (words: string) => {
    await draft(words);
    const [latest] = await versions();
    await step('coordinator', latest?.id ?? 0, 'submit');
    await step('principal', latest?.id ?? 0, 'approve');
    await step('coordinator', latest?.id ?? 0, 'publish');
    return latest?.id ?? 0;
  };
  /** The administrator makes the unit public or private (and may change its contact). */
  const setPublic = async (isPublic: boolean, extra: Record<string, unknown> = {}) => {
    const units = (
      await fixture().app.inject({
        method: 'GET',
        url: '/api/admin/units',
        headers: { cookie: await as('admin') },
      })
    ).json<TAdminUnit[]>();
    const unit = units.find((u) => u.id === fixture().unitId);
    const res = await fixture().app.inject({
      method: 'PATCH',
      url: `/api/admin/units/${fixture().unitId}`,
      headers: authed(await as('admin')),
      payload: { version: unit?.version ?? 0, isPublic, ...extra },
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  /** The public ids of the listed announcements (from the list's links). */
  const listedIds = async (query = '') =>
    [
      ...(await fixture().app.inject({ method: 'GET', url: `/public${query}` })).body.matchAll(
        /href="\/public\/announcements\/(\d+)"/g,
      ),
    ].map((m) => Number(m[1]));
  return { as, versions, step, draft, publish, setPublic, listedIds };
}
