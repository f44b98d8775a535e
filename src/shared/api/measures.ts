/** Measures: creating and editing, extensions, plan approval, outcomes, progress, transitions, comments. */
import { z } from 'zod';
import { ZIsoDate } from '../domain.ts';
import { USER_TRANSITIONS } from '../measure-state.ts';

import { text } from './fields.ts';

/** Fields of the six clarities a user may set. `deadline` null with `isStanding` means 长期坚持. */
const measureFields = {
  task: text('整改事项', 500),
  content: text('整改措施', 5000),
  departmentId: z.number().int().positive().nullable(),
  leaderId: z.number().int().positive().nullable(),
  personId: z.number().int().positive().nullable(),
  deadline: ZIsoDate.nullable(),
  isStanding: z.boolean(),
  checkIntervalDays: z.number().int().min(1, { message: '检查周期至少 1 天' }).max(366).nullable(),
  /** 整改目标 and 完成标准: what the measure must achieve, and how a reviewer tells it is done. */
  goal: text('整改目标', 1000).nullable(),
  doneCriteria: text('完成标准', 1000).nullable(),
};

/** POST /api/problems/:id/measures */
export const ZCreateMeasureRequest = z.object({
  ...measureFields,
  task: measureFields.task.optional(),
  content: measureFields.content.min(1, { message: '请填写整改措施' }),
  departmentId: measureFields.departmentId.default(null),
  leaderId: measureFields.leaderId.default(null),
  personId: measureFields.personId.default(null),
  deadline: measureFields.deadline.default(null),
  isStanding: measureFields.isStanding.default(false),
  checkIntervalDays: measureFields.checkIntervalDays.default(null),
  goal: measureFields.goal.default(null),
  doneCriteria: measureFields.doneCriteria.default(null),
});
export type TCreateMeasureRequest = z.infer<typeof ZCreateMeasureRequest>;

/** PATCH /api/measures/:id — only the fields sent change; `version` is the one the user edited. */
export const ZUpdateMeasureRequest = z
  .object({ version: z.number().int().positive({ message: '缺少版本号' }) })
  .extend(z.object(measureFields).partial().shape);
export type TUpdateMeasureRequest = z.infer<typeof ZUpdateMeasureRequest>;

/** POST /api/measures/:id/extensions: change the deadline or the content after the plan was approved. */
export const ZExtensionRequest = z
  .object({
    deadline: ZIsoDate.nullable().optional(),
    isStanding: z.boolean().optional(),
    content: text('整改措施', 5000).min(1).optional(),
    reason: text('申请理由', 1000).min(1, { message: '请说明申请理由' }),
  })
  .refine((v) => v.deadline !== undefined || v.isStanding !== undefined || v.content !== undefined, {
    message: '请填写新的完成时限或整改措施',
  });
export type TExtensionRequest = z.infer<typeof ZExtensionRequest>;

/** POST /api/inspections/:id/approve-plan */
export const ZPlanApprovalRequest = z.object({ opinion: text('审批意见', 1000).optional() }).default({});

/** POST /api/extensions/:id/decision */
export const ZExtensionDecision = z.object({
  approve: z.boolean(),
  note: text('审批意见', 1000).nullable().default(null),
});

/** POST /api/inspections/:id/outcomes/rules */
export const ZOutcomeRuleRequest = z.object({
  title: text('制度名称', 200).min(1, { message: '请填写制度名称' }),
  docNumber: text('文号', 60).nullable().default(null),
  issuedDate: ZIsoDate.nullable().default(null),
  kind: z.enum(['new', 'revised']),
  measureId: z.number().int().positive().nullable().default(null),
});
/** POST /api/inspections/:id/outcomes/money — the amount in 元, to the 分. */
export const ZOutcomeMoneyRequest = z.object({
  kind: text('类别', 40).min(1, { message: '请填写类别（如 清退、追缴）' }),
  amountYuan: z
    .number()
    .positive({ message: '金额应大于 0' })
    .max(1e12)
    .multipleOf(0.01, { message: '金额最多两位小数' }),
  fromWhom: text('退赔对象', 100).nullable().default(null),
  measureId: z.number().int().positive().nullable().default(null),
});
/** POST /api/inspections/:id/outcomes/accountability */
export const ZOutcomeAccountabilityRequest = z.object({
  kind: text('类别', 40).min(1, { message: '请填写类别（如 问责、诫勉谈话）' }),
  people: z.number().int().positive({ message: '人数应大于 0' }).max(100000),
  measureId: z.number().int().positive().nullable().default(null),
});

