/** Inspection settings, announcements, monthly reports and exports. */
import { z } from 'zod';

import { text } from './fields.ts';
import { ZAuditQuery } from './audit.ts';

/** PATCH /api/inspections/:id/settings */
/** Escalation thresholds of an inspection (超期预警): days, the last in working days. */
export const ZEscalationSettings = z.object({
  /** Remind the carriers this many days before the deadline (黄灯). */
  remindDaysBefore: z.number().int().min(0).max(60, { message: '提前提醒天数最多 60 天' }),
  /** Tell the responsible leader once a measure has been red this many days. */
  escalateLeaderDays: z.number().int().min(0).max(365),
  /** Tell the principal and the discipline supervisor once red this many days. */
  escalateTopDays: z.number().int().min(0).max(365),
  /** Remind the reviewer of a 销号 or extension request waiting this many working days. */
  reviewDays: z.number().int().min(1, { message: '审核时限至少 1 个工作日' }).max(60),
});
export type TEscalationSettings = z.infer<typeof ZEscalationSettings>;

/** PATCH /api/inspections/:id/settings — what the inspection office requires of the inspected unit. */
export const ZInspectionSettingsRequest = z
  .object({ requiresOfficeConfirmation: z.boolean().optional(), escalation: ZEscalationSettings.optional() })
  .refine((v) => v.requiresOfficeConfirmation !== undefined || v.escalation !== undefined, {
    message: '请填写要修改的设置',
  })
  .refine(
    (v) => v.escalation === undefined || v.escalation.escalateTopDays >= v.escalation.escalateLeaderDays,
    {
      message: '上报第一责任人的天数不能少于督促责任领导的天数',
    },
  );

const ledgerVersion = z.number({ message: '缺少台账版本号' }).int().positive();
const retirementReason = text('原因', 500).min(2, {
  message: '请说明原因（如：导入了错误的文件、导入到了错误的单位）',
});

/** POST /api/inspections/:id/archive — a ledger created by mistake or no longer followed, with the reason. */
export const ZLedgerArchiveRequest = z.object({ version: ledgerVersion, reason: retirementReason });
export type TLedgerArchiveRequest = z.infer<typeof ZLedgerArchiveRequest>;

/** POST /api/inspections/:id/restore — an archived ledger back to the working lists. */
export const ZLedgerRestoreRequest = z.object({ version: ledgerVersion });

/** DELETE /api/inspections/:id — an untouched ledger created by mistake, with the reason. */
export const ZLedgerDeleteRequest = z.object({ version: ledgerVersion, reason: retirementReason });

/** PUT /api/inspections/:id/announcements/draft — sections 一 and 三 as the coordinator writes them. */
export const ZAnnouncementDraftRequest = z.object({
  section1Heading: text('第一部分标题', 200).min(1, { message: '请填写第一部分标题' }),
  section1Text: text('第一部分', 20000),
  section3Heading: text('第三部分标题', 200).min(1, { message: '请填写第三部分标题' }),
  section3Text: text('第三部分', 20000),
  includeStatistics: z.boolean().default(false),
  /**
   * The version of the latest announcement as the editor read it (0 when there is none yet): a save over a newer
   * version, or without one, is refused rather than losing someone's edit.
   */
  version: z.number({ message: '缺少版本号：请刷新页面后再保存' }).int().min(0),
});
export type TAnnouncementDraftRequest = z.infer<typeof ZAnnouncementDraftRequest>;

/** One announcement version. */
export type TAnnouncementView = {
  id: number;
  versionNo: number;
  status: 'draft' | 'submitted' | 'approved' | 'published' | 'withdrawn';
  section1Heading: string;
  section1Text: string;
  section3Heading: string;
  section3Text: string;
  includeStatistics: boolean;
  publishedAt: string | null;
  approvedAt: string | null;
  version: number;
  allowed: Array<'edit' | 'submit' | 'approve' | 'return' | 'publish' | 'withdraw'>;
  submittedByName: string | null;
  approvedByName: string | null;
  /** The approver's opinion, or the reason the version was returned to draft. */
  approvalOpinion: string | null;
  /** What the drafter must know of the ledger now (measures judged 反弹, which the next text reports as reopened). */
  warnings: string[];
};

/** POST /api/announcements/:id/:step — an opinion with an approval, a required reason with a return. */
export const ZAnnouncementStepRequest = z.object({ opinion: text('意见', 1000).optional() }).default({});

/** GET /api/inspections/:id/monthly-reports: the issued reports, and the one due if any (overdue by the server's date). */
export type TMonthlyReportsView = {
  reports: TMonthlyReportView[];
  due: { month: string; dueDate: string; isOverdue: boolean } | null;
  canIssue: boolean;
  /** The server's date in Beijing: the page's default month is the one before it. */
  today: string;
  /** The month before `today` (YYYY-MM): the report usually issued next. */
  previousMonth: string;
};

/** POST /api/inspections/:id/monthly-reports */
export const ZMonthlyReportRequest = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 YYYY-MM' }),
  summary: text('本月小结', 5000).default(''),
});

/** An issued monthly report in the list. */
export type TMonthlyReportView = { id: number; month: string; issuedAt: string; summary: string | null };

/**
 * POST /api/exports — make an export (audited) and get a short-lived link to fetch it: a document as .docx (or
 * .txt/.html), the ledger as .xlsx, or the audit trail as .csv. Exports are never made by a GET.
 */
export const ZExportRequest = z.discriminatedUnion('what', [
  z.object({
    what: z.literal('document'),
    inspectionId: z.number().int().positive(),
    kind: z.enum(['announcement', 'monthly', 'plan']),
    format: z.enum(['docx', 'txt', 'html', 'pdf']),
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 YYYY-MM' })
      .optional(),
    /** A published announcement version (its id). */
    version: z.number().int().positive().optional(),
  }),
  z.object({ what: z.literal('ledger'), inspectionId: z.number().int().positive() }),
  /** The round summary (轮次整改情况汇总) across the inspections in scope, optionally a unit and below. */
  z.object({
    what: z.literal('round_summary'),
    round: z.string().trim().min(1, { message: '请选择轮次' }).max(100, { message: '轮次最多 100 字' }),
    unit: z.number().int().positive().optional(),
    format: z.enum(['docx', 'txt', 'html', 'pdf']),
  }),
  z.object({ what: z.literal('audit'), query: ZAuditQuery.partial().default({}) }),
]);
export type TExportRequest = z.infer<typeof ZExportRequest>;

/** The answer of POST /api/exports. */
export type TExportTicket = { url: string; fileName: string; expiresAt: string };
