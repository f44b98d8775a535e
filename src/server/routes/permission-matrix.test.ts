/**
 * Every API route × every role × (object of the actor's own unit, object of another unit): the expected status
 * of each cell. The rows come from the app's own route list, so a new route without a rule fails this test.
 */
import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';

import { ROLES, type TRole } from '@shared/domain.ts';
import { writeBreakdownTemplate } from '@documents/ledger-xlsx.ts';
import { systemActor } from '../policies/actor.ts';
import { localDiskStorage } from '../storage/file-storage.ts';

import { ensureDepartment, insertPerson } from '../repositories/unit.repository.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, TEST_PASSWORD, type TFixture } from '../test-support/factories.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';
import { ROUTES } from '@shared/routes.ts';
import { createUser } from '../use-cases/users/create-user.ts';

import { read, type TIds } from '../test-support/permission-rules.ts';
import { LEDGER_ROUTE_RULES } from '../test-support/permission-routes-ledger.ts';
import { OFFICE_ROUTE_RULES } from '../test-support/permission-routes-office.ts';
import { OPINION_ROUTE_RULES } from '../test-support/permission-routes-opinions.ts';
import { ADMIN_ROUTE_RULES } from '../test-support/permission-routes-admin.ts';

const RULES = {
  ...LEDGER_ROUTE_RULES,
  ...OFFICE_ROUTE_RULES,
  ...OPINION_ROUTE_RULES,
  ...ADMIN_ROUTE_RULES,
};

describe.each(testEngines())('permission matrix on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  let ids: TIds;
  const cookies = new Map<TRole, string>();
  beforeAll(async () => {
    fx = fixture();
    const actor = systemActor('test');
    const otherDepartment = await ensureDepartment(fx.db, fx.otherUnitId, '其他部室', false);
    const otherPerson = await insertPerson(fx.db, {
      unitId: fx.otherUnitId,
      departmentId: otherDepartment,
      name: '他单位人员',
      position: null,
      isDemo: false,
    });
    const dummy = async (unitId: number, name: string) =>
      createUser({
        db: fx.db,
        actor,
        username: name,
        displayName: name,
        password: TEST_PASSWORD,
        role: 'responsible',
        unitId,
      });
    ids = {
      otherDepartment,
      otherPerson,
      dummyUser: {
        own: await dummy(fx.unitId, 'dummy-own'),
        other: await dummy(fx.otherUnitId, 'dummy-other'),
      },
      template: await writeBreakdownTemplate(),
      storage: localDiskStorage(fx.config.filesDir),
    };
  });

  const routes = () =>
    fx.app.apiRoutes.filter((r) => r.url.startsWith('/api/')).map((r) => `${r.method} ${r.url}`);

  it('registers exactly the routes of the shared contract (src/shared/routes.ts)', () => {
    expect([...routes()].sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it('has a rule for every API route', () => {
    const missing = routes().filter((r) => !(r in RULES));
    expect(missing, 'routes without a rule in the permission matrix').toEqual([]);
    expect(
      Object.keys(RULES).filter((r) => !routes().includes(r)),
      'rules for routes that no longer exist',
    ).toEqual([]);
  });

  it('answers every protected route with 401 when not logged in', async () => {
    let n = 0;
    for (const route of routes()) {
      const rule = RULES[route];
      if (!rule || rule.isPublic) continue;
      const req = await rule.request({ fx, where: 'own', n: (n += 1), ids });
      const res = await fx.app.inject({
        ...req,
        headers: { 'x-requested-with': 'zhenggai', ...(req.headers ?? {}) },
      } as InjectOptions);
      expect(res.statusCode, route).toBe(401);
    }
  });

  it('gives each role on its own and another unit exactly the expected status', async () => {
    let n = 100;
    const cells: string[] = [];
    for (const route of routes()) {
      const rule = RULES[route];
      if (!rule) continue;
      for (const role of ROLES) {
        for (const where of ['own', 'other'] as const) {
          n += 1;
          let cookie = cookies.get(role);
          if (!cookie) {
            cookie = await fx.login(role, 'own');
            cookies.set(role, cookie);
          }
          const req = await rule.request({ fx, where, n, ids });
          const res = await fx.app.inject({
            ...req,
            headers: { ...authed(cookie), ...(req.headers ?? {}) },
          } as InjectOptions);
          const expected = rule.expect(role, where);
          if (res.statusCode !== expected)
            cells.push(
              `${route} as ${role} on ${where} unit: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 120)}`,
            );
          else if (rule.sees && rule.sees(res.body) !== (read(role, where) === 200))
            cells.push(
              `${route} as ${role} on ${where} unit: ${read(role, where) === 200 ? 'misses' : 'shows'} objects`,
            );
          if (rule.endsSession) cookies.delete(role);
        }
      }
    }
    expect(cells).toEqual([]);
  });
});
