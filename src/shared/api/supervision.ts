/** Supervision orders (督办单): issue, reply, decide, interviews; the list and one order. */
import { z } from 'zod';
import { ZIsoDate } from '../domain.ts';
import { type TSupervisionStatus, ZSupervisionStatus } from '../supervision.ts';
import { missingIfBlank, optionalId, pageNumber, pageSizeUpTo, text } from './fields.ts';

const ids = (label: string) =>
  z
    .array(z.number().int().positive(), { message: `${label}应为编号列表` })
    .max(500, { message: `一次最多督办 500 条${label}` })
    .default([]);

/** POST /api/supervision-orders — one order per unit the chosen measures and problems belong to. */
export const ZIssueSupervisionRequest = z
  .object({
    measureIds: ids('措施'),
    problemIds: ids('问题'),
    reason: text('督办事由', 2000).min(1, { message: '请填写督办事由' }),
    replyDeadline: ZIsoDate,
  })
  .refine((r) => r.measureIds.length + r.problemIds.length > 0, {
    message: '请选择要督办的措施或问题',
    path: ['measureIds'],
  });
export type TIssueSupervisionRequest = z.infer<typeof ZIssueSupervisionRequest>;

/** POST /api/supervision-orders/:id/reply */
export const ZSupervisionReplyRequest = z.object({
  text: text('回复内容', 4000).min(1, { message: '请填写整改落实情况' }),
  /** The order's version as the replier saw it: a reply to an order that changed meanwhile is refused. */
  version: z.number().int().positive(),
});

/** POST /api/supervision-orders/:id/decision — accept (办结) or send back with a reason. */
export const ZSupervisionDecisionRequest = z.object({
  accept: z.boolean(),
  note: text('审核意见', 1000).nullable().default(null),
  version: z.number().int().positive(),
});

/** POST /api/supervision-orders/:id/interviews — an interview (约谈) of the unit's principal. */
export const ZSupervisionInterviewRequest = z.object({
  heldOn: ZIsoDate,
  interviewee: text('被约谈人', 100).min(1, { message: '请填写被约谈人' }),
  interviewers: text('约谈人', 200).min(1, { message: '请填写约谈人' }),
  summary: text('约谈情况', 4000).min(1, { message: '请填写约谈情况' }),
});

/** GET /api/supervision-orders */
export const ZSupervisionListQuery = z.object({
  /** A status, or `open`: every order not yet closed. */
  status: z.preprocess(missingIfBlank, z.union([ZSupervisionStatus, z.literal('open')]).optional()),
  /** A unit and every unit under it. */
  unit: optionalId('单位'),
  /** `true`: waiting for a reply past its deadline. */
  overdue: z.preprocess(missingIfBlank, z.enum(['true', 'false']).optional()),
  page: pageNumber(),
  pageSize: pageSizeUpTo(200, 20),
});
export type TSupervisionListQuery = z.infer<typeof ZSupervisionListQuery>;

/** One order in the list. */
export type TSupervisionListItem = {
  id: number;
  unitId: number;
  unitName: string;
  reason: string;
  replyDeadline: string;
  status: TSupervisionStatus;
  isOverdue: boolean;
  issuedAt: string;
  issuerName: string | null;
  itemCount: number;
  interviewCount: number;
};

/** GET /api/supervision-orders */
export type TSupervisionList = {
  total: number;
  page: number;
  pageSize: number;
  items: TSupervisionListItem[];
};

/** GET /api/supervision-orders/:id */
export type TSupervisionOrderView = TSupervisionListItem & {
  version: number;
  closedAt: string | null;
  /** What the order is about: measures (with their problem) and whole problems. */
  targets: Array<{
    inspectionId: number;
    inspectionTitle: string;
    problemId: number;
    problemNumber: string;
    problemTitle: string;
    measureId: number | null;
    measureContent: string | null;
    measureState: string | null;
  }>;
  replies: Array<{
    id: number;
    text: string;
    repliedBy: string | null;
    repliedAt: string;
    decision: 'accepted' | 'returned' | null;
    decisionNote: string | null;
    decidedBy: string | null;
    decidedAt: string | null;
  }>;
  interviews: Array<{
    id: number;
    heldOn: string;
    interviewee: string;
    interviewers: string;
    summary: string;
    recordedBy: string | null;
  }>;
  /** What the current user may do now. */
  can: { reply: boolean; decide: boolean; interview: boolean };
};
