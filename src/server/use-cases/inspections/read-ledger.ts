/** Read use cases of the ledger: the inspection list and one inspection's ledger tree. */
import { ledgerRetirementFor } from './retire-ledger.ts';
import type { Kysely } from 'kysely';
import type { TInspectionListQuery, TInspectionView, TLedgerView, TProblemView } from '@shared/api.ts';
import { todayInChina } from '@shared/chinese.ts';

import type { Database, ProblemRow } from '../../db/schema.ts';

import type { TActor } from '../../policies/actor.ts';
import { can } from '../../policies/policy.ts';
import { emptyCounts, presentInspection, type TCounts } from '../../presenters/inspection.presenter.ts';
import { presentMeasure } from '../../presenters/measure.presenter.ts';
import { countCategoriesAndProblems, listInspectionsPage } from '../../repositories/inspection.repository.ts';
import { overdueCondition } from '../../repositories/measure-search.repository.ts';
import { unitPathOf } from '../../repositories/unit.repository.ts';
import { closeOutFactsOfRows } from '../../repositories/measure.repository.ts';
import { measureCountsByInspection } from '../../repositories/warning.sql.ts';

import { loadInspectionFor } from './load-inspection.ts';
import { actorKey, cachedFigures, scopeKey } from '../figures-cache.ts';
import { loadLedger } from '../../repositories/ledger.repository.ts';

/** Options common to the read use cases. */
export type TReadOptions = { db: Kysely<Database>; actor: TActor; yellowDays: number; today?: string };

/** One page of the inspections the actor can see (filtered), with counts of measures by colour. */
export async function listInspectionViews(
  { db, actor, yellowDays, today = todayInChina() }: TReadOptions,
  query: Partial<TInspectionListQuery> = {},
): Promise<{ total: number; items: TInspectionView[] }> {
  let unitPath: string | undefined;
  if (query.unit !== undefined) {
    unitPath = await unitPathOf(db, query.unit);
    if (unitPath === undefined) return { total: 0, items: [] };
  }
  const pageSize = query.pageSize ?? 50;
  const page = query.page ?? 1;
  const { total, rows } = await listInspectionsPage(
    db,
    {
      scope: actor.scope,
      ...(unitPath !== undefined ? { unitPath } : {}),
      ...(query.round !== undefined ? { round: query.round } : {}),
      ...(query.kind !== undefined ? { kind: query.kind } : {}),
      ...(query.q !== undefined ? { q: query.q } : {}),
      archived: query.archived === 'true',
      ...(query.hasOverdue !== undefined
        ? { hasMeasure: { condition: overdueCondition(today), present: query.hasOverdue === 'true' } }
        : {}),
    },
    { limit: pageSize, offset: (page - 1) * pageSize },
  );
  // Counts for the inspections answered: a page's ids (at most a page).
  const ids = rows.map((r) => r.id);
  const counts = new Map<number, TCounts>(rows.map((r) => [r.id, emptyCounts()]));
  // Counted over every measure, category and problem of those inspections: kept until the next write
  // (figures-cache.ts).
  const [measureCounts, structure] = await cachedFigures(
    db,
    `inspection-counts|${scopeKey(actor.scope)}|${today}|${yellowDays}|${ids.join(',')}`,
    () =>
      Promise.all([
        measureCountsByInspection(db, actor.scope, today, yellowDays, ids),
        countCategoriesAndProblems(db, ids),
      ]),
  );
  for (const [inspectionId, n] of [...measureCounts, ...structure]) {
    const c = counts.get(inspectionId);
    if (c) Object.assign(c, n);
  }
  return { total, items: rows.map((r) => presentInspection(r, counts.get(r.id) ?? emptyCounts())) };
}

/**
 * The ledger as its reader gets it (JSON), kept until the next write for this reader, day and yellow window
 * (figures-cache.ts): a ledger is read far more often than written, and reading one took 3 ms of SQL, shaping and
 * serialising at 84 measures. 404 when it is outside the actor's units (never kept).
 */
export async function readLedgerJson(options: TReadOptions, inspectionId: number): Promise<string> {
  const { db, actor, yellowDays, today = todayInChina() } = options;
  return cachedFigures(
    db,
    `ledger|${inspectionId}|${actorKey(actor)}|${today}|${yellowDays}`,
    async () => JSON.stringify(await readLedger({ ...options, today }, inspectionId)),
    'ledgers',
  );
}

