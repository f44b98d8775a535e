import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TMeasureState, TRole } from './domain.ts';
import {
  CLOSE_OUT_STAGES,
  decideTransition,
  MEASURE_ACTIONS,
  reviewsStage,
  samePerson,
  SEPARATION_REASONS,
  type TActorFacts,
  type TCloseOutChain,
  type TCloseOutStage,
  type TIdentity,
} from './measure-state.ts';

/** Actor kinds: each role, plus leaders and responsible persons of this measure and of another one. */
const ACTORS: Record<string, TActorFacts> = {
  admin: { role: 'admin', isResponsible: false, isLeader: false },
  office: { role: 'inspection_office', isResponsible: false, isLeader: false },
  coordinator: { role: 'coordinator', isResponsible: false, isLeader: false },
  principal: { role: 'principal', isResponsible: false, isLeader: false },
  leader: { role: 'leader', isResponsible: false, isLeader: true },
  otherLeader: { role: 'leader', isResponsible: false, isLeader: false },
  responsible: { role: 'responsible', isResponsible: true, isLeader: false },
  otherResponsible: { role: 'responsible', isResponsible: false, isLeader: false },
  supervisor: { role: 'supervisor', isResponsible: false, isLeader: false },
};
type TActorKind = keyof typeof ACTORS;

type TSituation = { state: TMeasureState; stage: TCloseOutStage | null };
const SITUATIONS: Record<string, TSituation> = {
  not_started: { state: 'not_started', stage: null },
  in_progress: { state: 'in_progress', stage: null },
  standing: { state: 'standing', stage: null },
  relapsed: { state: 'relapsed', stage: null },
  'close_requested@leader': { state: 'close_requested', stage: 'leader' },
  'close_requested@principal': { state: 'close_requested', stage: 'principal' },
  'close_requested@office': { state: 'close_requested', stage: 'office' },
  closed: { state: 'closed', stage: null },
};

const WORKERS: TActorKind[] = ['admin', 'coordinator', 'principal', 'leader', 'responsible'];
const MANAGERS_AND_LEADER: TActorKind[] = ['admin', 'coordinator', 'principal', 'leader'];

/** The whole table: (situation, action) → who may, and where it leads. Everything not listed is refused. */
const ALLOWED: Record<string, { who: TActorKind[]; to: TMeasureState; stage?: TCloseOutStage }> = {
  'not_started/start': { who: WORKERS, to: 'in_progress' },
  'not_started/record_progress': { who: WORKERS, to: 'in_progress' },
  'not_started/set_standing': { who: MANAGERS_AND_LEADER, to: 'standing' },
  'in_progress/record_progress': { who: WORKERS, to: 'in_progress' },
  'in_progress/request_close_out': { who: ['responsible'], to: 'close_requested', stage: 'leader' },
  'in_progress/set_standing': { who: MANAGERS_AND_LEADER, to: 'standing' },
  'standing/record_progress': { who: WORKERS, to: 'standing' },
  'standing/request_close_out': { who: ['responsible'], to: 'close_requested', stage: 'leader' },
  'relapsed/record_progress': { who: WORKERS, to: 'relapsed' },
  'relapsed/request_close_out': { who: ['responsible'], to: 'close_requested', stage: 'leader' },
  'close_requested@leader/leader_review': { who: ['leader'], to: 'close_requested', stage: 'principal' },
  'close_requested@leader/send_back': { who: ['leader'], to: 'in_progress' },
  'close_requested@principal/approve_close_out': { who: ['principal'], to: 'closed' },
  'close_requested@principal/send_back': { who: ['principal'], to: 'in_progress' },
  'close_requested@office/confirm_close_out': { who: ['office'], to: 'closed' },
  'close_requested@office/send_back': { who: ['office'], to: 'in_progress' },
  'closed/relapse': { who: ['admin', 'coordinator', 'office'], to: 'relapsed' },
};

const cases = Object.keys(SITUATIONS).flatMap((s) =>
  MEASURE_ACTIONS.flatMap((a) => Object.keys(ACTORS).map((k) => [s, a, k] as const)),
);

