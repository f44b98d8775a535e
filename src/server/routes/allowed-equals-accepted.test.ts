import { beforeAll, describe, expect, it } from 'vitest';
import type { TLedgerView, TMeasureDetail, TMeasureSearchResult, TProblemView } from '@shared/api.ts';
import { ROLES, type TMeasureState, type TRole } from '@shared/domain.ts';
import { USER_TRANSITIONS, type TCloseOutStage } from '@shared/measure-state.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, type TFixture } from '../test-support/factories.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';
import { forgetFigures } from '../use-cases/figures-cache.ts';
import { todayInChina } from '@shared/chinese.ts';

type TSituation = { state: TMeasureState; stage?: TCloseOutStage; planApproved?: boolean };
const SITUATIONS: TSituation[] = [
  { state: 'not_started' },
  { state: 'in_progress' },
  { state: 'standing' },
  { state: 'relapsed' },
  { state: 'close_requested', stage: 'leader' },
  { state: 'close_requested', stage: 'principal' },
  { state: 'close_requested', stage: 'office' },
  { state: 'closed' },
];
// Each role once; the leader leads the measure and the responsible person carries it (the relations that matter).

/**
 * What the UI is offered is exactly what the server accepts: for every situation of a measure and every role, each
 * transition in the measure's `allowed` succeeds, and each one not in it is refused (403, 409 or 422); the same for
 * edits (`update`, `update_plan`), progress (`record_progress`) and extension requests (`canRequestExtension`),
 * before and after the plan's approval.
 */
