/** Supervision orders as they leave the server: a list line, and one order with its targets, replies and interviews. */
import type { TSupervisionListItem, TSupervisionOrderView } from '@shared/api.ts';
import { isReplyOverdue } from '@shared/supervision.ts';
import type {
  orderInterviews,
  orderReplies,
  orderTargets,
  TOrderRow,
} from '../repositories/supervision.repository.ts';

type TRows<F extends (...args: never[]) => Promise<unknown[]>> = Awaited<ReturnType<F>>;

/** One order as the list shows it. */
export function presentOrderLine(r: TOrderRow, today: string): TSupervisionListItem {
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    reason: r.reason,
    replyDeadline: r.reply_deadline,
    status: r.status,
    isOverdue: isReplyOverdue(r.status, r.reply_deadline, today),
    issuedAt: r.issued_at,
    issuerName: r.issuer_name,
    itemCount: Number(r.item_count ?? 0),
    interviewCount: Number(r.interview_count ?? 0),
  };
}

/** One order in full. */
export function presentOrder(
  order: TOrderRow,
  parts: {
    targets: TRows<typeof orderTargets>;
    replies: TRows<typeof orderReplies>;
    interviews: TRows<typeof orderInterviews>;
    can: TSupervisionOrderView['can'];
    today: string;
  },
): TSupervisionOrderView {
  return {
    ...presentOrderLine(order, parts.today),
    version: order.version,
    closedAt: order.closed_at,
    targets: parts.targets.map((t) => ({
      inspectionId: t.inspection_id,
      inspectionTitle: t.inspection_title,
      problemId: t.problem_id,
      problemNumber: t.problem_number,
      problemTitle: t.problem_title,
      measureId: t.measure_id,
      measureContent: t.measure_content,
      measureState: t.measure_state,
    })),
    replies: parts.replies.map((r) => ({
      id: r.id,
      text: r.text,
      repliedBy: r.replied_by_name,
      repliedAt: r.replied_at,
      decision: r.decision,
      decisionNote: r.decision_note,
      decidedBy: r.decided_by_name,
      decidedAt: r.decided_at,
    })),
    interviews: parts.interviews.map((v) => ({
      id: v.id,
      heldOn: v.held_on,
      interviewee: v.interviewee,
      interviewers: v.interviewers,
      summary: v.summary,
      recordedBy: v.recorded_by_name,
    })),
    can: parts.can,
  };
}
