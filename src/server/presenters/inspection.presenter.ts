/** An inspection as lists and the ledger header show it. */
import type { TInspectionView } from '@shared/api.ts';
import type { TInspectionWithUnit } from '../repositories/inspection.repository.ts';

/** Counts of categories, problems and measures by colour. */
export type TCounts = TInspectionView['counts'];

/** The inspection with its unit's names and its counts. */
export function presentInspection(i: TInspectionWithUnit, counts: TCounts): TInspectionView {
  return {
    id: i.id,
    unitId: i.unit_id,
    unitName: i.unit_name,
    partyOrgName: i.party_org_name,
    kind: i.kind,
    title: i.title,
    round: i.round,
    groupName: i.group_name,
    startDate: i.start_date,
    endDate: i.end_date,
    feedbackDate: i.feedback_date,
    deadline: i.deadline,
    version: i.version,
    archived: i.archived_at === null ? null : { at: i.archived_at, reason: i.archive_reason },
    counts,
  };
}

/** All counts zero. */
export const emptyCounts = (): TCounts => ({
  categories: 0,
  problems: 0,
  measures: 0,
  red: 0,
  yellow: 0,
  green: 0,
  closed: 0,
  unclear: 0,
});
