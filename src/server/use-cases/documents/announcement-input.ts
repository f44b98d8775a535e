/** Reads what an announcement needs from the ledger: facts, categories, problems and each measure's current progress. */
import type { Kysely } from 'kysely';
import type { TAnnouncementInput, TAnnouncementProblem } from '@documents/announcement.ts';
import type { Database, ProblemRow } from '../../db/schema.ts';
import type { TActor } from '../../policies/actor.ts';
import { loadLedger } from '../../repositories/ledger.repository.ts';
import { getUnit } from '../../repositories/unit.repository.ts';
import { loadInspectionFor } from '../inspections/load-inspection.ts';

/** The written sections of an announcement draft. */
export type TWrittenSections = Pick<TAnnouncementInput, 'section1' | 'section3'> & {
  includeStatistics: boolean;
};

/** The announcement input of an inspection. The confidential feedback text is never read here. */
export async function announcementInput(
  db: Kysely<Database>,
  actor: TActor,
  inspectionId: number | 'latest',
  written: TWrittenSections,
  signatureDate: string | null,
): Promise<TAnnouncementInput> {
  const inspection = await loadInspectionFor(db, actor, inspectionId);
  const [{ categories, problems, measures }, unit] = await Promise.all([
    loadLedger(db, inspection),
    getUnit(db, inspection.unit_id, actor.scope),
  ]);
  const toProblem = (p: ProblemRow): TAnnouncementProblem => ({
    number: p.number,
    title: p.title,
    progress: measures.filter((m) => m.problem_id === p.id).map((m) => m.progress ?? m.content),
    subproblems: problems.filter((s) => s.parent_id === p.id).map(toProblem),
  });
  const top = problems.filter((p) => p.parent_id === null);
  const closedProblems = top.filter((p) => {
    const own = measures.filter((m) => m.problem_id === p.id);
    return own.length > 0 && own.every((m) => m.state === 'closed');
  }).length;
  return {
    partyOrgName: inspection.party_org_name ?? inspection.unit_name,
    unitName: inspection.unit_name,
    kind: inspection.kind,
    groupName: inspection.group_name,
    startDate: inspection.start_date,
    endDate: inspection.end_date,
    feedbackDate: inspection.feedback_date,
    section1: written.section1,
    section3: written.section3,
    categories: categories.map((c) => ({
      title: c.title,
      problems: top.filter((p) => p.category_id === c.id).map(toProblem),
    })),
    statistics: written.includeStatistics
      ? { problems: top.length, completed: closedProblems, inProgress: top.length - closedProblems }
      : null,
    contact: { phone: unit?.phone ?? null, address: unit?.address ?? null, email: unit?.email ?? null },
    signatureDate,
  };
}
