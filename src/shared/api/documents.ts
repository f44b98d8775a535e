/** Inspection settings, announcements, monthly reports and exports. */
import { z } from 'zod';

import { text } from './fields.ts';
import { ZAuditQuery } from './audit.ts';

/** PATCH /api/inspections/:id/settings */
export const ZInspectionSettingsRequest = z.object({ requiresOfficeConfirmation: z.boolean() });

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
    format: z.enum(['docx', 'txt', 'html']),
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
    format: z.enum(['docx', 'txt', 'html']),
  }),
  z.object({ what: z.literal('audit'), query: ZAuditQuery.partial().default({}) }),
]);
export type TExportRequest = z.infer<typeof ZExportRequest>;

/** The answer of POST /api/exports. */
export type TExportTicket = { url: string; fileName: string; expiresAt: string };
