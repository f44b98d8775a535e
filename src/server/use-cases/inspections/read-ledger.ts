/** Read use cases of the ledger: inspection list, one inspection's ledger tree, one measure's detail. */
import type { Kysely } from 'kysely';
import type { TInspectionView, TLedgerView, TMeasureDetail, TProblemView } from '@shared/api.ts';
import { todayInChina } from '@shared/chinese.ts';
import { ROLE_LABELS, ZMeasureState, ZRole } from '@shared/domain.ts';
import { isApprovalCurrent, isFrozen } from '@shared/measure-state.ts';
import { warningColour } from '@shared/warning.ts';
import type { Database, ProblemRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { can, measureObject } from '../../policies/policy.ts';
import { presentMeasure } from '../../presenters/measure.presenter.ts';
import {
  getInspection,
  isPlanApproved,
  listCategories,
  listInspections,
  listProblems,
  type TInspectionWithUnit,
} from '../../repositories/inspection.repository.ts';
import {
  closeOutFacts,
  getMeasure,
  listComments,
  listMeasures,
  listMeasureStates,
  listProgress,
  listTransitions,
} from '../../repositories/measure.repository.ts';
import { unitDirectory } from '../../repositories/unit.repository.ts';

/** Options common to the read use cases. */
export type TReadOptions = { db: Kysely<Database>; actor: TActor; yellowDays: number; today?: string };

type TCounts = TInspectionView['counts'];

function presentInspection(i: TInspectionWithUnit, counts: TCounts): TInspectionView {
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
    counts,
  };
}

const emptyCounts = (): TCounts => ({
  categories: 0,
  problems: 0,
  measures: 0,
  red: 0,
  yellow: 0,
  green: 0,
  closed: 0,
});

/** Inspections the actor can see, with counts of measures by colour. */
export async function listInspectionViews({
  db,
  actor,
  yellowDays,
  today = todayInChina(),
}: TReadOptions): Promise<TInspectionView[]> {
  const rows = await listInspections(db, actor.scope);
  const counts = new Map<number, TCounts>(rows.map((r) => [r.id, emptyCounts()]));
  const states = await listMeasureStates(
    db,
    rows.map((r) => r.id),
  );
  const facts = await closeOutFacts(
    db,
    states.map((m) => m.id),
  );
  for (const m of states) {
    const c = counts.get(m.inspection_id);
    if (!c) continue;
    c.measures += 1;
    const state = ZMeasureState.parse(m.state);
    if (state === 'closed') c.closed += 1;
    const colour = warningColour(
      {
        state,
        deadline: m.deadline,
        isStanding: m.is_standing === 1,
        checkIntervalDays: m.check_interval_days,
        lastProgressDate: facts(m.id).lastProgressDate,
      },
      today,
      yellowDays,
    );
    if (colour !== 'none') c[colour] += 1;
  }
  if (rows.length > 0) {
    const ids = rows.map((r) => r.id);
    const problemCounts = await db
      .selectFrom('problems')
      .select(['inspection_id'])
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('inspection_id', 'in', ids)
      .where('parent_id', 'is', null)
      .groupBy('inspection_id')
      .execute();
    for (const p of problemCounts) {
      const c = counts.get(p.inspection_id);
      if (c) c.problems = Number(p.n);
    }
    const categoryCounts = await db
      .selectFrom('categories')
      .select(['inspection_id'])
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('inspection_id', 'in', ids)
      .groupBy('inspection_id')
      .execute();
    for (const k of categoryCounts) {
      const c = counts.get(k.inspection_id);
      if (c) c.categories = Number(k.n);
    }
  }
  return rows.map((r) => presentInspection(r, counts.get(r.id) ?? emptyCounts()));
}

