/** Presents a measure of the search: as the ledger presents it, with where it belongs and how overdue it is. */
import type { TMeasureSearchItem } from '@shared/api.ts';
import { daysBetween } from '@shared/chinese.ts';
import type { TActor } from '../policies/actor.ts';
import type { TSearchRow } from '../repositories/measure-search.repository.ts';
import { presentMeasure, type TCloseOutFacts } from './measure.presenter.ts';

/** Days past the deadline of open work with a deadline, else null. */
export function overdueDays(
  m: { state: string; is_standing: number; deadline: string | null },
  today: string,
): number | null {
  if (m.state === 'closed' || m.state === 'standing' || m.is_standing === 1 || m.deadline === null)
    return null;
  const days = daysBetween(m.deadline, today);
  return days > 0 ? days : null;
}

/** One row of the search for this actor (its allowed actions are this actor's). */
export function presentSearchItem(
  row: TSearchRow,
  ctx: { actor: TActor; today: string; yellowDays: number; closeOut: TCloseOutFacts },
): TMeasureSearchItem {
  const view = presentMeasure(row, {
    ...ctx,
    unitId: row.unit_id,
    isPlanApproved: row.plan_approved_at !== null,
    names: {
      departmentName: (id) => (id === row.department_id ? row.department_name : null),
      personName: (id) =>
        id === row.person_id ? row.person_name : id === row.leader_id ? row.leader_name : null,
    },
  });
  return {
    ...view,
    unitId: row.unit_id,
    unitName: row.unit_name,
    inspectionId: row.inspection_id,
    inspectionTitle: row.inspection_title,
    inspectionKind: row.inspection_kind,
    round: row.inspection_round,
    categoryTitle: row.category_title,
    problemNumber: row.problem_number,
    problemTitle: row.problem_title,
    overdueDays: overdueDays(row, ctx.today),
  };
}
