import { beforeAll, describe, expect, it } from 'vitest';
import type { TAuditEntryView } from '@shared/api.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, type TFixture, exportFile } from '../test-support/factories.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';
import { csvCell } from '../presenters/audit.presenter.ts';

describe('CSV cells', () => {
  it('quotes and defuses formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell(null)).toBe('""');
  });
});

describe.each(testEngines())('audit routes on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  beforeAll(() => {
    fx = fixture();
  });

  it('filters by who, what and object, newest first, within the reader’s units', async () => {
    const coordinator = await fx.login('coordinator');
    const id = fx.measureIds[0] ?? 0;
    await fx.app.inject({
      method: 'PATCH',
      url: `/api/measures/${id}`,
      headers: authed(coordinator),
      payload: { version: 1, deadline: '2030-03-03' },
    });
    const supervisor = await fx.login('supervisor');
    const res = await fx.app.inject({
      method: 'GET',
      url: `/api/audit?actor=coordinator-own&kind=measure.updated&objectType=measure&objectId=${id}`,
      headers: { cookie: supervisor },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ total: number; entries: TAuditEntryView[] }>();
    expect(body.total).toBe(1);
    expect(body.entries[0]).toMatchObject({
      actorLabel: 'coordinator-own',
      kind: 'measure.updated',
      kindLabel: '修改整改措施（六个明确等）',
      objectId: id,
    });
    const other = await fx.login('supervisor', 'other');
    const hidden = await fx.app.inject({
      method: 'GET',
      url: `/api/audit?objectType=measure&objectId=${id}`,
      headers: { cookie: other },
    });
    expect(hidden.json<{ total: number }>().total).toBe(0);
    expect(
      (
        await fx.app.inject({
          method: 'GET',
          url: '/api/audit?from=2026-13-01',
          headers: { cookie: supervisor },
        })
      ).statusCode,
    ).toBe(400);
  });

  it('exports CSV with a BOM and records the export', async () => {
    const cookie = await fx.login('principal');
    const res = await exportFile(fx.app, cookie, { what: 'audit', query: { kind: 'measure.updated' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.startsWith('\uFEFF"序号","时间（北京时间）","操作人","账号"')).toBe(true);
    // Objects by what people know them by, times in Beijing time, labels in Chinese.
    const line = res.body.split('\r\n').find((l) => l.includes('"整改措施"')) ?? '';
    expect(line).toMatch(/"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}"/);
    expect(line).toMatch(/"整改措施","[^"]*-\d+ [^"]+"/);
    expect(line).toContain('修改整改措施');
    const exported = await fx.db
      .selectFrom('audit_events')
      .select('actor_label')
      .where('kind', '=', 'audit.exported')
      .execute();
    expect(exported.map((e) => e.actor_label)).toContain('principal-own');
  });
});
