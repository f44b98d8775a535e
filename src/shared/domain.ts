/** The domain model shared by server, web and CLI: enums, entity schemas and their inferred types. */
import { z } from 'zod';
import { isIsoDate, isPlausibleDate } from './chinese.ts';

/** A calendar date, YYYY-MM-DD. */
export const ZIsoDate = z
  .string()
  .refine(isIsoDate, { message: '日期格式应为 YYYY-MM-DD，且须是真实存在的日期' })
  .refine(isPlausibleDate, { message: '日期超出合理范围（1949—2100年）' });

/** The roles of the people who use the system (see docs/permissions.md for what each may do). */
export const ROLES = [
  'admin',
  'inspection_office',
  'coordinator',
  'principal',
  'leader',
  'responsible',
  'supervisor',
] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

/** Chinese names of the roles, as users know them. */
export const ROLE_LABELS: Record<TRole, string> = {
  admin: '系统管理员',
  inspection_office: '巡察办',
  coordinator: '整改联络员',
  principal: '第一责任人',
  leader: '责任领导',
  responsible: '责任人',
  supervisor: '纪检监察组',
};

/** Kinds of review that lead to rectification. */
export const INSPECTION_KINDS = ['巡视', '巡察', '审计', '督查', '其他'] as const;
export const ZInspectionKind = z.enum(INSPECTION_KINDS);
export type TInspectionKind = z.infer<typeof ZInspectionKind>;

/** States of a measure; transitions are decided only in measure-state.ts. */
export const MEASURE_STATES = [
  'not_started',
  'in_progress',
  'close_requested',
  'closed',
  'standing',
  'relapsed',
] as const;
export const ZMeasureState = z.enum(MEASURE_STATES);
export type TMeasureState = z.infer<typeof ZMeasureState>;

/** Chinese labels of measure states. */
export const MEASURE_STATE_LABELS: Record<TMeasureState, string> = {
  not_started: '未启动',
  in_progress: '推进中',
  close_requested: '申请销号',
  closed: '已销号',
  standing: '长期坚持',
  relapsed: '反弹',
};

/** Warning colours (红黄绿灯); `none` for closed measures and measures with no deadline. */
export const WARNING_COLOURS = ['green', 'yellow', 'red', 'none'] as const;
export const ZWarningColour = z.enum(WARNING_COLOURS);
export type TWarningColour = z.infer<typeof ZWarningColour>;

/** Chinese labels of warning colours. */
export const WARNING_COLOUR_LABELS: Record<TWarningColour, string> = {
  green: '正常',
  yellow: '临期',
  red: '逾期',
  none: '—',
};

/** The public contact printed at the end of announcements. */
export const ZContact = z.object({
  phone: z.string().nullable(),
  address: z.string().nullable(),
  email: z.string().nullable(),
});
export type TContact = z.infer<typeof ZContact>;

/** Unit 单位: a node of the unit tree. */
export const ZUnit = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  partyOrgName: z.string().nullable(),
  contact: ZContact,
});
export type TUnit = z.infer<typeof ZUnit>;

/** Department 部室 of a unit. */
export const ZDepartment = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  name: z.string(),
  isDemo: z.boolean(),
});
export type TDepartment = z.infer<typeof ZDepartment>;

/** A person who can be a responsible leader or responsible person. */
export const ZPerson = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  departmentId: z.number().int().nullable(),
  name: z.string(),
  position: z.string().nullable(),
  isDemo: z.boolean(),
});
export type TPerson = z.infer<typeof ZPerson>;

/** Inspection 巡察 (or 巡视, 审计, 督查). */
export const ZInspection = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  kind: ZInspectionKind,
  title: z.string(),
  round: z.string().nullable(),
  groupName: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  feedbackDate: z.string().nullable(),
  deadline: z.string().nullable(),
  version: z.number().int(),
});
export type TInspection = z.infer<typeof ZInspection>;

/** Problem category 问题类别, ordered within its inspection. */
export const ZCategory = z.object({
  id: z.number().int(),
  inspectionId: z.number().int(),
  ordinal: z.number().int(),
  title: z.string(),
});
export type TCategory = z.infer<typeof ZCategory>;

/** Feedback problem 反馈问题; `parentId` set for a sub-problem (one level deep). */
export const ZProblem = z.object({
  id: z.number().int(),
  inspectionId: z.number().int(),
  categoryId: z.number().int(),
  parentId: z.number().int().nullable(),
  ordinal: z.number().int(),
  number: z.string(),
  title: z.string(),
  /** Confidential: the full feedback text is never published. Null when the actor may not read it. */
  feedbackText: z.string().nullable(),
});
export type TProblem = z.infer<typeof ZProblem>;

/** The six clarities (六个明确) of a measure, as stored. */
export const ZSixClarities = z.object({
  task: z.string(),
  content: z.string(),
  departmentId: z.number().int().nullable(),
  leaderId: z.number().int().nullable(),
  personId: z.number().int().nullable(),
  deadline: z.string().nullable(),
  isStanding: z.boolean(),
});
export type TSixClarities = z.infer<typeof ZSixClarities>;

/** Measure 整改措施, the unit of work. */
export const ZMeasure = ZSixClarities.extend({
  id: z.number().int(),
  inspectionId: z.number().int(),
  problemId: z.number().int(),
  ordinal: z.number().int(),
  state: ZMeasureState,
  progress: z.string().nullable(),
  isDemo: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type TMeasure = z.infer<typeof ZMeasure>;

/** Progress entry 进展记录. */
export const ZProgressEntry = z.object({
  id: z.number().int(),
  measureId: z.number().int(),
  entryDate: z.string(),
  text: z.string(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
});
export type TProgressEntry = z.infer<typeof ZProgressEntry>;

/** Where a close-out request ended: still pending, approved, sent back, or void (reassigned while pending). */
export type TCloseOutOutcome = 'pending' | 'approved' | 'sent_back' | 'invalidated';

/** A request to extend a deadline or change a measure. */
export type TExtensionStatus = 'pending' | 'approved' | 'rejected';

/** A look-back's finding on one measure: 巩固 (holds) or 反弹 (relapsed). */
export type TLookbackResult = 'holds' | 'relapsed';

/** An announcement version's status. */
export type TAnnouncementStatus = 'draft' | 'submitted' | 'approved' | 'published' | 'withdrawn';

/** Who wrote a progress entry: a person, or an import. */
export type TProgressSource = 'user' | 'import';
