/** Look-backs, notifications and the close-out queue. */
import { z } from 'zod';
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