/** The whole ledger of one inspection as a tree. 404 when it is outside the actor's units. */
export async function readLedger(
  { db, actor, yellowDays, today = todayInChina() }: TReadOptions,
  inspectionId: number,
): Promise<TLedgerView> {
  const inspection = await getInspection(db, inspectionId, actor.scope);
  if (!inspection || !can(actor, 'inspection.read', { unitId: inspection.unit_id }))
    throw new AppError('NOT_FOUND', '巡察不存在');
  const [categories, problems, measures, lookups] = await Promise.all([
    listCategories(db, inspectionId),
    listProblems(db, inspectionId),
    listMeasures(db, inspectionId),
    unitDirectory(db, inspection.unit_id),
  ]);
  const ctx = {
    actor,
    unitId: inspection.unit_id,
    today,
    yellowDays,
    names: lookups,
    isPlanApproved: inspection.plan_approved_at !== null,
    closeOut: await closeOutFacts(
      db,
      measures.map((m) => m.id),
    ),
  };
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
    departments: lookups.departments.map((d) => ({ id: d.id, name: d.name, isDemo: d.is_demo === 1 })),
    people: lookups.people.map((p) => ({
      id: p.id,
      name: p.name,
      position: p.position,
      departmentId: p.department_id,
      isDemo: p.is_demo === 1,
    })),
    today,
    yellowDays,
    canCreateMeasure: can(actor, 'measure.create', { unitId: inspection.unit_id }),
    canManageLookback: can(actor, 'lookback.manage', { unitId: inspection.unit_id }),
    planApprovedAt: inspection.plan_approved_at,
    planApprovalOpinion: inspection.plan_approval_opinion,
    requiresOfficeConfirmation: inspection.requires_office_confirmation === 1,
    canChangeSettings: can(actor, 'inspection.configure', { unitId: inspection.unit_id }),
    canApprovePlan:
      inspection.plan_approved_at === null && can(actor, 'plan.approve', { unitId: inspection.unit_id }),
  };
}

