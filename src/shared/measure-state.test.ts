import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MEASURE_STATES, type TMeasureState } from './domain.ts';
import { availableTransitions, decideTransition, MEASURE_ACTIONS } from './measure-state.ts';

/** The full table of allowed (state, action) pairs for a six-clear measure; everything else is refused. */
const ALLOWED: Record<string, TMeasureState> = {
  'not_started/start': 'in_progress',
  'not_started/record_progress': 'in_progress',
  'not_started/set_standing': 'standing',
  'in_progress/record_progress': 'in_progress',
  'in_progress/request_close_out': 'close_requested',
  'in_progress/set_standing': 'standing',
  'standing/record_progress': 'standing',
  'standing/request_close_out': 'close_requested',
  'relapsed/record_progress': 'relapsed',
  'relapsed/request_close_out': 'close_requested',
  'close_requested/send_back': 'in_progress',
  'close_requested/approve_close_out': 'closed',
  'closed/relapse': 'relapsed',
};

describe('measure state machine', () => {
  it.each(MEASURE_STATES.flatMap((s) => MEASURE_ACTIONS.map((a) => [s, a] as const)))(
    '%s + %s follows the table',
    (state, action) => {
      const decision = decideTransition(state, action, { isSixClear: true });
      const expected = ALLOWED[`${state}/${action}`];
      if (expected === undefined) {
        expect(decision.ok).toBe(false);
        if (!decision.ok) expect(decision.reason).toMatch(/[\u4e00-\u9fa5]/);
      } else expect(decision).toEqual({ ok: true, to: expected });
    },
  );

  it('keeps a measure without all six clarities in 未启动', () => {
    expect(decideTransition('not_started', 'start', { isSixClear: false })).toEqual({
      ok: false,
      reason: '六个明确未齐全，不能启动整改',
    });
    expect(decideTransition('not_started', 'record_progress', { isSixClear: false })).toEqual({
      ok: true,
      to: 'not_started',
    });
    expect(decideTransition('in_progress', 'request_close_out', { isSixClear: false }).ok).toBe(false);
  });

  it('never reaches 已销号 except through 申请销号 → 批准 (random action sequences)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...MEASURE_ACTIONS), fc.boolean()), { maxLength: 40 }),
        (steps) => {
          let state: TMeasureState = 'not_started';
          let previous: TMeasureState = state;
          for (const [action, isSixClear] of steps) {
            const d = decideTransition(state, action, { isSixClear });
            if (!d.ok) continue;
            previous = state;
            state = d.to;
            if (state === 'closed')
              expect([previous, action]).toEqual(['close_requested', 'approve_close_out']);
            if (state !== 'not_started') expect(previous === 'not_started' ? isSixClear : true).toBe(true);
            expect(availableTransitions(previous, { isSixClear })).toContain(action);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