describe('measure state machine', () => {
  it.each(cases)('%s + %s by %s follows the table', (situation, action, kind) => {
    const { state, stage } = SITUATIONS[situation] ?? { state: 'not_started', stage: null };
    const actor = ACTORS[kind] ?? { role: 'supervisor', isResponsible: false, isLeader: false };
    const decision = decideTransition(state, action, {
      isSixClear: true,
      actor,
      hasEvidence: true,
      stage,
      requiresOfficeConfirmation: false,
      hasRelapsedLookback: true,
    });
    const rule = ALLOWED[`${situation}/${action}`];
    if (rule && rule.who.includes(kind))
      expect(decision).toEqual({ ok: true, to: rule.to, stage: rule.stage ?? null });
    else {
      expect(decision.ok).toBe(false);
      if (!decision.ok) expect(decision.reason).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('sends an approved close-out to the inspection office when the inspection requires it', () => {
    const ctx = {
      isSixClear: true,
      actor: ACTORS.principal as TActorFacts,
      stage: 'principal' as const,
      requiresOfficeConfirmation: true,
    };
    expect(decideTransition('close_requested', 'approve_close_out', ctx)).toEqual({
      ok: true,
      to: 'close_requested',
      stage: 'office',
    });
  });

  it('refuses a close-out request without evidence, and a measure without all six clarities', () => {
    const responsible = ACTORS.responsible as TActorFacts;
    expect(
      decideTransition('in_progress', 'request_close_out', {
        isSixClear: true,
        actor: responsible,
        hasEvidence: false,
      }),
    ).toEqual({ ok: false, reason: '申请销号须至少上传一份佐证材料' });
    expect(
      decideTransition('not_started', 'start', {
        isSixClear: false,
        actor: ACTORS.coordinator as TActorFacts,
      }),
    ).toEqual({ ok: false, reason: '六个明确未齐全，不能启动整改' });
    expect(
      decideTransition('not_started', 'record_progress', { isSixClear: false, actor: responsible }),
    ).toEqual({ ok: true, to: 'not_started', stage: null });
  });

  it('refuses a relapse without a look-back record', () => {
    expect(
      decideTransition('closed', 'relapse', {
        isSixClear: true,
        actor: ACTORS.coordinator as TActorFacts,
        hasRelapsedLookback: false,
      }).ok,
    ).toBe(false);
  });

  it('keeps its invariants under random sequences: no closure without evidence and approval, no reopening without a look-back', () => {
    const step = fc.record({
      action: fc.constantFrom(...MEASURE_ACTIONS),
      actor: fc.constantFrom(...Object.keys(ACTORS)),
      hasEvidence: fc.boolean(),
      isSixClear: fc.boolean(),
      lookback: fc.boolean(),
      office: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        let state: TMeasureState = 'not_started';
        let stage: TCloseOutStage | null = null;
        let request: {
          evidence: boolean;
          leaderReviewed: boolean;
          approvedBy: TRole | 'system' | null;
        } | null = null;
        for (const s of steps) {
          const actor = ACTORS[s.actor] as TActorFacts;
          const d = decideTransition(state, s.action, {
            isSixClear: s.isSixClear,
            actor,
            hasEvidence: s.hasEvidence,
            stage,
            requiresOfficeConfirmation: s.office,
            hasRelapsedLookback: s.lookback,
          });
          if (!d.ok) continue;
          if (s.action === 'request_close_out')
            request = { evidence: s.hasEvidence, leaderReviewed: false, approvedBy: null };
          if (s.action === 'leader_review' && request) request.leaderReviewed = true;
          if (s.action === 'approve_close_out' && request) request.approvedBy = actor.role;
          if (s.action === 'send_back') request = null;
          if (d.to === 'closed') {
            expect(request?.evidence).toBe(true);
            expect(request?.leaderReviewed).toBe(true);
            expect(request?.approvedBy).toBe('principal');
          }
          if (s.action === 'relapse') expect(s.lookback).toBe(true);
          if (state === 'not_started' && d.to !== 'not_started') expect(s.isSixClear).toBe(true);
          state = d.to;
          stage = d.stage;
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('separation of duties in the close-out chain', () => {
  const person = (personId: number, userId = personId * 10): TIdentity => ({ userId, personId });
  const as = (base: TActorFacts, identity: TIdentity): TActorFacts => ({ ...base, identity });
  const leader = as(ACTORS.leader as TActorFacts, person(1));
  const principal = as(ACTORS.principal as TActorFacts, person(2));
  const office = as(ACTORS.office as TActorFacts, person(3));
  const chain = (over: Partial<TCloseOutChain>): TCloseOutChain => ({
    requester: person(9),
    reviewer: null,
    approver: null,
    officeRequired: false,
    ...over,
  });

  it('treats two accounts of one person as one person', () => {
    expect(samePerson({ userId: 1, personId: 5 }, { userId: 2, personId: 5 })).toBe(true);
    expect(samePerson({ userId: 1, personId: null }, { userId: 1, personId: null })).toBe(true);
    expect(samePerson({ userId: 1, personId: null }, { userId: 2, personId: null })).toBe(false);
    expect(samePerson(null, { userId: 2, personId: null })).toBe(false);
  });

  it('refuses the requester as reviewer, the reviewer as approver, the approver as confirmer', () => {
    const base = { isSixClear: true, hasEvidence: true };
    expect(
      decideTransition('close_requested', 'leader_review', {
        ...base,
        actor: leader,
        stage: 'leader',
        chain: chain({ requester: person(1, 99) }),
      }),
    ).toEqual({ ok: false, reason: SEPARATION_REASONS.requesterReviews });
    expect(
      decideTransition('close_requested', 'approve_close_out', {
        ...base,
        actor: principal,
        stage: 'principal',
        chain: chain({ reviewer: person(2, 77) }),
      }),
    ).toEqual({ ok: false, reason: SEPARATION_REASONS.reviewerApproves });
    expect(
      decideTransition('close_requested', 'confirm_close_out', {
        ...base,
        actor: office,
        stage: 'office',
        chain: chain({ approver: person(3, 55) }),
      }),
    ).toEqual({ ok: false, reason: SEPARATION_REASONS.approverConfirms });
  });

  it('skips a stage nobody else can take and requires the office instead', () => {
    const responsible = as(ACTORS.responsible as TActorFacts, person(9));
    const ask = (available: { leader: boolean; principal: boolean }) =>
      decideTransition('in_progress', 'request_close_out', {
        isSixClear: true,
        hasEvidence: true,
        actor: responsible,
        available,
      });
    expect(ask({ leader: true, principal: true })).toEqual({
      ok: true,
      to: 'close_requested',
      stage: 'leader',
    });
    expect(ask({ leader: false, principal: true })).toEqual({
      ok: true,
      to: 'close_requested',
      stage: 'principal',
      officeRequired: true,
    });
    expect(ask({ leader: false, principal: false })).toEqual({
      ok: true,
      to: 'close_requested',
      stage: 'office',
      officeRequired: true,
    });
    // A chain that skipped a stage goes to the office after the principal, whatever the inspection says.
    expect(
      decideTransition('close_requested', 'approve_close_out', {
        isSixClear: true,
        actor: principal,
        stage: 'principal',
        requiresOfficeConfirmation: false,
        chain: chain({ officeRequired: true }),
      }),
    ).toMatchObject({ ok: true, stage: 'office' });
  });

  it('never closes a measure unless requester, reviewer, approver and confirmer are different people', () => {
    const people = [1, 2, 3];
    const who = fc.record({
      kind: fc.constantFrom('leader', 'principal', 'office', 'responsible'),
      person: fc.constantFrom(...people),
      account: fc.constantFrom(0, 1),
    });
    fc.assert(
      fc.property(
        fc.array(fc.record({ action: fc.constantFrom(...MEASURE_ACTIONS), who, office: fc.boolean() }), {
          maxLength: 40,
        }),
        (steps) => {
          let state: TMeasureState = 'in_progress';
          let stage: TCloseOutStage | null = null;
          let ch = null as TCloseOutChain | null; // widened: assigned in the loop
          const actedBy: TIdentity[] = [];
          for (const s of steps) {
            const identity = { userId: s.who.person * 10 + s.who.account, personId: s.who.person };
            const base = ACTORS[s.who.kind] as TActorFacts;
            const actor = { ...base, identity };
            const d = decideTransition(state, s.action, {
              isSixClear: true,
              hasEvidence: true,
              actor,
              stage,
              chain: ch,
              requiresOfficeConfirmation: s.office,
            });
            if (!d.ok) continue;
            if (s.action === 'request_close_out') {
              ch = { requester: identity, reviewer: null, approver: null, officeRequired: false };
              actedBy.length = 0;
              actedBy.push(identity);
            } else if (ch !== null && s.action === 'leader_review') {
              ch = { ...ch, reviewer: identity };
              actedBy.push(identity);
            } else if (ch !== null && s.action === 'approve_close_out') {
              ch = { ...ch, approver: identity };
              actedBy.push(identity);
            } else if (s.action === 'confirm_close_out') actedBy.push(identity);
            else if (s.action === 'send_back') ch = null;
            if (d.to === 'closed') {
              const persons = actedBy.map((a) => a.personId);
              expect(new Set(persons).size).toBe(persons.length);
            }
            state = d.to;
            stage = d.stage;
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('who reviews a close-out stage', () => {
  const STAGE_ACTION = {
    leader: 'leader_review',
    principal: 'approve_close_out',
    office: 'confirm_close_out',
  } as const;
  it.each(CLOSE_OUT_STAGES.flatMap((stage) => Object.keys(ACTORS).map((kind) => [stage, kind] as const)))(
    'at the %s stage, %s may take or send back the stage exactly when the one rule says so',
    (stage, kind) => {
      const actor = ACTORS[kind] as TActorFacts;
      const ctx = { isSixClear: true, hasEvidence: true, actor, stage };
      const rule = reviewsStage(stage, actor);
      expect(decideTransition('close_requested', STAGE_ACTION[stage], ctx).ok).toBe(rule);
      expect(decideTransition('close_requested', 'send_back', ctx).ok).toBe(rule);
    },
  );
});