/** One measure with its progress history and transitions. */
export async function readMeasureDetail(
  { db, actor, yellowDays, today = todayInChina() }: TReadOptions,
  measureId: number,
): Promise<TMeasureDetail> {
  const m = await getMeasure(db, measureId, actor.scope);
  if (!m) throw new AppError('NOT_FOUND', '整改措施不存在');
  const names = await unitDirectory(db, m.unit_id);
  const problem = await db
    .selectFrom('problems')
    .selectAll()
    .where('id', '=', m.problem_id)
    .executeTakeFirstOrThrow();
  const category = await db
    .selectFrom('categories')
    .selectAll()
    .where('id', '=', problem.category_id)
    .executeTakeFirstOrThrow();
  const progress = await listProgress(db, measureId);
  const transitions = await listTransitions(db, measureId);
  const comments = await listComments(db, measureId);
  const evidence = await db
    .selectFrom('evidence')
    .leftJoin('users', 'users.id', 'evidence.uploaded_by')
    .selectAll('evidence')
    .select('users.display_name as uploader_name')
    .where('measure_id', '=', measureId)
    .orderBy('evidence.id')
    .execute();
  const request = await db
    .selectFrom('close_out_requests')
    .leftJoin('users as rq', 'rq.id', 'close_out_requests.requested_by')
    .leftJoin('users as lr', 'lr.id', 'close_out_requests.leader_reviewed_by')
    .leftJoin('users as ap', 'ap.id', 'close_out_requests.approved_by')
    .leftJoin('users as cf', 'cf.id', 'close_out_requests.confirmed_by')
    .selectAll('close_out_requests')
    .select([
      'rq.display_name as requester_name',
      'lr.display_name as reviewer_name',
      'ap.display_name as approver_name',
      'cf.display_name as confirmer_name',
    ])
    .where('measure_id', '=', measureId)
    .orderBy('close_out_requests.id', 'desc')
    .executeTakeFirst();
  const hashes = evidence.map((e) => e.sha256).sort();
  const extensions = await db
    .selectFrom('extension_requests')
    .leftJoin('users', 'users.id', 'extension_requests.requested_by')
    .selectAll('extension_requests')
    .select('users.display_name as requester_name')
    .where('measure_id', '=', measureId)
    .orderBy('extension_requests.id')
    .execute();
  const lookbacks = await db
    .selectFrom('lookback_items')
    .innerJoin('lookbacks', 'lookbacks.id', 'lookback_items.lookback_id')
    .select([
      'lookback_items.id',
      'lookbacks.scheduled_date',
      'lookbacks.checkers',
      'lookback_items.result',
      'lookback_items.note',
      'lookback_items.checked_at',
    ])
    .where('lookback_items.measure_id', '=', measureId)
    .orderBy('lookback_items.id')
    .execute();
  return {
    measure: presentMeasure(m, {
      actor,
      unitId: m.unit_id,
      today,
      yellowDays,
      names,
      closeOut: await closeOutFacts(db, [m.id]),
      isPlanApproved: await isPlanApproved(db, m.inspection_id),
    }),
    problem: { id: problem.id, number: problem.number, title: problem.title },
    category: { id: category.id, title: category.title },
    progress: progress.map((p) => ({
      id: p.id,
      entryDate: p.entry_date,
      text: p.text,
      authorName: p.author_name,
      createdAt: p.created_at,
    })),
    comments: comments.map((c) => ({
      id: c.id,
      text: c.text,
      authorName: c.author_name,
      authorRole: c.author_role === null ? null : (ROLE_LABELS[ZRole.parse(c.author_role)] ?? null),
      createdAt: c.created_at,
    })),
    canComment: can(actor, 'measure.comment', { unitId: m.unit_id }),
    evidence: evidence.map((e) => ({
      id: e.id,
      fileName: e.file_name,
      mime: e.mime,
      size: e.size,
      sha256: e.sha256,
      documentedDate: e.documented_date,
      uploadedAt: e.uploaded_at,
      uploaderName: e.uploader_name,
      progressEntryId: e.progress_entry_id,
    })),
    closeOut: request
      ? {
          stage: request.outcome === 'pending' ? (request.stage as 'leader' | 'principal' | 'office') : null,
          outcome: request.outcome as 'pending' | 'approved' | 'sent_back' | 'invalidated',
          summary: request.summary,
          reason: request.reason,
          requestedAt: request.requested_at,
          requesterName: request.requester_name,
          leaderReviewedAt: request.leader_reviewed_at,
          reviewerName: request.reviewer_name,
          leaderOpinion: request.leader_opinion,
          approvedAt: request.approved_at,
          approverName: request.approver_name,
          approvalOpinion: request.approval_opinion,
          confirmedAt: request.confirmed_at,
          confirmerName: request.confirmer_name,
          confirmationOpinion: request.confirmation_opinion,
          officeRequired: request.office_required === 1,
          isCurrent: isApprovalCurrent(
            { measureVersion: request.measure_version, evidenceHashes: request.evidence_hashes },
            { version: m.version, evidenceHashes: hashes },
          ),
        }
      : null,
    extensions: extensions.map((x) => ({
      id: x.id,
      newDeadline: x.new_deadline,
      newIsStanding: x.new_is_standing === null ? null : x.new_is_standing === 1,
      newContent: x.new_content,
      reason: x.reason,
      status: x.status as 'pending' | 'approved' | 'rejected',
      wasOverdue: x.was_overdue === 1,
      deadlineAtRequest: x.deadline_at_request,
      requestedAt: x.requested_at,
      requesterName: x.requester_name,
      decidedAt: x.decided_at,
      decisionNote: x.decision_note,
    })),
    canRequestExtension:
      !isFrozen(ZMeasureState.parse(m.state)) && can(actor, 'extension.request', measureObject(m.unit_id, m)),
    canDecideExtension: can(actor, 'extension.decide', { unitId: m.unit_id }),
    lookbacks: lookbacks.map((l) => ({
      id: l.id,
      scheduledDate: l.scheduled_date,
      checkers: JSON.parse(l.checkers) as string[],
      result: l.result as 'holds' | 'relapsed' | null,
      note: l.note,
      checkedAt: l.checked_at,
    })),
    transitions: transitions.map((t) => ({
      id: t.id,
      action: t.action,
      fromState: t.from_state,
      toState: t.to_state,
      reason: t.reason,
      actorName: t.actor_name,
      at: t.at,
    })),
  };
}