/** GET /api/inspections/:id/outcomes */
export type TOutcomesView = {
  rules: Array<{
    id: number;
    title: string;
    docNumber: string | null;
    issuedDate: string | null;
    kind: 'new' | 'revised';
    measureId: number | null;
  }>;
  money: Array<{
    id: number;
    kind: string;
    amountYuan: number;
    fromWhom: string | null;
    measureId: number | null;
  }>;
  accountability: Array<{ id: number; kind: string; people: number; measureId: number | null }>;
  totals: { rulesNew: number; rulesRevised: number; moneyYuan: number; people: number };
  canManage: boolean;
  canSeeMoneySource: boolean;
};

/** A file staged by POST /api/measures/:id/uploads, to be saved with a progress entry. */
export const ZStagedFile = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { message: '附件标识无效' }),
  /** The date the file documents (a meeting, a rule's issue date), besides its upload date. */
  documentedDate: ZIsoDate.nullable().default(null),
});

/** POST /api/measures/:id/progress — the text and its staged files are saved together or not at all. */
export const ZRecordProgressRequest = z.object({
  entryDate: ZIsoDate,
  text: text('进展情况', 5000).min(1, { message: '请填写进展情况' }),
  version: z.number().int().positive({ message: '缺少版本号' }),
  files: z.array(ZStagedFile).max(20, { message: '一次最多附 20 个文件' }).default([]),
});
export type TRecordProgressRequest = z.infer<typeof ZRecordProgressRequest>;

/** PATCH /api/measures/:id/progress/:entryId — the author corrects the entry's date or text within the window. */
export const ZCorrectProgressRequest = z.object({
  entryDate: ZIsoDate,
  text: text('进展情况', 5000).min(1, { message: '请填写进展情况' }),
  version: z.number().int().positive({ message: '缺少版本号' }),
});
export type TCorrectProgressRequest = z.infer<typeof ZCorrectProgressRequest>;

/** POST /api/measures/:id/progress/:entryId/withdraw — the author withdraws the entry (and its files) within the window. */
export const ZWithdrawProgressRequest = z.object({
  reason: text('撤回原因', 500).min(1, { message: '请说明撤回原因' }),
  version: z.number().int().positive({ message: '缺少版本号' }),
});
export type TWithdrawProgressRequest = z.infer<typeof ZWithdrawProgressRequest>;

/** POST /api/measures/:id/uploads answers the staged file. */
export type TStagedUpload = { token: string; fileName: string; size: number; mime: string };

/** POST /api/measures/:id/transitions — only the transitions that need no review chain. */
export const ZTransitionRequest = z.object({
  action: z.enum(USER_TRANSITIONS),
  reason: text('原因', 1000).optional(),
  version: z.number().int().positive({ message: '缺少版本号' }),
});
export type TTransitionRequest = z.infer<typeof ZTransitionRequest>;

/** POST /api/measures/:id/comments */
export const ZCommentRequest = z.object({ text: text('意见', 2000).min(1, { message: '请填写意见' }) });

/**
 * What a user may do with a measure. `update_plan`: change its deadline, content or standing status directly (not
 * after the plan is approved: then only by an approved extension request).
 */

/** At most this many measures in one batch action (the search's largest page). */
export const BATCH_MAX = 200;

/** The measures of a batch action, each at the version the user saw. */
const batchItems = z
  .array(z.object({ id: z.number().int().positive(), version: z.number().int().positive() }))
  .min(1, { message: '请先选择措施' })
  .max(BATCH_MAX, { message: `一次最多处理 ${BATCH_MAX} 条措施` })
  .refine((items) => new Set(items.map((i) => i.id)).size === items.length, {
    message: '同一条措施选择了两次',
  });

/**
 * POST /api/measures/batch/reassign — give the chosen measures another department, leader or responsible person;
 * all of them or none (one refused measure refuses the batch, naming it).
 */
export const ZBatchReassignRequest = z
  .object({
    items: batchItems,
    departmentId: measureFields.departmentId.optional(),
    leaderId: measureFields.leaderId.optional(),
    personId: measureFields.personId.optional(),
  })
  .refine((v) => v.departmentId !== undefined || v.leaderId !== undefined || v.personId !== undefined, {
    message: '请选择新的责任部门、责任领导或责任人',
  });
export type TBatchReassignRequest = z.infer<typeof ZBatchReassignRequest>;

/** POST /api/measures/batch/remind — 催办: a message now to the people who carry the chosen measures. */
export const ZBatchRemindRequest = z.object({
  ids: z
    .array(z.number().int().positive())
    .min(1, { message: '请先选择措施' })
    .max(BATCH_MAX, { message: `一次最多处理 ${BATCH_MAX} 条措施` }),
  note: text('催办说明', 500).optional(),
});
export type TBatchRemindRequest = z.infer<typeof ZBatchRemindRequest>;

/** The answer to a batch action. */
export type TBatchResult = {
  /** Measures changed (reassign) or reminded (remind). */
  measures: number;
  /** Messages sent (remind): one per account reached. */
  messages: number;
  /** Measures whose carriers have no account to receive a message (remind). */
  unreachable: number[];
};
