/** The six-clarities rule (六个明确): the one place that decides whether a measure is fully specified. */
import type { TSixClarities } from './domain.ts';

/** The six clarities in their customary order. */
export const CLARITIES = ['task', 'content', 'department', 'leader', 'person', 'deadline'] as const;
export type TClarity = (typeof CLARITIES)[number];

/** Chinese names, as printed in a responsibility breakdown. */
export const CLARITY_LABELS: Record<TClarity, string> = {
  task: '整改事项',
  content: '整改措施',
  department: '责任单位',
  leader: '责任领导',
  person: '责任人',
  deadline: '完成时限',
};

/** The clarities that are missing; empty when all six are set. A standing measure's deadline is 长期坚持. */
export function missingClarities(m: TSixClarities): TClarity[] {
  const missing: TClarity[] = [];
  if (m.task.trim() === '') missing.push('task');
  if (m.content.trim() === '') missing.push('content');
  if (m.departmentId === null) missing.push('department');
  if (m.leaderId === null) missing.push('leader');
  if (m.personId === null) missing.push('person');
  if (!m.isStanding && m.deadline === null) missing.push('deadline');
  return missing;
}

/** True when all six clarities are set. */
export function isSixClear(m: TSixClarities): boolean {
  return missingClarities(m).length === 0;
}

/** The label shown on a measure that lacks some clarities. */
export const SIX_CLARITIES_INCOMPLETE = '六个明确未齐全';

/** How a deadline is printed: the date, or 长期坚持 for standing work. */
export function deadlineText(m: Pick<TSixClarities, 'deadline' | 'isStanding'>): string {
  if (m.isStanding) return '长期坚持';
  return m.deadline ?? '';
}
