/**
 * Years of staff turnover in a unit's directory, on both databases, tried as the administrator and as an attacker:
 * a department renamed keeps its old name in the audit trail; a closed department takes no new work but stays on
 * the measures it had; a department merged into another gives it its open measures and people; a duplicate person
 * record merged into the real one gives it the open work and the accounts; stale versions, other units, other roles
 * and two merges at once are refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TAdminUnit, TMergeResult } from '@shared/api.ts';
import { ensureDepartment, insertPerson } from '../repositories/unit.repository.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, type TFixture } from '../test-support/factories.ts';
import { sessionCookies } from '../test-support/measure-calls.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';

describe.each(testEngines())('editing and merging departments and people on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  const { as } = sessionCookies(() => fx);
  beforeAll(() => {
    fx = fixture();
  });
  const call = async (
    method: 'PATCH' | 'POST',
    url: string,
    payload: unknown,
    who: Parameters<typeof as>[0] = 'admin',
  ) =>
    fx.app.inject({
      method,
      url,
      headers: authed(await as(who)),
      payload: payload as Record<string, unknown>,
    });
  const department = (name: string, unitId = fx.unitId) => ensureDepartment(fx.db, unitId, name, false);
  const person = (name: string, departmentId: number | null = null, unitId = fx.unitId) =>
    insertPerson(fx.db, { unitId, departmentId, name, position: null, isDemo: false });
  const measureRow = (id: number) =>
    fx.db
      .selectFrom('measures')
      .select(['department_id', 'person_id', 'version', 'state'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const audits = (kind: string, objectId: number) =>
    fx.db
      .selectFrom('audit_events')
      .select(['before_json', 'after_json'])
      .where('kind', '=', kind)
      .where('object_id', '=', objectId)
      .execute();

  it('renames and closes a department: audited with the old name, no new work, kept where it was', async () => {
    const id = await department('老干部科');
    const rename = await call('PATCH', `/api/admin/departments/${id}`, { version: 1, name: '离退休干部科' });
    expect(rename.statusCode).toBe(200);
    const [entry] = await audits('department.updated', id);
    expect(entry?.before_json).toContain('老干部科');
    expect(entry?.after_json).toContain('离退休干部科');
    // The same version again: someone saved first.
    const stale = await call('PATCH', `/api/admin/departments/${id}`, { version: 1, name: '又一个名字' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ message: string }>().message).toContain('刷新');
    // A name another department of the unit has.
    await department('办公室甲');
    const taken = await call('PATCH', `/api/admin/departments/${id}`, { version: 2, name: '办公室甲' });
    expect(taken.statusCode).toBe(409);

    // On a measure, then closed: the measure keeps it (edits of other fields pass), new work cannot take it.
    const kept = fx.measureIds[0] ?? 0;
    await fx.db.updateTable('measures').set({ department_id: id }).where('id', '=', kept).execute();
    expect(
      (await call('PATCH', `/api/admin/departments/${id}`, { version: 2, isActive: false })).statusCode,
    ).toBe(200);
    const m = await measureRow(kept);
    const edit = await call(
      'PATCH',
      `/api/measures/${kept}`,
      { version: m.version, departmentId: id, goal: '目标不变的部室' },
      'coordinator',
    );
    expect(edit.statusCode).toBe(200);
    const other = fx.measureIds[1] ?? 0;
    const refused = await call(
      'PATCH',
      `/api/measures/${other}`,
      { version: (await measureRow(other)).version, departmentId: id },
      'coordinator',
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.json<{ message: string }>().message).toContain('已停用');
    const units = (
      await fx.app.inject({ method: 'GET', url: '/api/admin/units', headers: authed(await as('admin')) })
    ).json<TAdminUnit[]>();
    const listed = units.find((u) => u.id === fx.unitId)?.departments.find((d) => d.id === id);
    expect(listed?.inactiveAt).not.toBeNull();
    expect(listed?.name).toBe('离退休干部科');
  });

  it('merges a department into another: open measures and people move, closed measures stay', async () => {
    const from = await department('纪检组');
    const into = await department('纪检监察室');
    const member = await person('纪检干部', from);
    const [openId, closedId] = [fx.measureIds[2] ?? 0, fx.measureIds[3] ?? 0];
    await fx.db
      .updateTable('measures')
      .set({ department_id: from })
      .where('id', 'in', [openId, closedId])
      .execute();
    await fx.db.updateTable('measures').set({ state: 'closed' }).where('id', '=', closedId).execute();
    // Attackers first: another role, another unit's department as target, itself.
    expect(
      (
        await call(
          'POST',
          `/api/admin/departments/${from}/merge`,
          { version: 1, intoId: into },
          'coordinator',
        )
      ).statusCode,
    ).toBe(403);
    const foreign = await department('外单位部室', fx.otherUnitId);
    expect(
      (await call('POST', `/api/admin/departments/${from}/merge`, { version: 1, intoId: foreign }))
        .statusCode,
    ).toBe(422);
    expect(
      (await call('POST', `/api/admin/departments/${from}/merge`, { version: 1, intoId: from })).statusCode,
    ).toBe(422);

    // Two merges at once: one passes.
    const twice = await Promise.all([
      call('POST', `/api/admin/departments/${from}/merge`, { version: 1, intoId: into }),
      call('POST', `/api/admin/departments/${from}/merge`, { version: 1, intoId: into }),
    ]);
    expect(twice.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const result = twice.find((r) => r.statusCode === 200)?.json() as TMergeResult;
    expect(result).toMatchObject({ measures: 1, people: 1 });
    expect((await measureRow(openId)).department_id).toBe(into);
    expect((await measureRow(closedId)).department_id).toBe(from); // history keeps the old department
    const moved = await fx.db
      .selectFrom('people')
      .select('department_id')
      .where('id', '=', member)
      .executeTakeFirstOrThrow();
    expect(moved.department_id).toBe(into);
    expect(await audits('department.merged', from)).toHaveLength(1);
    expect(await audits('measure.updated', openId)).not.toHaveLength(0);
    // A merged department is not reopened.
    expect(
      (await call('PATCH', `/api/admin/departments/${from}`, { version: 2, isActive: true })).statusCode,
    ).toBe(422);
  });

  it('corrects a person and merges a duplicate record into the real one, accounts and open work included', async () => {
    const real = await person('王小明');
    const duplicate = await person('王晓明');
    const fixed = await call('PATCH', `/api/admin/people/${real}`, { version: 1, position: '科长' });
    expect(fixed.statusCode).toBe(200);
    const row = await fx.db
      .selectFrom('people')
      .select(['name', 'position'])
      .where('id', '=', real)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: '王小明', position: '科长' }); // only what was sent changed
    const { id: openId } = await fx.db
      .selectFrom('measures')
      .select('id')
      .where('id', 'in', fx.measureIds)
      .where('state', '<>', 'closed')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await fx.db.updateTable('measures').set({ person_id: duplicate }).where('id', '=', openId).execute();
    const { id: account } = await fx.db
      .updateTable('users')
      .set({ person_id: duplicate })
      .where('username', '=', 'responsible-own')
      .returning('id')
      .executeTakeFirstOrThrow();

    expect(
      (await call('POST', `/api/admin/people/${duplicate}/merge`, { version: 1, intoId: real }, 'principal'))
        .statusCode,
    ).toBe(403);
    expect(
      (await call('POST', `/api/admin/people/${duplicate}/merge`, { version: 9, intoId: real })).statusCode,
    ).toBe(409);
    const otherUnitPerson = await person('外单位人员', null, fx.otherUnitId);
    expect(
      (await call('POST', `/api/admin/people/${duplicate}/merge`, { version: 1, intoId: otherUnitPerson }))
        .statusCode,
    ).toBe(422);
    // A merge and a hand-over of the same record at once: one of them.
    const successor = await person('接替者');
    const both = await Promise.all([
      call('POST', `/api/admin/people/${duplicate}/merge`, { version: 1, intoId: real }),
      call('POST', `/api/admin/people/${duplicate}/handover`, { successorId: successor }),
    ]);
    expect(both.filter((r) => r.statusCode === 200)).toHaveLength(1);
    if (both[0]?.statusCode === 200) {
      expect(both[0].json()).toMatchObject({ measures: 1, accounts: 1 });
      expect((await measureRow(openId)).person_id).toBe(real);
      const user = await fx.db
        .selectFrom('users')
        .select(['person_id', 'is_active'])
        .where('id', '=', account)
        .executeTakeFirstOrThrow();
      expect(user).toEqual({ person_id: real, is_active: 1 }); // the same human keeps signing in
      const gone = await fx.db
        .selectFrom('people')
        .select(['left_at', 'merged_into_id', 'name'])
        .where('id', '=', duplicate)
        .executeTakeFirstOrThrow();
      expect(gone.left_at).not.toBeNull();
      expect(gone).toMatchObject({ merged_into_id: real, name: '王晓明' });
      // The merged record is not offered for new work.
      const refused = await call(
        'PATCH',
        `/api/measures/${fx.measureIds[1] ?? 0}`,
        { version: (await measureRow(fx.measureIds[1] ?? 0)).version, personId: duplicate },
        'coordinator',
      );
      expect(refused.statusCode).toBe(422);
    }
    // Bad input: a clear message, nothing written.
    const bad = await call('PATCH', `/api/admin/people/${real}`, { version: 2 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toContain('请填写要修改的内容');
  });
});