describe.each(testEngines())('allowed actions equal accepted actions on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  const cookies = new Map<TRole, string>();
  const userIds = new Map<TRole, number>();
  beforeAll(async () => {
    fx = fixture();
    for (const role of ROLES) {
      cookies.set(role, await fx.login(role));
      const u = await fx.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', `${role}-own`)
        .executeTakeFirstOrThrow();
      userIds.set(role, u.id);
    }
  });

  /** Puts measure 0 into the situation: six-clear, with evidence, and the pending request the stage implies. */
  const arrange = async (s: TSituation): Promise<number> => {
    const id = fx.measureIds[0] ?? 0;
    await fx.db.deleteFrom('close_out_requests').where('measure_id', '=', id).execute();
    await fx.db.deleteFrom('extension_requests').where('measure_id', '=', id).execute();
    await fx.db
      .updateTable('inspections')
      .set({ plan_approved_at: s.planApproved ? new Date().toISOString() : null })
      .where('id', '=', fx.inspectionId)
      .execute();
    await fx.db.deleteFrom('evidence').where('measure_id', '=', id).execute();
    const row = await fx.db
      .selectFrom('measures')
      .select('version')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const version = row.version + 1;
    await fx.db
      .updateTable('measures')
      .set({
        state: s.state,
        department_id: fx.departmentId,
        leader_id: fx.leaderId,
        person_id: fx.personId,
        deadline: '2030-06-30',
        is_standing: s.state === 'standing' ? 1 : 0,
        version,
      })
      .where('id', '=', id)
      .execute();
    const at = new Date().toISOString();
    await fx.db
      .insertInto('evidence')
      .values({
        measure_id: id,
        progress_entry_id: null,
        sha256: 'a'.repeat(64),
        file_name: 'x.pdf',
        mime: 'application/pdf',
        size: 1,
        documented_date: null,
        uploaded_by: null,
        uploaded_at: at,
      })
      .execute();
    if (s.stage) {
      const reviewed = s.stage !== 'leader';
      const approved = s.stage === 'office';
      await fx.db
        .insertInto('close_out_requests')
        .values({
          measure_id: id,
          stage: s.stage,
          summary: '已完成',
          measure_version: version,
          evidence_hashes: JSON.stringify(['a'.repeat(64)]),
          requested_by: userIds.get('responsible') ?? null,
          request_person_id: fx.personId,
          requested_at: at,
          leader_reviewed_by: reviewed ? (userIds.get('leader') ?? null) : null,
          leader_person_id: reviewed ? fx.leaderId : null,
          leader_reviewed_at: reviewed ? at : null,
          approved_by: approved ? (userIds.get('principal') ?? null) : null,
          approved_at: approved ? at : null,
          confirmed_by: null,
          confirmed_at: null,
          outcome: 'pending',
          reason: null,
        })
        .execute();
    }
    // Written straight into the tables, around the services (no audit entry): what was kept is stale.
    forgetFigures(fx.db);
    return id;
  };

  it('for every situation, role and transition', async () => {
    const mismatches: string[] = [];
    const acceptedSteps = new Set<string>();
    for (const s of SITUATIONS) {
      for (const role of ROLES) {
        for (const action of USER_TRANSITIONS) {
          const id = await arrange(s);
          const cookie = cookies.get(role) ?? '';
          const detail = await fx.app.inject({
            method: 'GET',
            url: `/api/measures/${id}`,
            headers: { cookie },
          });
          const { measure } = detail.json<TMeasureDetail>();
          const res = await fx.app.inject({
            method: 'POST',
            url: `/api/measures/${id}/transitions`,
            headers: authed(cookie),
            payload: { action, version: measure.version, reason: '理由' },
          });
          const offered = measure.allowed.includes(action);
          const accepted = res.statusCode === 200;
          if (accepted) acceptedSteps.add(`${s.state}${s.stage ? `@${s.stage}` : ''} ${role} ${action}`);
          if (offered !== accepted || (!accepted && ![403, 409, 422].includes(res.statusCode)))
            mismatches.push(
              `${s.state}${s.stage ? `@${s.stage}` : ''} ${role} ${action}: offered ${offered}, ${res.statusCode}`,
            );
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Not vacuous: the chain's steps are each accepted from their situation by the right people.
    expect([...acceptedSteps]).toEqual(
      expect.arrayContaining([
        'not_started coordinator start',
        'in_progress responsible request_close_out',
        'close_requested@leader leader leader_review',
        'close_requested@principal principal approve_close_out',
        'close_requested@office inspection_office confirm_close_out',
        'close_requested@principal principal send_back',
        'in_progress leader set_standing',
      ]),
    );
    expect([...acceptedSteps].some((step) => step.includes('responsible leader_review'))).toBe(false);
  });

  it('the search and the ledger offer each role what the detail offers, in every situation', async () => {
    const mismatches: string[] = [];
    for (const s of SITUATIONS) {
      const id = await arrange(s);
      for (const role of ROLES) {
        const cookie = cookies.get(role) ?? '';
        const detail = await fx.app.inject({
          method: 'GET',
          url: `/api/measures/${id}`,
          headers: { cookie },
        });
        if (detail.statusCode !== 200) continue;
        const { measure } = detail.json<TMeasureDetail>();
        const search = await fx.app.inject({
          method: 'GET',
          url: `/api/measures?inspection=${fx.inspectionId}&pageSize=200`,
          headers: { cookie },
        });
        const item = search.json<TMeasureSearchResult>().items.find((i) => i.id === id);
        const ledger = await fx.app.inject({
          method: 'GET',
          url: `/api/inspections/${fx.inspectionId}/ledger`,
          headers: { cookie },
        });
        const measuresOf = (p: TProblemView): TProblemView['measures'] => [
          ...p.measures,
          ...p.subproblems.flatMap(measuresOf),
        ];
        const row = ledger
          .json<TLedgerView>()
          .categories.flatMap((c) => c.problems.flatMap(measuresOf))
          .find((m) => m.id === id);
        const label = `${s.state}${s.stage ? `@${s.stage}` : ''} ${role}`;
        for (const [where, seen] of [
          ['search', item],
          ['ledger', row],
        ] as const) {
          const facts = (m: typeof seen) =>
            m && { allowed: [...m.allowed].sort(), stage: m.closeOutStage, evidence: m.hasEvidence };
          const want = facts(measure);
          if (JSON.stringify(facts(seen)) !== JSON.stringify(want))
            mismatches.push(`${label} ${where}: ${JSON.stringify(facts(seen))} ≠ ${JSON.stringify(want)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  /** The writes other than transitions: what `allowed` (or the detail's flag) offers, and the call that does it. */
  const WRITES: Array<{
    name: string;
    offered: (d: TMeasureDetail) => boolean;
    call: (id: number, version: number) => { method: 'POST' | 'PATCH'; url: string; payload: object };
  }> = [
    {
      name: 'update',
      offered: (d) => d.measure.allowed.includes('update'),
      call: (id, version) => ({
        method: 'PATCH',
        url: `/api/measures/${id}`,
        payload: { version, task: '改过的事项' },
      }),
    },
    {
      name: 'update_plan',
      offered: (d) => d.measure.allowed.includes('update_plan'),
      call: (id, version) => ({
        method: 'PATCH',
        url: `/api/measures/${id}`,
        payload: { version, deadline: '2031-01-31' },
      }),
    },
    {
      name: 'record_progress',
      offered: (d) => d.measure.allowed.includes('record_progress'),
      call: (id, version) => ({
        method: 'POST',
        url: `/api/measures/${id}/progress`,
        payload: { version, entryDate: todayInChina(), text: '本月推进情况' },
      }),
    },
    {
      name: 'request_extension',
      offered: (d) => d.canRequestExtension,
      call: (id) => ({
        method: 'POST',
        url: `/api/measures/${id}/extensions`,
        payload: { deadline: '2031-03-31', reason: '客观原因需要延期' },
      }),
    },
  ];

  it('for every situation, plan approval, role and write', async () => {
    const mismatches: string[] = [];
    const accepted = new Set<string>();
    for (const base of SITUATIONS) {
      for (const planApproved of [false, true]) {
        const s = { ...base, planApproved };
        const label = `${s.state}${s.stage ? `@${s.stage}` : ''}${planApproved ? ' (plan approved)' : ''}`;
        for (const role of ROLES) {
          for (const write of WRITES) {
            const id = await arrange(s);
            const cookie = cookies.get(role) ?? '';
            const detail = (
              await fx.app.inject({ method: 'GET', url: `/api/measures/${id}`, headers: { cookie } })
            ).json<TMeasureDetail>();
            const res = await fx.app.inject({
              ...write.call(id, detail.measure.version),
              headers: authed(cookie),
            });
            const offered = write.offered(detail);
            const ok = res.statusCode >= 200 && res.statusCode < 300;
            if (ok) accepted.add(`${label} ${role} ${write.name}`);
            if (offered !== ok || (!ok && ![403, 409, 422].includes(res.statusCode)))
              mismatches.push(
                `${label} ${role} ${write.name}: offered ${offered}, ${res.statusCode} ${res.body}`,
              );
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Not vacuous: each write is accepted somewhere, and the plan's approval moves deadlines to requests.
    expect([...accepted]).toEqual(
      expect.arrayContaining([
        'in_progress coordinator update',
        'in_progress coordinator update_plan',
        'in_progress responsible record_progress',
        'in_progress (plan approved) responsible request_extension',
      ]),
    );
    expect([...accepted].some((a) => a.includes('(plan approved)') && a.endsWith('update_plan'))).toBe(false);
    expect([...accepted].some((a) => a.startsWith('closed'))).toBe(false);
  }, 300_000);
});
