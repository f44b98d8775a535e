/** Warning colours (红黄绿灯) and the deadline reports count against: the one place that decides both. */
import { addDays, daysBetween } from './chinese.ts';
import type { TMeasureState, TWarningColour } from './domain.ts';

/** Default number of days before the deadline at which a measure turns yellow. */
export const DEFAULT_YELLOW_DAYS = 7;

/** What the colour depends on. */
export type TWarningInput = {
  state: TMeasureState;
  deadline: string | null;
  isStanding: boolean;
  /** Standing work: each period of this many days needs a new progress entry. */
  checkIntervalDays?: number | null;
  /** Date of the latest progress entry, if any. */
  lastProgressDate?: string | null;
};

/**
 * Colour of a measure on `today`: closed measures and measures with no deadline are `none`; standing work is
 * green while each check interval has a progress entry, yellow when the period ends within `yellowDays`, red when
 * a period passed without one; otherwise red when overdue, yellow within `yellowDays`.
 */
export function warningColour(
  m: TWarningInput,
  today: string,
  yellowDays = DEFAULT_YELLOW_DAYS,
): TWarningColour {
  if (m.state === 'closed') return 'none';
  if (m.isStanding || m.state === 'standing') {
    if (!m.checkIntervalDays) return 'green';
    if (!m.lastProgressDate) return 'red';
    return colourFor(addDays(m.lastProgressDate, m.checkIntervalDays), today, yellowDays);
  }
  if (m.deadline === null) return 'none';
  return colourFor(m.deadline, today, yellowDays);
}

/**
 * THE rule for “overdue”: a due date (YYYY-MM-DD) has passed when today, in Beijing as the server reckons it, is
 * later. Reports, extension requests, reminders and the web (with the server's date) all ask this.
 */
export function isPastDue(due: string | null, today: string): boolean {
  return due !== null && due < today;
}

function colourFor(due: string, today: string, yellowDays: number): TWarningColour {
  if (isPastDue(due, today)) return 'red';
  const left = daysBetween(today, due);
  if (left <= yellowDays) return 'yellow';
  return 'green';
}

/** The deadline reports count against: the original one when an extension was asked for only after it had passed. */
export function reportingDeadline(m: {
  deadline: string | null;
  originalDeadline: string | null;
  lateExtension: boolean;
}): string | null {
  return m.lateExtension && m.originalDeadline !== null ? m.originalDeadline : m.deadline;
}
