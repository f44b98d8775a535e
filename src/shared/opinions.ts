/**
 * Opinions from the public (监督意见): the form's limits, the receipt code (查询码) — unguessable, short enough to read
 * over the phone, without characters that are mistaken for each other — and the statuses the public sees.
 */
import { z } from 'zod';
import { addDays, todayInChina } from './chinese.ts';
import type { TWarningColour } from './domain.ts';
import { warningColour } from './warning.ts';

/** Characters of a receipt code: no 0/O, 1/I/L, so it reads unambiguously aloud and on paper. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** Ten characters (31^10 ≈ 8·10^14 codes), shown in two groups of five: K7M2Q-9XWT4. */
export const CODE_LENGTH = 10;

/** A code as typed (any case, with or without spaces or the hyphen) in its canonical form, or null. */
export function normaliseCode(raw: string): string | null {
  const plain = raw.toUpperCase().replace(/[\s-]/g, '');
  if (plain.length !== CODE_LENGTH || [...plain].some((c) => !CODE_ALPHABET.includes(c))) return null;
  return `${plain.slice(0, 5)}-${plain.slice(5)}`;
}

/** The least time (ms) between showing the form and submitting it: a person reads and writes; a script does not. */
export const MIN_FILL_MS = 3000;
export const OPINION_MAX_CHARS = 2000;

export const OPINION_STATUSES = ['received', 'accepted', 'out_of_scope', 'answered'] as const;
export type TOpinionStatus = (typeof OPINION_STATUSES)[number];
export const OPINION_STATUS_LABELS: Record<TOpinionStatus, string> = {
  received: '已收到，待处理',
  accepted: '已受理，正在办理',
  out_of_scope: '不属于受理范围',
  answered: '已答复',
};

/** POST /api/public/opinions */
export const ZOpinionRequest = z.object({
  /** The public announcement the opinion is about, or the unit (one of them). */
  announcementId: z.number().int().positive().optional(),
  unitId: z.number().int().positive().optional(),
  problemId: z.number().int().positive().nullable().default(null),
  content: z
    .string({ message: '请填写意见内容' })
    .trim()
    .min(5, { message: '意见内容至少 5 个字' })
    .max(OPINION_MAX_CHARS, { message: `意见内容不能超过 ${OPINION_MAX_CHARS} 个字` }),
  name: z.string().trim().max(40, { message: '姓名不能超过 40 个字' }).default(''),
  contact: z.string().trim().max(100, { message: '联系方式不能超过 100 个字' }).default(''),
  /** A field people never see (a trap for scripts): must stay empty. */
  website: z.string().max(200).default(''),
  /** When the form was shown (ms since the epoch, as the page gave it). */
  shownAt: z.number().int().nonnegative(),
});
export type TOpinionRequest = z.infer<typeof ZOpinionRequest>;

/** GET /api/public/opinions/:code — what anyone holding the code sees; never the submitter's name or contact. */
export type TOpinionReceipt = {
  code: string;
  unitName: string;
  status: TOpinionStatus;
  statusLabel: string;
  receivedAt: string;
  problemTitle: string | null;
  answer: string | null;
  answeredAt: string | null;
};

/** Days from receipt (Beijing date) by which an opinion is answered (decided in docs/decisions.md). */
export const OPINION_ANSWER_DAYS = 15;
/** An open opinion turns yellow this many days before its answer is due. */
export const OPINION_YELLOW_DAYS = 3;

/** The answer deadline of an opinion received at `receivedAt` (an ISO instant). */
export function answerDueOf(receivedAt: string): string {
  return addDays(todayInChina(new Date(receivedAt)), OPINION_ANSWER_DAYS);
}

/** Answered or found outside the remit: nothing more is owed to the public. */
export function isOpinionSettled(status: TOpinionStatus): boolean {
  return status === 'answered' || status === 'out_of_scope';
}

/** The colour of an opinion on `today`: the measures' rule (`warningColour`) applied to its answer deadline. */
export function opinionColour(status: TOpinionStatus, answerDue: string, today: string): TWarningColour {
  const state = isOpinionSettled(status) ? 'closed' : 'in_progress';
  return warningColour({ state, deadline: answerDue, isStanding: false }, today, OPINION_YELLOW_DAYS);
}

/** Steps of the back office. */
export type TOpinionAction = 'accept' | 'out_of_scope' | 'assign' | 'draft_answer' | 'publish_answer';

export const OPINION_ACTION_LABELS: Record<TOpinionAction, string> = {
  accept: '受理',
  out_of_scope: '不属于受理范围',
  assign: '指定承办人',
  draft_answer: '拟写答复',
  publish_answer: '发布答复',
};

/**
 * THE rule of an opinion's steps: received → accepted (linked to a problem or measure; may be re-linked while open)
 * or out_of_scope (with its reason, told to the public at once); an accepted opinion is assigned, its answer drafted
 * and then published (answered). Nothing changes once settled.
 */
export function opinionStep(
  from: TOpinionStatus,
  action: TOpinionAction,
  has: { answer: boolean },
): { ok: true; to: TOpinionStatus } | { ok: false; reason: string } {
  if (isOpinionSettled(from)) return { ok: false, reason: '该意见已办结（已答复或不属于受理范围）' };
  switch (action) {
    case 'accept':
    case 'out_of_scope':
      return { ok: true, to: action === 'accept' ? 'accepted' : 'out_of_scope' };
    case 'assign':
    case 'draft_answer':
      return from === 'accepted' ? { ok: true, to: from } : { ok: false, reason: '请先受理该意见' };
    case 'publish_answer':
      if (from !== 'accepted') return { ok: false, reason: '请先受理该意见' };
      return has.answer ? { ok: true, to: 'answered' } : { ok: false, reason: '请先拟写答复内容' };
  }
}
