/** Monthly reports (live, or the issued snapshot) and the rectification plan, read from the ledger. */
import { monthlyReportDue } from '@shared/reminders.ts';
import type { Kysely } from 'kysely';
import type { TMonthlyReportsView } from '@shared/api.ts';
import { addDays, todayInChina } from '@shared/chinese.ts';
import { monthOpinionFigures } from '../../repositories/opinion-inbox.repository.ts';
import { deadlineText } from '@shared/six-clarities.ts';
import { isPastDue, reportingDeadline } from '@shared/warning.ts';
import { buildMonthlyReport, buildPlan } from '@documents/reports.ts';
import type { TOfficialDocument } from '@documents/official-document.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { can } from '../../policies/policy.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';

import {
  insertMonthlyReport,
  issuedReport,
  monthActivity,
  monthlyReportsOf,
  measureStatesAsOf,
} from '../../repositories/report.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { loadInspectionFor } from '../inspections/load-inspection.ts';
import { loadLedger } from '../../repositories/ledger.repository.ts';

const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y ?? 2000, m ?? 1, 0)).toISOString().slice(0, 10);
};

/** The monthly report as the ledger stands (not yet issued). */
export async function liveMonthlyReport(
  db: Kysely<Database>,
  actor: TActor,
  inspectionId: number | 'latest',
  month: string,
  summary = '',
): Promise<TOfficialDocument> {
  const inspection = await loadInspectionFor(db, actor, inspectionId);
  const { categories, problems, measures, names: directory } = await loadLedger(db, inspection);
  const from = `${month}-01`;
  const to = monthEnd(month);
  // The month in Beijing time, as instants (transitions and opinions keep the instant they happened).
  const instant = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString();
  const monthInstants = { from: instant(from), to: instant(addDays(to, 1)) };
  const { entries, transitions } = await monthActivity(db, inspection.id, { from, to }, monthInstants);
  const asOfDay = to < todayInChina() ? to : todayInChina();
  const opinions = await monthOpinionFigures(db, inspection.unit_id, monthInstants, asOfDay);
  const problemOf = new Map(problems.map((p) => [p.id, p]));
  const asOf = asOfDay;
  // The ledger as it stood at the end of the month (or now, for the current month): a report issued later counts
  // nothing that happened after, and a measure added after is not in it.
  const end = to < todayInChina() ? monthInstants.to : new Date().toISOString();
  const then = new Map(
    (await measureStatesAsOf(db, inspection.id, end)).map((r) => [
      r.id,
      r.created_at >= end ? null : (r.state_before ?? r.state_left_later ?? r.state),
    ]),
  );
  const measuresThen = measures
    .map((m) => ({ ...m, state: then.get(m.id) ?? null }))
    .filter((m): m is typeof m & { state: NonNullable<typeof m.state> } => m.state !== null);
  const open = measuresThen.filter((m) => m.state !== 'closed');
  return buildMonthlyReport({
    partyOrgName: inspection.party_org_name ?? inspection.unit_name,
    kind: inspection.kind,
    groupName: inspection.group_name,
    month,
    summary,
    moved: {
      progressEntries: entries.length,
      measuresWithProgress: new Set(entries.map((e) => e.measure_id)).size,
      closed: transitions.filter((t) => t.to_state === 'closed').length,
      sentBack: transitions.filter((t) => t.action === 'send_back').length,
      relapsed: transitions.filter((t) => t.to_state === 'relapsed').length,
    },
    byCategory: categories.map((c) => {
      const own = measuresThen.filter((m) => problemOf.get(m.problem_id)?.category_id === c.id);
      const count = (state: string) => own.filter((m) => m.state === state).length;
      return {
        title: c.title,
        total: own.length,
        notStarted: count('not_started'),
        inProgress: count('in_progress'),
        closeRequested: count('close_requested'),
        closed: count('closed'),
        standing: count('standing'),
        relapsed: count('relapsed'),
      };
    }),
    overdue: open
      .map((m) => ({
        m,
        due: reportingDeadline({
          deadline: m.deadline,
          originalDeadline: m.original_deadline,
          lateExtension: m.late_extension === 1,
        }),
      }))
      .filter(({ m, due }) => m.is_standing !== 1 && isPastDue(due, asOf))
      .map(({ m, due }) => ({
        problem: problemOf.get(m.problem_id)?.title ?? '',
        content: m.content,
        person: directory.personName(m.person_id),
        deadline: due ?? '',
      })),
    standing: open
      .filter((m) => m.is_standing === 1)
      .map((m) => ({
        problem: problemOf.get(m.problem_id)?.title ?? '',
        content: m.content,
        person: directory.personName(m.person_id),
      })),
    issuedDate: todayInChina(),
    opinions,
  });
}

