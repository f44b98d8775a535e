import { describe, expect, it } from 'vitest';
import { addDays, formatDocumentDate, fromChineseNumeral, isIsoDate, toChineseNumeral } from './chinese.ts';
import { deadlineText, missingClarities } from './six-clarities.ts';
import { isPastDue, reportingDeadline, warningColour } from './warning.ts';

const complete = {
  task: '事项',
  content: '措施',
  departmentId: 1,
  leaderId: 2,
  personId: 3,
  deadline: '2021-09-30',
  isStanding: false,
};

describe('six clarities', () => {
  it('is complete when all six are set', () => expect(missingClarities(complete)).toEqual([]));
  it('names each missing clarity', () => {
    expect(missingClarities({ ...complete, task: ' ', departmentId: null, deadline: null })).toEqual([
      'task',
      'department',
      'deadline',
    ]);
  });
  it('accepts 长期坚持 in place of a deadline', () => {
    expect(missingClarities({ ...complete, deadline: null, isStanding: true })).toEqual([]);
    expect(deadlineText({ deadline: null, isStanding: true })).toBe('长期坚持');
  });
});

describe('warning colours', () => {
  const open = { state: 'in_progress' as const, isStanding: false };
  it('is red when overdue, yellow within the window, green otherwise', () => {
    expect(warningColour({ ...open, deadline: '2026-11-26' }, '2026-11-27')).toBe('red');
    expect(warningColour({ ...open, deadline: '2026-11-27' }, '2026-11-27')).toBe('yellow');
    expect(warningColour({ ...open, deadline: '2026-12-04' }, '2026-11-27', 7)).toBe('yellow');
    expect(warningColour({ ...open, deadline: '2026-12-05' }, '2026-11-27', 7)).toBe('green');
  });
  it('has no colour when closed or without deadline; standing work is green', () => {
    expect(warningColour({ state: 'closed', deadline: '2020-01-01', isStanding: false }, '2026-11-27')).toBe(
      'none',
    );
    expect(warningColour({ ...open, deadline: null }, '2026-11-27')).toBe('none');
    expect(warningColour({ state: 'standing', deadline: null, isStanding: true }, '2026-11-27')).toBe(
      'green',
    );
  });
});

describe('Chinese helpers', () => {
  it('converts numerals both ways', () => {
    for (const n of [1, 9, 10, 11, 15, 20, 21, 48, 99])
      expect(fromChineseNumeral(toChineseNumeral(n))).toBe(n);
    expect(toChineseNumeral(15)).toBe('十五');
    expect(fromChineseNumeral('二十一')).toBe(21);
    expect(fromChineseNumeral('十十')).toBeNull();
  });
  it('formats document dates and checks ISO dates', () => {
    expect(formatDocumentDate('2021-07-06')).toBe('2021年7月6日');
    expect(isIsoDate('2021-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(addDays('2021-12-31', 1)).toBe('2022-01-01');
  });
});

describe('standing work and extensions', () => {
  const standing = { state: 'standing' as const, deadline: null, isStanding: true, checkIntervalDays: 30 };
  it('turns standing work yellow and red when a check period runs out without progress', () => {
    expect(warningColour({ ...standing, lastProgressDate: '2026-11-20' }, '2026-11-27')).toBe('green');
    expect(warningColour({ ...standing, lastProgressDate: '2026-10-31' }, '2026-11-27')).toBe('yellow');
    expect(warningColour({ ...standing, lastProgressDate: '2026-10-01' }, '2026-11-27')).toBe('red');
    expect(warningColour({ ...standing, lastProgressDate: null }, '2026-11-27')).toBe('red');
    expect(warningColour({ ...standing, checkIntervalDays: null }, '2026-11-27')).toBe('green');
  });
  it('counts against the original deadline when the extension came after it was late', () => {
    expect(
      reportingDeadline({ deadline: '2027-03-31', originalDeadline: '2026-09-30', lateExtension: true }),
    ).toBe('2026-09-30');
    expect(
      reportingDeadline({ deadline: '2027-03-31', originalDeadline: '2026-12-31', lateExtension: false }),
    ).toBe('2027-03-31');
  });
});

describe('the one rule for overdue', () => {
  it('is past due only after the due day, by the date it is given (the server’s, in Beijing)', () => {
    expect(isPastDue('2026-12-03', '2026-12-03')).toBe(false);
    expect(isPastDue('2026-12-02', '2026-12-03')).toBe(true);
    expect(isPastDue(null, '2026-12-03')).toBe(false);
    // The warning colour agrees: red exactly when past due.
    for (const due of ['2026-12-01', '2026-12-03', '2026-12-31'])
      expect(
        warningColour({ state: 'in_progress', deadline: due, isStanding: false }, '2026-12-03') === 'red',
      ).toBe(isPastDue(due, '2026-12-03'));
  });
});
