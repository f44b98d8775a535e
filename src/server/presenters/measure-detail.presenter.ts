/** One measure's detail page: the measure as the ledger presents it, and every record about it. */
import type { TMeasureDetail, TMeasureView } from '@shared/api.ts';
import { ROLE_LABELS } from '@shared/domain.ts';
import { isApprovalCurrent, isFrozen } from '@shared/measure-state.ts';
import { correctionDeadline, correctionRefusal } from '@shared/progress.ts';
import type { TActor } from '../policies/actor.ts';
import { can, measureObject } from '../policies/policy.ts';
import type { TMeasureWithUnit } from '../repositories/measure.repository.ts';
import type { TMeasureDetailRecords } from '../repositories/measure-detail.repository.ts';

/** The detail of `m`, already presented as `measure`, with its records. */
export function presentMeasureDetail(
  actor: TActor,
  m: TMeasureWithUnit,
  measure: TMeasureView,
  r: TMeasureDetailRecords,
  reminders: TMeasureDetail['reminders'] = [],
): TMeasureDetail {
  const {
    problem,
    category,
    progress,
    comments,
    evidence,
    closeOut: request,
    extensions,
    lookbacks,
    transitions,
  } = r;
  const hashes = evidence.map((e) => e.sha256).sort();
  // The author's correction window, where the measure still takes progress (as the record_progress action says).
  const mayTakeProgress = measure.allowed.includes('record_progress');
  const now = new Date();
  // An archived ledger's measure is read only.
  const working = m.inspection_archived_at === null;
  return {
    measure,
    problem: { id: problem.id, number: problem.number, title: problem.title },
    category: { id: category.id, title: category.title },
    progress: progress.map((p) => ({
      id: p.id,
      entryDate: p.entry_date,
      text: p.text,
      authorName: p.author_name,
      createdAt: p.created_at,
      editedAt: p.edited_at,
      withdrawnAt: p.withdrawn_at,
      correctableUntil:
        mayTakeProgress &&
        correctionRefusal(
          { createdBy: p.created_by, createdAt: p.created_at, source: p.source, withdrawnAt: p.withdrawn_at },
          actor.userId,
          now,
        ) === null
          ? correctionDeadline(p.created_at)
          : null,
    })),
    comments: comments.map((c) => ({
      id: c.id,
      text: c.text,
      authorName: c.author_name,
      authorRole: c.author_role === null ? null : (ROLE_LABELS[c.author_role] ?? null),
      createdAt: c.created_at,
    })),
    canComment: working && can(actor, 'measure.comment', { unitId: m.unit_id }),
    evidence: evidence.map((e) => ({
      id: e.id,
      fileName: e.file_name,
      mime: e.mime,
      size: e.size,
      sha256: e.sha256,
      sm3: e.sm3,
      documentedDate: e.documented_date,
      uploadedAt: e.uploaded_at,
      uploaderName: e.uploader_name,
      progressEntryId: e.progress_entry_id,
      originalSha256: e.original_sha256,
    })),
    closeOut: request
      ? {
          stage: request.outcome === 'pending' ? request.stage : null,
          outcome: request.outcome,
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
      status: x.status,
      wasOverdue: x.was_overdue === 1,
      deadlineAtRequest: x.deadline_at_request,
      requestedAt: x.requested_at,
      requesterName: x.requester_name,
      decidedAt: x.decided_at,
      decisionNote: x.decision_note,
    })),
    canRequestExtension:
      working && !isFrozen(m.state) && can(actor, 'extension.request', measureObject(m.unit_id, m)),
    canDecideExtension: working && can(actor, 'extension.decide', { unitId: m.unit_id }),
    reminders,
    lookbacks: lookbacks.map((l) => ({
      id: l.id,
      scheduledDate: l.scheduled_date,
      checkers: JSON.parse(l.checkers) as string[],
      result: l.result,
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
