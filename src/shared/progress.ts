/**
 * Correcting and withdrawing a progress entry (进展更正与撤回): the one statement of who may, and until when. Only the
 * entry's author, for an entry a person wrote (not an import's), not already withdrawn, within
 * `PROGRESS_CORRECTION_HOURS` of writing it. The measure's own state (no change while a 销号 request is reviewed or
 * after it is closed) is the state machine's `record_progress` rule, checked beside this one.
 */

/** How long after writing an entry its author may correct or withdraw it. */
export const PROGRESS_CORRECTION_HOURS = 24;

/** The facts about an entry this rule reads. */
export type TEntryFacts = {
  createdBy: number | null;
  createdAt: string;
  source: 'user' | 'import';
  withdrawnAt: string | null;
};

/** When the author's window closes (ISO). */
export function correctionDeadline(createdAt: string): string {
  return new Date(Date.parse(createdAt) + PROGRESS_CORRECTION_HOURS * 3_600_000).toISOString();
}

/** Why `userId` may not correct or withdraw the entry at `now`, in Chinese; null when they may. */
export function correctionRefusal(entry: TEntryFacts, userId: number | null, now: Date): string | null {
  if (entry.withdrawnAt !== null) return '该进展已撤回';
  if (entry.source !== 'user') return '导入的进展不能更正或撤回';
  if (userId === null || entry.createdBy !== userId) return '只有填报人本人可以更正或撤回进展';
  if (now.toISOString() > correctionDeadline(entry.createdAt))
    return `进展填报超过 ${PROGRESS_CORRECTION_HOURS} 小时后不能更正或撤回；如有错误，请另行填报进展说明`;
  return null;
}
