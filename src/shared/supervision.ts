/**
 * The supervision order (督办单) and its one rule of steps: the inspection office issues it to a unit; the unit
 * replies; the office accepts the reply (办结) or sends it back for another reply. Interviews (约谈) may be recorded
 * at any time before the order is closed. Every path (API, tests) takes its steps through `supervisionStep`.
 */
import { z } from 'zod';

export const SUPERVISION_STATUSES = ['awaiting_reply', 'replied', 'closed'] as const;
export const ZSupervisionStatus = z.enum(SUPERVISION_STATUSES);
export type TSupervisionStatus = z.infer<typeof ZSupervisionStatus>;

export const SUPERVISION_STATUS_LABELS: Record<TSupervisionStatus, string> = {
  awaiting_reply: '待回复',
  replied: '待审核',
  closed: '已办结',
};

export type TSupervisionAction = 'reply' | 'accept' | 'send_back' | 'interview';

export const SUPERVISION_ACTION_LABELS: Record<TSupervisionAction, string> = {
  reply: '回复督办单',
  accept: '办结督办单',
  send_back: '退回重新回复',
  interview: '记录约谈',
};

/** The status a step leads to from `from`, or the reason it cannot be taken now. */
export function supervisionStep(
  from: TSupervisionStatus,
  action: TSupervisionAction,
): { ok: true; to: TSupervisionStatus } | { ok: false; reason: string } {
  if (from === 'closed') return { ok: false, reason: '督办单已办结' };
  switch (action) {
    case 'reply':
      return from === 'awaiting_reply'
        ? { ok: true, to: 'replied' }
        : { ok: false, reason: '已回复，正在等待巡察办审核' };
    case 'accept':
    case 'send_back':
      return from === 'replied'
        ? { ok: true, to: action === 'accept' ? 'closed' : 'awaiting_reply' }
        : { ok: false, reason: '被督办单位尚未回复' };
    case 'interview':
      return { ok: true, to: from };
  }
}

/** An order still waiting for its reply after the reply deadline is overdue (the day itself is not). */
export function isReplyOverdue(status: TSupervisionStatus, replyDeadline: string, today: string): boolean {
  return status === 'awaiting_reply' && replyDeadline < today;
}
