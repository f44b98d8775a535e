/** The back office of opinions from the public (群众监督意见): the inbox, one opinion, and its steps. */
import { z } from 'zod';
import { type TWarningColour, ZWarningColour } from '../domain.ts';
import { OPINION_STATUSES, type TOpinionStatus } from '../opinions.ts';
import { MAX_ID, missingIfBlank, optionalId as idInQuery, pageNumber, pageSizeUpTo, text } from './fields.ts';

const version = z.number({ message: '缺少版本号' }).int().positive();
const optionalId = (label: string) =>
  z
    .number({ message: `${label}编号有误` })
    .int()
    .positive()
    .max(MAX_ID, { message: `${label}编号有误` })
    .nullable()
    .default(null);

/** GET /api/opinions */
export const ZOpinionListQuery = z.object({
  /** A status, or `open`: received or accepted, still owed an answer. */
  status: z.preprocess(missingIfBlank, z.enum([...OPINION_STATUSES, 'open']).optional()),
  colour: z.preprocess(missingIfBlank, ZWarningColour.optional()),
  /** A unit and every unit under it. */
  unit: idInQuery('单位'),
  /** Words in the opinion's text or its code. */
  q: z.preprocess(
    missingIfBlank,
    z.string().trim().max(100, { message: '关键词不能超过 100 个字' }).optional(),
  ),
  page: pageNumber(),
  pageSize: pageSizeUpTo(200, 20),
});
export type TOpinionListQuery = z.infer<typeof ZOpinionListQuery>;

/** One opinion in the inbox. */
export type TOpinionListItem = {
  id: number;
  code: string;
  unitId: number;
  unitName: string;
  status: TOpinionStatus;
  statusLabel: string;
  colour: TWarningColour;
  answerDue: string;
  receivedAt: string;
  /** The first words of the opinion. */
  excerpt: string;
  problemTitle: string | null;
  handlerName: string | null;
};

/** GET /api/opinions */
export type TOpinionList = { total: number; page: number; pageSize: number; items: TOpinionListItem[] };

/** GET /api/opinions/:id — with the submitter's name and contact only for readers the matrix allows. */
export type TOpinionView = TOpinionListItem & {
  version: number;
  content: string;
  /** Null when the submitter gave none; `contactHidden` says when the reader may not see them. */
  name: string | null;
  contact: string | null;
  contactHidden: boolean;
  publicAnnouncementId: number | null;
  problemId: number | null;
  measure: { id: number; inspectionId: number; content: string } | null;
  handlerPersonId: number | null;
  triageNote: string | null;
  /** The answer as drafted (published when `answerPublishedAt` is set). */
  answer: string | null;
  answerDraftedAt: string | null;
  answerPublishedAt: string | null;
  /** Problems of the unit's inspections and people of the unit, to choose from (only for those who triage). */
  choices: {
    problems: Array<{ id: number; label: string }>;
    people: Array<{ id: number; name: string }>;
  };
  can: { triage: boolean; assign: boolean; answer: boolean; publish: boolean };
};

/** POST /api/opinions/:id/triage — accept (linked to a problem or measure, optionally assigned) or 不属于受理范围. */
export const ZOpinionTriageRequest = z
  .object({
    version,
    decision: z.enum(['accept', 'out_of_scope'], { message: '请选择受理或不属于受理范围' }),
    problemId: optionalId('问题'),
    measureId: optionalId('措施'),
    handlerPersonId: optionalId('承办人'),
    /** Required for 不属于受理范围: told to the public as the answer. */
    reason: text('理由', 1000).default(''),
  })
  .refine((b) => b.decision === 'accept' || b.reason.length >= 2, {
    message: '不属于受理范围须说明理由（将向意见提出人公开）',
    path: ['reason'],
  });

/** POST /api/opinions/:id/assign */
export const ZOpinionAssignRequest = z.object({
  version,
  personId: z.number({ message: '请选择承办人' }).int().positive(),
});

/** POST /api/opinions/:id/answer — the answer's text (a draft until published). */
export const ZOpinionAnswerRequest = z.object({
  version,
  answer: text('答复内容', 4000).min(5, { message: '答复内容至少 5 个字' }),
});

/** POST /api/opinions/:id/publish — the drafted answer goes to the code's public page. */
export const ZOpinionPublishRequest = z.object({ version });
