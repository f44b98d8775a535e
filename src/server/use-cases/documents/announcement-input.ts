/** Reads what an announcement needs from the ledger: facts, categories, problems and each measure's current progress. */
import type { Kysely } from 'kysely';
import type { TAnnouncementInput, TAnnouncementProblem } from '@documents/announcement.ts';
import type { Database, ProblemRow } from '../../db/schema.ts';
import type { TActor } from '../../policies/actor.ts';
import { loadLedger } from '../../repositories/ledger.repository.ts';
import { relapsedMeasuresOf } from '../../repositories/announcement.repository.ts';
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
  const [{ categories, problems, measures }, unit, relapsed] = await Promise.all([
    loadLedger(db, inspection),
    getUnit(db, inspection.unit_id, actor.scope),
    relapsedMeasuresOf(db, inspection.id),
  ]);
  // A measure judged 反弹 is never reported by its old progress as achieved: the text says it was reopened, and
  // what has been done since, if anything.
  const reopened = new Map(relapsed.map((r) => [r.id, r]));
  const progressOf = (m: { id: number; progress: string | null; content: string }) => {
    const r = reopened.get(m.id);
    if (!r) return m.progress ?? m.content;
    return r.progressAfter === null
      ? '经“回头看”发现该项整改出现反弹,已重新启动整改,正在按原措施推进'
      : `经“回头看”发现该项整改出现反弹,已重新启动整改:${r.progressAfter}`;
  };
  const toProblem = (p: ProblemRow): TAnnouncementProblem => ({
    number: p.number,
    title: p.title,
    progress: measures.filter((m) => m.problem_id === p.id).map(progressOf),
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
