/** Look-backs, notifications and the close-out queue. */
import { z } from 'zod';
import type { TOpinionListItem } from './opinions.ts';
import { ZIsoDate } from '../domain.ts';

import { text } from './fields.ts';

/** POST /api/inspections/:id/lookbacks: re-check closed measures — all, one category, or picked ones. */
export const ZScheduleLookbackRequest = z.object({
  scheduledDate: ZIsoDate,
  checkers: z.array(text('检查人', 40).min(1)).min(1, { message: '请指定检查人' }).max(20),
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('all') }),
    z.object({ kind: z.literal('category'), categoryId: z.number().int().positive() }),
    z.object({
      kind: z.literal('picked'),
      measureIds: z.array(z.number().int().positive()).min(1, { message: '请选择措施' }).max(1000),
    }),
  ]),
  note: text('说明', 1000).nullable().default(null),
});
export type TScheduleLookbackRequest = z.infer<typeof ZScheduleLookbackRequest>;

/** POST /api/lookback-items/:id: the result of re-checking one measure. */
export const ZLookbackResultRequest = z.object({
  result: z.enum(['holds', 'relapsed']),
  note: text('检查情况', 2000).min(1, { message: '请填写检查情况' }),
});

/** A look-back with its items. */
export type TLookbackView = {
  id: number;
  scheduledDate: string;
  checkers: string[];
  note: string | null;
  items: Array<{
    id: number;
    measureId: number;
    content: string;
    result: 'holds' | 'relapsed' | null;
    note: string | null;
    checkedAt: string | null;
  }>;
};

/** A notification. */
/** GET /api/notifications/badge — what the header's badge counts; answered 304 when its ETag has not changed. */
export type TBadge = { unread: number; reviews: number };

export type TNotificationView = {
  id: number;
  text: string;
  measureId: number | null;
  /** Where the message leads when it is not about a measure (e.g. `/supervision/3`). */
  link: string | null;
  /** Where the message opens in the app: its link, or its measure in the ledger (null: nowhere to go). */
  href: string | null;
  createdAt: string;
  isRead: boolean;
};

/** A close-out waiting for the current user. */
export type TQueueItem = {
  measureId: number;
  inspectionId: number;
  content: string;
  problemTitle: string;
  stage: 'leader' | 'principal' | 'office';
  summary: string;
  requestedAt: string;
  requesterName: string | null;
};

/** GET /api/my-work — 我的工作: what waits for the current user, each a click from where it is done. */
export type TMyWork = {
  today: string;
  /** Measures the user carries or leads that are red (past due, or a standing check missed), most urgent first. */
  red: { total: number; items: TMyMeasure[] };
  /** ... and those turning red soon (yellow). */
  yellow: { total: number; items: TMyMeasure[] };
  /** Red measures of the whole scope, for roles that follow a unit (coordinator, principal, supervisor); else null. */
  scopeRed: number | null;
  /** 销号 requests waiting at the user's stage. */
  closeOuts: TQueueItem[];
  /** Extension or adjustment requests the user decides (principal). */
  extensions: Array<{
    id: number;
    measureId: number;
    inspectionId: number;
    content: string;
    reason: string;
    newDeadline: string | null;
    requestedAt: string;
    requesterName: string | null;
  }>;
  /** Look-backs in scope with measures still to re-check (for those who manage look-backs). */
  lookbacks: Array<{
    id: number;
    inspectionId: number;
    inspectionTitle: string;
    unitName: string;
    scheduledDate: string;
    unchecked: number;
  }>;
  /** Unread messages. */
  unread: number;
  /** Opinions from the public still owed an answer that the user acts on (their unit's, or assigned to them). */
  opinions: { total: number; items: TOpinionListItem[] };
};

/** A measure on 我的工作. */
export type TMyMeasure = {
  id: number;
  inspectionId: number;
  unitName: string;
  content: string;
  deadline: string | null;
  isStanding: boolean;
  overdueDays: number | null;
  colour: 'red' | 'yellow' | 'green' | 'none';
  state: string;
  /** The user leads it (责任领导) rather than carries it (责任人). */
  isLed: boolean;
};