/** The whole ledger of one inspection as a tree. 404 when it is outside the actor's units. */
export async function readLedger(
  { db, actor, yellowDays, today = todayInChina() }: TReadOptions,
  inspectionId: number,
): Promise<TLedgerView> {
  const inspection = await loadInspectionFor(db, actor, inspectionId);
  const {
    categories,
    problems,
    measures,
    names: lookups,
  } = await loadLedger(db, { id: inspectionId, unit_id: inspection.unit_id });
  const ctx = {
    actor,
    unitId: inspection.unit_id,
    today,
    yellowDays,
    names: lookups,
    isPlanApproved: inspection.plan_approved_at !== null,
    // The flags come with the measures; the pending requests are read only when some measure awaits a decision.
    closeOut: await closeOutFactsOfRows(
      db,
      measures.map((m) => ({ ...m, requires_office_confirmation: inspection.requires_office_confirmation })),
    ),
    isArchived: inspection.archived_at !== null,
  };
  // An archived ledger is read, not worked on: no action is offered on it but restoring (or deleting).
  const working = inspection.archived_at === null;
  const mayReadFeedback = can(actor, 'problem.read_feedback', { unitId: inspection.unit_id });
  const views = new Map<number, TProblemView>();
  const toView = (p: ProblemRow): TProblemView => ({
    id: p.id,
    number: p.number,
    title: p.title,
    feedbackText: mayReadFeedback ? p.feedback_text : null,
    subproblems: [],
    measures: [],
  });
  for (const p of problems) views.set(p.id, toView(p));
  const presented = measures.map((m) => presentMeasure(m, ctx));
  for (const v of presented) views.get(v.problemId)?.measures.push(v);
  const counts = emptyCounts();
  counts.categories = categories.length;
  counts.problems = problems.filter((p) => p.parent_id === null).length;
  for (const c of presented) {
    counts.measures += 1;
    if (c.state === 'closed') counts.closed += 1;
    if (c.colour !== 'none') counts[c.colour] += 1;
    if (c.missing.length > 0) counts.unclear += 1;
  }
  return {
    inspection: presentInspection(inspection, counts),
    categories: categories.map((c) => ({
      id: c.id,
      ordinal: c.ordinal,
      title: c.title,
      problems: problems
        .filter((p) => p.category_id === c.id && p.parent_id === null)
        .map((p) => {
          const view = views.get(p.id) ?? toView(p);
          view.subproblems = problems
            .filter((s) => s.parent_id === p.id)
            .map((s) => views.get(s.id) ?? toView(s));
          return view;
        }),
    })),
    departments: lookups.departments.map((d) => ({
      id: d.id,
      name: d.name,
      isDemo: d.is_demo === 1,
      isActive: d.inactive_at === null,
    })),
    people: lookups.people.map((p) => ({
      id: p.id,
      name: p.name,
      position: p.position,
      departmentId: p.department_id,
      isDemo: p.is_demo === 1,
      hasLeft: p.left_at !== null,
    })),
    today,
    yellowDays,
    canCreateMeasure: working && can(actor, 'measure.create', { unitId: inspection.unit_id }),
    canManageLookback: working && can(actor, 'lookback.manage', { unitId: inspection.unit_id }),
    planApprovedAt: inspection.plan_approved_at,
    planApprovalOpinion: inspection.plan_approval_opinion,
    requiresOfficeConfirmation: inspection.requires_office_confirmation === 1,
    escalation: {
      remindDaysBefore: inspection.remind_days_before,
      escalateLeaderDays: inspection.escalate_leader_days,
      escalateTopDays: inspection.escalate_top_days,
      reviewDays: inspection.review_days,
    },
    canChangeSettings: working && can(actor, 'inspection.configure', { unitId: inspection.unit_id }),
    canApprovePlan:
      working &&
      inspection.plan_approved_at === null &&
      can(actor, 'plan.approve', { unitId: inspection.unit_id }),
    retirement: await ledgerRetirementFor(db, actor, inspection),
  };
}
