/** Request and response schemas of the HTTP API, shared by server routes and the web client. */
import { z } from 'zod';
import { ZIsoDate, ZMeasureState, ZRole, ZWarningColour } from './domain.ts';
import { MEASURE_ACTIONS, USER_TRANSITIONS } from './measure-state.ts';
import { CLARITIES } from './six-clarities.ts';
import { ZImportedDocument, type TImportedDocument } from './import-structure.ts';

// Zod's own messages in Simplified Chinese, for whatever our schemas do not word themselves.
z.config(z.locales.zhCN());

const text = (label: string, max: number) =>
  z
    .string({ message: `${label}应为文字` })
    .trim()
    .max(max, { message: `${label}不能超过 ${max} 个字` });

/** POST /api/auth/login */
export const ZLoginRequest = z.object({
  username: text('用户名', 64).min(1, { message: '请输入用户名' }),
  password: z.string({ message: '请输入密码' }).min(1, { message: '请输入密码' }).max(256),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

/** The logged-in user as the UI sees it. */
export const ZMe = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: ZRole,
  roleLabel: z.string(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  personId: z.number().nullable(),
  /** What the user may do somewhere in their units, for showing menu entries. */
  canImport: z.boolean(),
  canAdminister: z.boolean(),
  canReadAudit: z.boolean(),
  /** Set for accounts an administrator created or reset: the app asks for a new password before anything else. */
  mustChangePassword: z.boolean(),
});
export type TMe = z.infer<typeof ZMe>;

/** POST /api/auth/change-password */
export const ZChangePasswordRequest = z.object({
  currentPassword: z.string().min(1, { message: '请输入当前密码' }).max(256),
  newPassword: z.string().min(1, { message: '请输入新密码' }).max(256),
});
export type TChangePasswordRequest = z.infer<typeof ZChangePasswordRequest>;

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

/** POST /api/measures/:id/progress */
export const ZRecordProgressRequest = z.object({
  entryDate: ZIsoDate,
  text: text('进展情况', 5000).min(1, { message: '请填写进展情况' }),
  version: z.number().int().positive({ message: '缺少版本号' }),
});
export type TRecordProgressRequest = z.infer<typeof ZRecordProgressRequest>;

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
export const MEASURE_PERMISSIONS = ['update', 'update_plan', 'record_progress', ...MEASURE_ACTIONS] as const;
export const ZMeasurePermission = z.enum(MEASURE_PERMISSIONS);
export type TMeasurePermission = z.infer<typeof ZMeasurePermission>;

/** A measure as the ledger shows it. */
export const ZMeasureView = z.object({
  id: z.number(),
  problemId: z.number(),
  ordinal: z.number(),
  task: z.string(),
  content: z.string(),
  departmentId: z.number().nullable(),
  departmentName: z.string().nullable(),
  leaderId: z.number().nullable(),
  leaderName: z.string().nullable(),
  personId: z.number().nullable(),
  personName: z.string().nullable(),
  deadline: z.string().nullable(),
  isStanding: z.boolean(),
  state: ZMeasureState,
  colour: ZWarningColour,
  missing: z.array(z.enum(CLARITIES)),
  progress: z.string().nullable(),
  isDemo: z.boolean(),
  version: z.number(),
  updatedAt: z.string(),
  allowed: z.array(ZMeasurePermission),
  closeOutStage: z.enum(['leader', 'principal', 'office']).nullable(),
  originalDeadline: z.string().nullable(),
  checkIntervalDays: z.number().nullable(),
  hasEvidence: z.boolean(),
});
export type TMeasureView = z.infer<typeof ZMeasureView>;

type TProblemViewShape = {
  id: number;
  number: string;
  title: string;
  feedbackText: string | null;
  subproblems: TProblemViewShape[];
  measures: TMeasureView[];
};
/** A problem as the ledger shows it. */
export type TProblemView = TProblemViewShape;

/** GET /api/inspections/:id/ledger */
export type TLedgerView = {
  inspection: TInspectionView;
  categories: Array<{ id: number; ordinal: number; title: string; problems: TProblemView[] }>;
  departments: Array<{ id: number; name: string; isDemo: boolean }>;
  people: Array<{
    id: number;
    name: string;
    position: string | null;
    departmentId: number | null;
    isDemo: boolean;
  }>;
  today: string;
  yellowDays: number;
  canCreateMeasure: boolean;
  canManageLookback: boolean;
  planApprovedAt: string | null;
  planApprovalOpinion: string | null;
  canApprovePlan: boolean;
  requiresOfficeConfirmation: boolean;
  canChangeSettings: boolean;
};

/** An inspection in lists. */
export type TInspectionView = {
  id: number;
  unitId: number;
  unitName: string;
  partyOrgName: string | null;
  kind: string;
  title: string;
  round: string | null;
  groupName: string | null;
  startDate: string | null;
  endDate: string | null;
  feedbackDate: string | null;
  deadline: string | null;
  counts: {
    categories: number;
    problems: number;
    measures: number;
    red: number;
    yellow: number;
    green: number;
    closed: number;
  };
};

/** GET /api/measures/:id */
export type TMeasureDetail = {
  measure: TMeasureView;
  problem: { id: number; number: string; title: string };
  category: { id: number; title: string };
  progress: Array<{
    id: number;
    entryDate: string;
    text: string;
    authorName: string | null;
    createdAt: string;
  }>;
  comments: Array<{
    id: number;
    text: string;
    authorName: string | null;
    authorRole: string | null;
    createdAt: string;
  }>;
  canComment: boolean;
  evidence: Array<{
    id: number;
    fileName: string;
    mime: string;
    size: number;
    sha256: string;
    documentedDate: string | null;
    uploadedAt: string;
    uploaderName: string | null;
    progressEntryId: number | null;
  }>;
  /** The latest close-out request; `isCurrent` is false when the measure or its evidence changed after it. */
  closeOut: {
    stage: 'leader' | 'principal' | 'office' | null;
    /** `invalidated`: the responsible person or leader changed while the request was pending. */
    outcome: 'pending' | 'approved' | 'sent_back' | 'invalidated';
    summary: string;
    reason: string | null;
    requestedAt: string;
    requesterName: string | null;
    leaderReviewedAt: string | null;
    reviewerName: string | null;
    leaderOpinion: string | null;
    approvedAt: string | null;
    approverName: string | null;
    approvalOpinion: string | null;
    confirmedAt: string | null;
    confirmerName: string | null;
    confirmationOpinion: string | null;
    /** A stage was skipped because the unit had too few people: the inspection office confirms instead. */
    officeRequired: boolean;
    isCurrent: boolean;
  } | null;
  extensions: Array<{
    id: number;
    newDeadline: string | null;
    newIsStanding: boolean | null;
    newContent: string | null;
    reason: string;
    status: 'pending' | 'approved' | 'rejected';
    wasOverdue: boolean;
    deadlineAtRequest: string | null;
    requestedAt: string;
    requesterName: string | null;
    decidedAt: string | null;
    decisionNote: string | null;
  }>;
  canRequestExtension: boolean;
  canDecideExtension: boolean;
  lookbacks: Array<{
    id: number;
    scheduledDate: string;
    checkers: string[];
    result: 'holds' | 'relapsed' | null;
    note: string | null;
    checkedAt: string | null;
  }>;
  transitions: Array<{
    id: number;
    action: string;
    fromState: string;
    toState: string;
    reason: string | null;
    actorName: string | null;
    at: string;
  }>;
};

/** Error body of every failed request. */
export type TErrorBody = { code: string; message: string; details?: Record<string, unknown> };

/** A department or person name found in an import, and what it matches in the target unit. */
export type TNameMatch = { name: string; matchId: number | null; count: number };

/** One change of a re-import, by a stable id the user accepts or not. */
export type TReimportChange = {
  id: string;
  kind: 'added' | 'changed' | 'removed';
  category: string;
  problem: string;
  ordinal: number;
  measureId: number | null;
  before: TImportedMeasureFields | null;
  after: TImportedMeasureFields | null;
  /** Fields that differ (for 'changed'). */
  fields: string[];
  /** Set when the change may not be applied (a measure with progress or evidence is never deleted by an import). */
  blockedReason: string | null;
};

/** The six-clarity fields compared by a re-import. */
export type TImportedMeasureFields = {
  text: string;
  department: string | null;
  leader: string | null;
  person: string | null;
  deadline: string | null;
  isStanding: boolean;
};

/** POST /api/imports/preview: what would be imported; nothing is written. */
export type TImportPreview = {
  fileName: string;
  format: 'text' | 'docx' | 'xlsx';
  document: TImportedDocument;
  counts: { categories: number; problems: number; measures: number };
  unit: { id: number; name: string } | null;
  units: Array<{ id: number; name: string }>;
  departments: TNameMatch[];
  people: TNameMatch[];
  unitDepartments: Array<{ id: number; name: string }>;
  unitPeople: Array<{ id: number; name: string; position: string | null }>;
  reimport: { inspectionId: number; changes: TReimportChange[] } | null;
};

/** POST /api/imports/confirm */
export const ZImportConfirmRequest = z.object({
  document: ZImportedDocument,
  unitId: z.number().int().positive().nullable().default(null),
  inspectionId: z.number().int().positive().nullable().default(null),
  mappings: z
    .object({
      departments: z.record(z.string(), z.union([z.number().int().positive(), z.literal('new')])).default({}),
      people: z.record(z.string(), z.union([z.number().int().positive(), z.literal('new')])).default({}),
    })
    .default({ departments: {}, people: {} }),
  acceptedChanges: z.array(z.string().max(100)).max(5000).default([]),
});
export type TImportConfirmRequest = z.infer<typeof ZImportConfirmRequest>;

/** POST /api/imports/confirm answer. */
export type TImportConfirmResult = {
  inspectionId: number;
  unitId: number;
  created: number;
  changed: number;
  removed: number;
  notes: string[];
};

const optionalText = (label: string, max: number) => text(label, max).nullable().default(null);

/** POST /api/admin/units */
export const ZCreateUnitRequest = z.object({
  parentId: z.number().int().positive().nullable(),
  name: text('单位名称', 100).min(1, { message: '请填写单位名称' }),
  partyOrgName: optionalText('党组织名称', 100),
  phone: optionalText('联系电话', 50),
  address: optionalText('通信地址', 200),
  email: optionalText('电子邮箱', 100),
});
export type TCreateUnitRequest = z.infer<typeof ZCreateUnitRequest>;

/** PATCH /api/admin/units/:id */
export const ZUpdateUnitRequest = ZCreateUnitRequest.omit({ parentId: true })
  .partial()
  .extend({ version: z.number().int().positive({ message: '缺少版本号' }) });
export type TUpdateUnitRequest = z.infer<typeof ZUpdateUnitRequest>;

/** POST /api/admin/units/:id/departments */
export const ZCreateDepartmentRequest = z.object({
  name: text('部室名称', 60).min(1, { message: '请填写部室名称' }),
});

/** POST /api/admin/units/:id/people */
export const ZCreatePersonRequest = z.object({
  name: text('姓名', 40).min(1, { message: '请填写姓名' }),
  position: optionalText('职务', 60),
  departmentId: z.number().int().positive().nullable().default(null),
});

/** POST /api/admin/users */
export const ZCreateUserRequest = z.object({
  username: text('用户名', 64).min(2, { message: '用户名至少 2 位' }),
  displayName: text('姓名', 60).min(1, { message: '请填写姓名' }),
  role: ZRole,
  unitId: z.number().int().positive().nullable(),
  personId: z.number().int().positive().nullable().default(null),
  password: z.string().min(1, { message: '请设置初始密码' }).max(256),
});
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequest>;

/** PATCH /api/admin/users/:id */
export const ZUpdateUserRequest = z.object({
  displayName: text('姓名', 60).min(1).optional(),
  role: ZRole.optional(),
  unitId: z.number().int().positive().nullable().optional(),
  personId: z.number().int().positive().nullable().optional(),
  isActive: z.boolean().optional(),
});
export type TUpdateUserRequest = z.infer<typeof ZUpdateUserRequest>;

/** POST /api/admin/users/:id/reset-password */
export const ZResetPasswordRequest = z.object({
  password: z.string().min(1, { message: '请设置新密码' }).max(256),
});

/** A unit in the administration tree. */
export type TAdminUnit = {
  id: number;
  parentId: number | null;
  name: string;
  partyOrgName: string | null;
  phone: string | null;
  address: string | null;
  email: string | null;
  version: number;
  departments: Array<{ id: number; name: string }>;
  people: Array<{ id: number; name: string; position: string | null; departmentId: number | null }>;
};

/** A user in the administration list. */
export type TAdminUser = {
  id: number;
  username: string;
  displayName: string;
  role: string;
  roleLabel: string;
  unitId: number | null;
  unitName: string | null;
  personId: number | null;
  isActive: boolean;
  isLocked: boolean;
  mustChangePassword: boolean;
  createdAt: string;
};

/** GET /api/audit query. */
export const ZAuditQuery = z.object({
  actor: z.string().trim().max(64).optional(),
  kind: z.string().trim().max(64).optional(),
  objectType: z.string().trim().max(32).optional(),
  objectId: z.coerce.number().int().positive().optional(),
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

/** One audit entry as the audit page shows it. */
export type TAuditEntryView = {
  seq: number;
  at: string;
  actorLabel: string;
  ip: string | null;
  kind: string;
  kindLabel: string;
  objectType: string;
  objectId: number | null;
  unitId: number | null;
  before: string | null;
  after: string | null;
};

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
  z.object({ what: z.literal('audit'), query: ZAuditQuery.partial().default({}) }),
]);
export type TExportRequest = z.infer<typeof ZExportRequest>;

/** The answer of POST /api/exports. */
export type TExportTicket = { url: string; fileName: string; expiresAt: string };
