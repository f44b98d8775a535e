/** Presents a measure of the search: as the ledger presents it, with where it belongs and how overdue it is. */
import type { TMeasureSearchItem } from '@shared/api.ts';
import type { TActor } from '../policies/actor.ts';
import type { TSearchRow } from '../repositories/measure-search.repository.ts';
import { presentMeasure, type TCloseOutFacts, type TNameLookups } from './measure.presenter.ts';

/** The names of a page of rows (or of one measure read with its names), looked up once for the page. */
export function pageNames(
  rows: ReadonlyArray<
    Pick<
      TSearchRow,
      'department_id' | 'department_name' | 'leader_id' | 'leader_name' | 'person_id' | 'person_name'
    >
  >,
): TNameLookups {
  const departments = new Map<number, string | null>();
  const people = new Map<number, string | null>();
  for (const r of rows) {
    if (r.department_id !== null) departments.set(r.department_id, r.department_name);
    if (r.leader_id !== null) people.set(r.leader_id, r.leader_name);
    if (r.person_id !== null) people.set(r.person_id, r.person_name);
  }
  return {
    departmentName: (id) => (id === null ? null : (departments.get(id) ?? null)),
    personName: (id) => (id === null ? null : (people.get(id) ?? null)),
  };
}

/** One row of the search for this actor (its allowed actions are this actor's). */
export function presentSearchItem(
  row: TSearchRow,
  ctx: { actor: TActor; today: string; yellowDays: number; closeOut: TCloseOutFacts; names: TNameLookups },
): TMeasureSearchItem {
  const view = presentMeasure(row, {
    actor: ctx.actor,
    today: ctx.today,
    yellowDays: ctx.yellowDays,
    closeOut: ctx.closeOut,
    names: ctx.names,
    unitId: row.unit_id,
    isPlanApproved: row.plan_approved_at !== null,
  });
  // Added to the view itself: spreading a view of some thirty fields into a new object cost more than all the
  // rest of the presentation (measured in the benchmark).
  return Object.assign(view, {
    unitId: row.unit_id,
    unitName: row.unit_name,
    inspectionId: row.inspection_id,
    inspectionTitle: row.inspection_title,
    inspectionKind: row.inspection_kind,
    round: row.inspection_round,
    categoryTitle: row.category_title,
    problemNumber: row.problem_number,
    problemTitle: row.problem_title,
  });
}
