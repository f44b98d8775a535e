/** What the ledger, inspection list and measure detail answer. */
import { z } from 'zod';
import { ZMeasureState, ZWarningColour } from '../domain.ts';
import { MEASURE_ACTIONS } from '../measure-state.ts';
import { CLARITIES } from '../six-clarities.ts';

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
  /** 整改目标 and 完成标准: shown to reviewers beside the evidence when they decide a 销号. */
  goal: z.string().nullable(),
  doneCriteria: z.string().nullable(),
  hasEvidence: z.boolean(),
  /** Days past the deadline of open work with a deadline, else null (computed on the server's today). */
  overdueDays: z.number().nullable(),
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
  /** `isActive` false: closed or merged, kept for the measures that name it, not offered for new work. */
  departments: Array<{ id: number; name: string; isDemo: boolean; isActive: boolean }>;
  people: Array<{
    id: number;
    name: string;
    position: string | null;
    departmentId: number | null;
    isDemo: boolean;
    /** Left the unit (handed over): named on past work, never offered for new work. */
    hasLeft: boolean;
  }>;
  today: string;
  yellowDays: number;
  canCreateMeasure: boolean;
  canManageLookback: boolean;
  planApprovedAt: string | null;
  planApprovalOpinion: string | null;
  canApprovePlan: boolean;
  requiresOfficeConfirmation: boolean;
  /** The inspection's escalation thresholds (超期预警). */
  escalation: {
    remindDaysBefore: number;
    escalateLeaderDays: number;
    escalateTopDays: number;
    reviewDays: number;
  };
  canChangeSettings: boolean;
  /** Archiving, restoring, deleting a ledger created by mistake (see `inspection.archive`). */
  retirement: {
    canArchive: boolean;
    canRestore: boolean;
    canDelete: boolean;
    /** Work recorded since the import: a ledger with any cannot be deleted. */
    touches: string[];
  };
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
  /** For optimistic locking of archive / restore / delete. */
  version: number;
  /** Set when archived: readable, out of working lists and figures, no writes. */
  archived: { at: string; reason: string | null } | null;
  counts: {
    categories: number;
    problems: number;
    measures: number;
    red: number;
    yellow: number;
    green: number;
    closed: number;
    /** Measures lacking one of the six clarities (六个明确). */
    unclear: number;
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
    /** When its author last corrected it. */
    editedAt: string | null;
    /** When its author withdrew it (it stays, marked, and is no longer the measure's progress). */
    withdrawnAt: string | null;
    /** Until when the reader may correct or withdraw it (null when they may not). */
    correctableUntil: string | null;
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
    /** The SM3 digest, recorded under the 国密 suite. */
    sm3: string | null;
    documentedDate: string | null;
    uploadedAt: string;
    uploaderName: string | null;
    progressEntryId: number | null;
    /** The SHA-256 of the original photo when the browser uploaded a smaller copy of it. */
    originalSha256: string | null;
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
  /** The latest reminders sent about the measure (超期预警、催办 are in the audit), newest first. */
  reminders: Array<{
    id: number;
    rule: string;
    ruleLabel: string;
    userName: string;
    channel: string;
    status: 'sent' | 'failed';
    sentAt: string;
    error: string | null;
  }>;
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
