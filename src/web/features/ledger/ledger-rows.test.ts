import { describe, expect, it } from 'vitest';
import type { TLedgerView, TMeasureView } from '@shared/api.ts';
import { buildLedgerRows, countMeasures, EMPTY_FILTER } from './ledger-rows.ts';

const measure = (id: number, over: Partial<TMeasureView>): TMeasureView => ({
  id,
  problemId: 1,
  ordinal: id,
  task: '事项',
  content: `措施${id}`,
  departmentId: null,
  departmentName: null,
  leaderId: null,
  leaderName: null,
  personId: null,
  personName: null,
  deadline: null,
  isStanding: false,
  state: 'in_progress',
  colour: 'green',
  missing: [],
  progress: null,
  isDemo: false,
  version: 1,
  updatedAt: '',
  allowed: [],
  closeOutStage: null,
  hasEvidence: false,
  overdueDays: null,
  originalDeadline: null,
  checkIntervalDays: null,
  goal: null,
  doneCriteria: null,
  ...over,
});

const ledger = {
  categories: [
    {
      id: 1,
      ordinal: 1,
      title: '类别一',
      problems: [
        {
          id: 1,
          number: '1',
          title: '问题甲',
          feedbackText: null,
          subproblems: [],
          measures: [
            measure(1, { colour: 'red', departmentId: 7 }),
            measure(2, { colour: 'green', personId: 9 }),
          ],
        },
      ],
    },
    {
      id: 2,
      ordinal: 2,
      title: '类别二',
      problems: [
        {
          id: 2,
          number: '2',
          title: '问题乙',
          feedbackText: null,
          subproblems: [],
          measures: [measure(3, { colour: 'yellow', state: 'not_started' })],
        },
      ],
    },
  ],
} as unknown as TLedgerView;

describe('ledger rows', () => {
  it('shows the whole tree without filters, with 一是 labels', () => {
    const rows = buildLedgerRows(ledger, EMPTY_FILTER);
    expect(rows.map((r) => r.label)).toEqual(['(一)', '(二)']);
    expect(countMeasures(rows)).toBe(3);
    const first = rows[0]?.kind === 'category' ? rows[0].children[0] : undefined;
    expect(first?.kind === 'problem' ? first.children?.map((c) => c.label) : []).toEqual(['一是', '二是']);
  });
  it('filters by colour and drops empty branches', () => {
    const rows = buildLedgerRows(ledger, { ...EMPTY_FILTER, colour: 'red' });
    expect(rows.map((r) => r.title)).toEqual(['类别一']);
    expect(countMeasures(rows)).toBe(1);
  });
  it('filters by state, department, person and text (incl. the problem title)', () => {
    expect(countMeasures(buildLedgerRows(ledger, { ...EMPTY_FILTER, states: ['not_started'] }))).toBe(1);
    expect(countMeasures(buildLedgerRows(ledger, { ...EMPTY_FILTER, departmentId: 7 }))).toBe(1);
    expect(countMeasures(buildLedgerRows(ledger, { ...EMPTY_FILTER, personId: 9 }))).toBe(1);
    expect(countMeasures(buildLedgerRows(ledger, { ...EMPTY_FILTER, text: '问题乙' }))).toBe(1);
    expect(countMeasures(buildLedgerRows(ledger, { ...EMPTY_FILTER, text: '措施2' }))).toBe(1);
    expect(buildLedgerRows(ledger, { ...EMPTY_FILTER, text: '没有这个' })).toEqual([]);
  });
});
