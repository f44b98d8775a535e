/** Warning colours (红黄绿灯): the one place that decides a measure's colour. */
import { daysBetween } from './chinese.ts';
import type { TMeasureState, TWarningColour } from './domain.ts';

/** Default number of days before the deadline at which a measure turns yellow. */
export const DEFAULT_YELLOW_DAYS = 7;

/** What the colour depends on. */
export type TWarningInput = {
  state: TMeasureState;
  deadline: string | null;
  isStanding: boolean;
};

/**
 * Colour of a measure on `today`: closed measures and measures with no deadline are `none`; standing work is
 * green (its periodic checks come with look-backs); otherwise red when overdue, yellow within `yellowDays`.
 */
export function warningColour(
  m: TWarningInput,
  today: string,
  yellowDays = DEFAULT_YELLOW_DAYS,
): TWarningColour {
  if (m.state === 'closed') return 'none';
  if (m.isStanding || m.state === 'standing') return 'green';
  if (m.deadline === null) return 'none';
  const left = daysBetween(today, m.deadline);
  if (left < 0) return 'red';
  if (left <= yellowDays) return 'yellow';
  return 'green';
}
