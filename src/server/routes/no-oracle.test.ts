import { beforeAll, describe, expect, it } from 'vitest';
import { parseAnnouncementText } from '@importers/announcement-text.importer.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, SMALL_ANNOUNCEMENT, type TFixture } from '../test-support/factories.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';

/** Nothing answers differently for what exists in another unit than for what does not exist at all. */
describe.each(testEngines())('no existence oracle on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  beforeAll(() => {
    fx = fixture();
  });
  const message = (r: { json: <T>() => T }) => r.json<{ message: string }>().message;

  it('a user name taken in another unit is “不可用”, without saying where or whose', async () => {
    const res = await fx.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: authed(await fx.login('admin')),
      payload: {
        username: 'coordinator-other',
        displayName: '重名',
        role: 'coordinator',
        unitId: fx.unitId,
        password: 'Qing-shan-2026',
      },
    });
    expect(res.statusCode).toBe(409);
    expect(message(res)).toBe('用户名“coordinator-other”不可用，请换一个用户名');
  });

  it('importing for another unit’s name answers as for a unit that does not exist', async () => {
    const parsed = parseAnnouncementText(SMALL_ANNOUNCEMENT);
    if (!parsed.ok) throw new Error(parsed.error);
    const cookie = await fx.login('coordinator');
    const confirm = (unit: string) =>
      fx.app.inject({
        method: 'POST',
        url: '/api/imports/confirm',
        headers: authed(cookie),
        payload: { document: { ...parsed.document, unit } },
      });
    const existing = await confirm('中共某某市另一局党组');
    const missing = await confirm('中共某某市不存在局党组');
    expect([existing.statusCode, missing.statusCode]).toEqual([403, 403]);
    expect(message(existing).replace('另一', '')).toBe(message(missing).replace('不存在', ''));
  });
});
