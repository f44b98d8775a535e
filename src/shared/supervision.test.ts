import { describe, expect, it } from 'vitest';
import { isReplyOverdue, SUPERVISION_STATUSES, supervisionStep } from './supervision.ts';

describe('the supervision order rule', () => {
  it('moves awaiting → replied → closed, or back to awaiting when sent back', () => {
    expect(supervisionStep('awaiting_reply', 'reply')).toEqual({ ok: true, to: 'replied' });
    expect(supervisionStep('replied', 'accept')).toEqual({ ok: true, to: 'closed' });
    expect(supervisionStep('replied', 'send_back')).toEqual({ ok: true, to: 'awaiting_reply' });
    expect(supervisionStep('replied', 'interview')).toEqual({ ok: true, to: 'replied' });
  });
  it('refuses every step out of turn, and every step once closed', () => {
    expect(supervisionStep('replied', 'reply').ok).toBe(false);
    expect(supervisionStep('awaiting_reply', 'accept').ok).toBe(false);
    expect(supervisionStep('awaiting_reply', 'send_back').ok).toBe(false);
    for (const action of ['reply', 'accept', 'send_back', 'interview'] as const)
      expect(supervisionStep('closed', action)).toEqual({ ok: false, reason: '督办单已办结' });
  });
  it('is overdue only while waiting for a reply, from the day after the deadline', () => {
    expect(isReplyOverdue('awaiting_reply', '2026-12-02', '2026-12-03')).toBe(true);
    expect(isReplyOverdue('awaiting_reply', '2026-12-03', '2026-12-03')).toBe(false);
    for (const s of SUPERVISION_STATUSES.filter((x) => x !== 'awaiting_reply'))
      expect(isReplyOverdue(s, '2026-01-01', '2026-12-03')).toBe(false);
  });
});