/** The monthly report of a month: the issued snapshot when there is one, else the live one. */
export async function monthlyReport(
  db: Kysely<Database>,
  actor: TActor,
  inspectionId: number | 'latest',
  month: string,
): Promise<TOfficialDocument> {
  const inspection = await loadInspectionFor(db, actor, inspectionId);
  const issued = await issuedReport(db, inspection.id, month);
  if (issued) return JSON.parse(issued.snapshot_json) as TOfficialDocument;
  return liveMonthlyReport(db, actor, inspection.id, month);
}

/** Issues the month's report: a snapshot later ledger edits do not change. */
export async function issueMonthlyReport({
  db,
  actor,
  inspectionId,
  month,
  summary,
}: {
  db: Kysely<Database>;
  actor: TActor;
  inspectionId: number;
  month: string;
  summary: string;
}): Promise<number> {
  const inspection = await loadInspectionFor(db, actor, inspectionId, { write: true });
  if (!can(actor, 'report.issue', { unitId: inspection.unit_id }))
    throw new AppError('FORBIDDEN', '没有签发月报告的权限');
  if (month > todayInChina().slice(0, 7)) throw new AppError('UNPROCESSABLE', '不能签发未来月份的月报告');
  const doc = await liveMonthlyReport(db, actor, inspection.id, month, summary);
  return inTransaction(db, async (trx) => {
    const exists = await issuedReport(trx, inspection.id, month);
    if (exists) throw new AppError('CONFLICT', '该月的月报告已签发');
    const at = nowIso();
    const id = await insertMonthlyReport(trx, {
      inspection_id: inspection.id,
      month,
      summary,
      snapshot_json: JSON.stringify(doc),
      issued_by: actor.userId,
      issued_at: at,
    });
    await appendAudit(trx, {
      kind: 'monthly_report.issued',
      ...auditActor(actor),
      objectType: 'inspection',
      objectId: inspection.id,
      unitId: inspection.unit_id,
      after: { month },
      at,
    });
    return id;
  });
}

/** Issued reports of an inspection, and the month whose report is due (5 days after the month ends) if not issued. */
export async function listMonthlyReports(
  db: Kysely<Database>,
  actor: TActor,
  inspectionId: number,
): Promise<TMonthlyReportsView> {
  const inspection = await loadInspectionFor(db, actor, inspectionId);
  const rows = await monthlyReportsOf(db, inspection.id);
  const today = todayInChina();
  const { month: previous, dueDate } = monthlyReportDue(today);
  const isIssued = rows.some((r) => r.month === previous);
  return {
    reports: rows.map((r) => ({ id: r.id, month: r.month, issuedAt: r.issued_at, summary: r.summary })),
    due: isIssued ? null : { month: previous, dueDate, isOverdue: isPastDue(dueDate, today) },
    canIssue: can(actor, 'report.issue', { unitId: inspection.unit_id }),
    today,
    previousMonth: previous,
  };
}

/** The rectification plan with the six clarities of every measure. */
export async function planDocument(
  db: Kysely<Database>,
  actor: TActor,
  inspectionId: number | 'latest',
): Promise<TOfficialDocument> {
  const inspection = await loadInspectionFor(db, actor, inspectionId);
  const { categories, problems, measures, names: directory } = await loadLedger(db, inspection);
  return buildPlan({
    partyOrgName: inspection.party_org_name ?? inspection.unit_name,
    kind: inspection.kind,
    groupName: inspection.group_name,
    feedbackDate: inspection.feedback_date,
    categories: categories.map((c) => ({
      title: c.title,
      problems: problems
        .filter((p) => p.category_id === c.id && p.parent_id === null)
        .map((p) => ({
          number: p.number,
          title: p.title,
          measures: measures
            .filter((m) => m.problem_id === p.id)
            .map((m) => ({
              content: m.content,
              department: directory.departmentName(m.department_id),
              leader: directory.personName(m.leader_id),
              person: directory.personName(m.person_id),
              deadline: deadlineText({ deadline: m.deadline, isStanding: m.is_standing === 1 }),
            })),
        })),
    })),
  });
}
