/**
 * Lists keep working when a scope holds more measures than a statement can carry parameters (SQLite: 32,766;
 * PostgreSQL: 65,535): counts and colours are computed by the database, never through lists of ids. (Speed is
 * proved by `npm run bench`, not here.)
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TInspectionView, TLedgerView } from '@shared/api.ts';
import { testEngines } from '../test-support/databases.ts';
import type { TFixture } from '../test-support/factories.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';

const EXTRA = 70_000;

describe.each(testEngines())('a scope of %s with 70,000 more measures', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  beforeAll(async () => {
    fx = fixture();
    const template = fx.measureIds[0] ?? 0;
    await sql`insert into measures (inspection_id, problem_id, ordinal, task, content, department_id, leader_id,
        person_id, deadline, is_standing, state, progress, is_demo, version, created_at, created_by, updated_at,
        updated_by, late_extension)
      select m.inspection_id, m.problem_id, 1000 + n.i, m.task, m.content, m.department_id, m.leader_id, m.person_id,
        case when n.i % 3 = 0 then '2000-01-01' else '2999-12-31' end, 0,
        case when n.i % 10 = 0 then 'closed' else 'in_progress' end,
        null, 0, 1, m.created_at, null, m.updated_at, null, 0
      from measures m,
        (with recursive seq(i) as (select 1 union all select i + 1 from seq where i < ${EXTRA}) select i from seq) n
      where m.id = ${template}`.execute(fx.db);
  }, 120_000);

  it('lists the inspections with counts by colour', async () => {
    const res = await fx.app.inject({
      method: 'GET',
      url: '/api/inspections',
      headers: { cookie: await fx.login('inspection_office') },
    });
    expect(res.statusCode).toBe(200);
    const own = res.json<TInspectionView[]>().find((i) => i.id === fx.inspectionId);
    expect(own?.counts.measures).toBeGreaterThanOrEqual(EXTRA);
    expect(own?.counts.closed).toBeGreaterThanOrEqual(EXTRA / 10);
    expect(own?.counts.red).toBeGreaterThanOrEqual(EXTRA / 3 - EXTRA / 10);
  }, 120_000);

  it('reads the ledger of the inspection', async () => {
    const res = await fx.app.inject({
      method: 'GET',
      url: `/api/inspections/${fx.inspectionId}/ledger`,
      headers: { cookie: await fx.login('coordinator') },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<TLedgerView>().inspection.counts.measures).toBeGreaterThanOrEqual(EXTRA);
  }, 120_000);
});
