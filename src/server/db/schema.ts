/**
 * The database as Kysely sees it, written by hand. Dates are TEXT `YYYY-MM-DD`, timestamps TEXT ISO-8601 (UTC),
 * booleans INTEGER 0/1: the same on SQLite and PostgreSQL.
 */
import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely';
import type {
  TCloseOutOutcome,
  TExtensionStatus,
  TInspectionKind,
  TLookbackResult,
  TMeasureState,
  TProgressSource,
  TRole,
} from '@shared/domain.ts';
import type { TCloseOutStage, TMeasureAction } from '@shared/measure-state.ts';
import type { TSupervisionStatus } from '@shared/supervision.ts';
import type {
  AnnouncementTable,
  ExportTicketTable,
  MonthlyReportTable,
  OpinionTable,
  PublicAnnouncementTable,
  PublicUnitTable,
  OutcomeAccountabilityTable,
  OutcomeMoneyTable,
  OutcomeRuleTable,
} from './schema-documents.ts';

export type * from './schema-documents.ts';

type Id = Generated<number>;
type Flag = number;

export type UnitTable = {
  id: Id;
  parent_id: number | null;
  name: string;
  party_org_name: string | null;
  phone: string | null;
  address: string | null;
  email: string | null;
  created_at: string;
  version: ColumnType<number, number | undefined, number>;
  /** Materialised path: ancestors' ids and its own, 10 zero-padded digits each, root first (see scope.ts). */
  path: ColumnType<string, string | undefined, string>;
  /** 1 when the administrator lets the unit's announcements go public. */
  is_public: ColumnType<number, number | undefined, number>;
};

export type DepartmentTable = {
  id: Id;
  unit_id: number;
  name: string;
  is_demo: Flag;
  version: ColumnType<number, number | undefined, number>;
  /** When it stopped taking new work (closed, or merged into another); null while active. */
  inactive_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** The department its work went to when merged. */
  merged_into_id: ColumnType<number | null, number | null | undefined, number | null>;
};

export type PersonTable = {
  id: Id;
  unit_id: number;
  department_id: number | null;
  name: string;
  position: string | null;
  is_demo: Flag;
  /** When the person left and handed their work over (null while they serve). */
  left_at: ColumnType<string | null, string | null | undefined, string | null>;
  version: ColumnType<number, number | undefined, number>;
  /** The record this one was merged into (a duplicate of the same person); it also has `left_at`. */
  merged_into_id: ColumnType<number | null, number | null | undefined, number | null>;
};

export type UserTable = {
  id: Id;
  username: string;
  display_name: string;
  password_hash: string;
  role: TRole;
  unit_id: number | null;
  person_id: number | null;
  is_active: Flag;
  is_demo: Flag;
  created_at: string;
  failed_logins: ColumnType<number, number | undefined, number>;
  locked_until: string | null;
  must_change_password: ColumnType<number, number | undefined, number>;
  password_changed_at: string | null;
  /** Where e-mail reminders go (the user sets it). */
  email: ColumnType<string | null, string | null | undefined, string | null>;
};

export type SessionTable = {
  id: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
};

export type InspectionTable = {
  id: Id;
  unit_id: number;
  kind: TInspectionKind;
  title: string;
  round: string | null;
  group_name: string | null;
  start_date: string | null;
  end_date: string | null;
  feedback_date: string | null;
  deadline: string | null;
  source_title: string | null;
  published_date: string | null;
  statistics_json: string | null;
  created_at: string;
  created_by: number | null;
  requires_office_confirmation: ColumnType<number, number | undefined, number>;
  plan_approved_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** Escalation thresholds (days; review_days are working days). */
  remind_days_before: ColumnType<number, number | undefined, number>;
  escalate_leader_days: ColumnType<number, number | undefined, number>;
  escalate_top_days: ColumnType<number, number | undefined, number>;
  review_days: ColumnType<number, number | undefined, number>;
  plan_approved_by: ColumnType<number | null, number | null | undefined, number | null>;
  version: ColumnType<number, number | undefined, number>;
  plan_approval_opinion: ColumnType<string | null, string | null | undefined, string | null>;
  /** Set when the ledger was archived (created by mistake): readable, out of every working list, no writes. */
  archived_at: ColumnType<string | null, string | null | undefined, string | null>;
  archived_by: ColumnType<number | null, number | null | undefined, number | null>;
  archive_reason: ColumnType<string | null, string | null | undefined, string | null>;
};

export type CategoryTable = { id: Id; inspection_id: number; ordinal: number; title: string };

export type ProblemTable = {
  id: Id;
  inspection_id: number;
  category_id: number;
  parent_id: number | null;
  ordinal: number;
  number: string;
  title: string;
  intro: string | null;
  feedback_text: string | null;
};

export type MeasureTable = {
  id: Id;
  inspection_id: number;
  problem_id: number;
  ordinal: number;
  task: string;
  content: string;
  department_id: number | null;
  leader_id: number | null;
  person_id: number | null;
  deadline: string | null;
  is_standing: Flag;
  state: TMeasureState;
  progress: string | null;
  is_demo: Flag;
  version: ColumnType<number, number | undefined, number>;
  created_at: string;
  created_by: number | null;
  updated_at: string;
  updated_by: number | null;
  /** The deadline before any extension (set at the first approved extension). */
  original_deadline: ColumnType<string | null, string | null | undefined, string | null>;
  /** 1 when an extension was requested after the deadline had passed: reports count against the original. */
  late_extension: ColumnType<number, number | undefined, number>;
  /** Standing work: days within which each period needs a new progress entry. */
  check_interval_days: ColumnType<number | null, number | null | undefined, number | null>;
  /** Date of the latest progress entry (any source), kept with every entry: the colour of standing work needs it. */
  last_progress_date: ColumnType<string | null, string | null | undefined, string | null>;
  /**
   * Standing work's next check date, computed by the database from the two columns above (a generated column):
   * "9999-12-31" without an interval, "0000-01-01" before any progress, else last progress + interval.
   */
  check_due: GeneratedAlways<string>;
  /**
   * 1 when the measure lacks one of the six clarities (`missingClarities`), else 0: computed by the database (a
   * generated column, migration 20261211090000), so counts of gaps are read from the indexes.
   */
  is_unclear: GeneratedAlways<number>;
  /** 整改目标: what the measure must achieve. */
  goal: ColumnType<string | null, string | null | undefined, string | null>;
  /** 完成标准: how a reviewer tells it is done. */
  done_criteria: ColumnType<string | null, string | null | undefined, string | null>;
};

export type ProgressEntryTable = {
  id: Id;
  measure_id: number;
  entry_date: string;
  text: string;
  created_by: number | null;
  created_at: string;
  /** 'user' for entries people write, 'import' for those an import wrote. */
  source: ColumnType<TProgressSource, TProgressSource | undefined, TProgressSource>;
  /** When its author last corrected it (within the correction window). */
  edited_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** When its author withdrew it: kept, shown as withdrawn, no longer the measure's progress. */
  withdrawn_at: ColumnType<string | null, string | null | undefined, string | null>;
  withdrawn_by: ColumnType<number | null, number | null | undefined, number | null>;
};

/** A reminder about an inspection's report or a supervision order, once per rule, object, subject and recipient. */
/** Login attempts for one user name (hashed) in one window, shared by every process. */
export type LoginWindowTable = { name_hash: string; window_start: string; hits: number };

/** A key the application made for itself (e.g. to sign the public opinion form), shared by its processes. */
export type AppKeyTable = { name: string; value: string; created_at: string };

export type ObjectReminderTable = {
  id: Id;
  rule: string;
  object_type: 'inspection' | 'supervision_order' | 'opinion';
  object_id: number;
  subject: string;
  user_id: number;
  day: string;
  sent_at: string;
};

/** A file checked and stored for a measure, waiting to become evidence with the progress entry it is saved with. */
export type StagedUploadTable = {
  id: Id;
  token: string;
  user_id: number;
  measure_id: number;
  sha256: string;
  file_name: string;
  mime: string;
  size: number;
  /** The SHA-256 of the original photo when the browser sent a smaller copy of it. */
  original_sha256: string | null;
  /** The SM3 digest of the file under the 国密 suite (null otherwise). */
  sm3: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
};

export type StateTransitionTable = {
  id: Id;
  measure_id: number;
  action: TMeasureAction;
  from_state: TMeasureState;
  to_state: TMeasureState;
  reason: string | null;
  actor_id: number | null;
  at: string;
};

export type AuditEventTable = {
  id: Id;
  at: string;
  actor_id: number | null;
  actor_label: string;
  ip: string | null;
  kind: string;
  object_type: string;
  object_id: number | null;
  unit_id: number | null;
  before_json: string | null;
  after_json: string | null;
  /** Position in the chain, 1, 2, 3 … without gaps. */
  seq: number;
  /** Hash of the previous entry (64 zeros for the first). */
  prev_hash: string;
  /** SHA-256 of this entry's content and prev_hash. */
  hash: string;
  /** HMAC of `hash` with the audit key, when one was configured at the time of writing. */
  mac: ColumnType<string | null, string | null | undefined, string | null>;
};

/** An evidence file (佐证材料), stored by its SHA-256. */
export type EvidenceTable = {
  id: Id;
  measure_id: number;
  progress_entry_id: number | null;
  sha256: string;
  file_name: string;
  mime: string;
  size: number;
  documented_date: string | null;
  uploaded_by: number | null;
  uploaded_at: string;
  /** The SHA-256 of the original photo when the browser sent a smaller copy of it. */
  original_sha256: ColumnType<string | null, string | null | undefined, string | null>;
  /** The SM3 digest of the file, recorded under the 国密 suite (null otherwise). */
  sm3: ColumnType<string | null, string | null | undefined, string | null>;
};

/** A close-out request and its review chain; `evidence_hashes` is a JSON array of what was submitted. */
export type CloseOutRequestTable = {
  id: Id;
  measure_id: number;
  stage: TCloseOutStage;
  summary: string;
  measure_version: number;
  evidence_hashes: string;
  requested_by: number | null;
  requested_at: string;
  leader_reviewed_by: number | null;
  leader_reviewed_at: string | null;
  approved_by: number | null;
  approved_at: string | null;
  confirmed_by: number | null;
  confirmed_at: string | null;
  /** pending | approved | sent_back | invalidated (the responsible person or leader changed while pending). */
  outcome: TCloseOutOutcome;
  reason: string | null;
  /** The people behind the accounts that acted, so one person with two accounts is still one person. */
  request_person_id: ColumnType<number | null, number | null | undefined, number | null>;
  leader_person_id: ColumnType<number | null, number | null | undefined, number | null>;
  approver_person_id: ColumnType<number | null, number | null | undefined, number | null>;
  confirmer_person_id: ColumnType<number | null, number | null | undefined, number | null>;
  leader_opinion: ColumnType<string | null, string | null | undefined, string | null>;
  approval_opinion: ColumnType<string | null, string | null | undefined, string | null>;
  confirmation_opinion: ColumnType<string | null, string | null | undefined, string | null>;
  /** A stage was skipped for want of people: the inspection office must confirm. */
  office_required: ColumnType<number, number | undefined, number>;
};

/** A scheduled look-back (回头看). `checkers` is a JSON array of names. */
export type LookbackTable = {
  id: Id;
  inspection_id: number;
  scheduled_date: string;
  checkers: string;
  note: string | null;
  created_by: number | null;
  created_at: string;
};
/** One closed measure to re-check; `result` is null until checked, then 'holds' or 'relapsed'. */
export type LookbackItemTable = {
  id: Id;
  lookback_id: number;
  measure_id: number;
  result: TLookbackResult | null;
  note: string | null;
  checked_by: number | null;
  checked_at: string | null;
};
/** A message to one user. */
export type NotificationTable = {
  id: Id;
  user_id: number;
  text: string;
  measure_id: number | null;
  created_at: string;
  read_at: string | null;
  /** Where the message leads in the app (e.g. `/supervision/3`), when not to a measure. */
  link: ColumnType<string | null, string | null | undefined, string | null>;
};

/** A day the daily figures were taken. */
export type SnapshotDayTable = { day: string; taken_at: string; inspections: number };
/** One inspection's figures as they stood on one day. */
export type InspectionDailyFiguresTable = {
  day: string;
  inspection_id: number;
  measures: number;
  closed: number;
  red: number;
  yellow: number;
  green: number;
  overdue: number;
  relapsed: number;
  unclear: number;
  problems: number;
  problems_closed: number;
};

/** A supervision order (督办单) to one unit. */
export type SupervisionOrderTable = {
  id: Id;
  unit_id: number;
  reason: string;
  reply_deadline: string;
  status: TSupervisionStatus;
  issued_by: number | null;
  issued_at: string;
  closed_by: number | null;
  closed_at: string | null;
  version: ColumnType<number, number | undefined, number>;
};
/** A measure or a whole problem an order is about. */
export type SupervisionOrderItemTable = {
  id: Id;
  order_id: number;
  inspection_id: number;
  problem_id: number | null;
  measure_id: number | null;
};
/** A reply of the unit, and the office's decision on it. */
export type SupervisionReplyTable = {
  id: Id;
  order_id: number;
  text: string;
  replied_by: number | null;
  replied_at: string;
  decision: 'accepted' | 'returned' | null;
  decision_note: string | null;
  decided_by: number | null;
  decided_at: string | null;
};
/** An interview (约谈) recorded against an order. */
export type SupervisionInterviewTable = {
  id: Id;
  order_id: number;
  held_on: string;
  interviewee: string;
  interviewers: string;
  summary: string;
  recorded_by: number | null;
  recorded_at: string;
};

/** A request to change a measure's deadline or content after the plan was approved. */
export type ExtensionRequestTable = {
  id: Id;
  measure_id: number;
  new_deadline: string | null;
  new_is_standing: number | null;
  new_content: string | null;
  reason: string;
  status: TExtensionStatus;
  deadline_at_request: string | null;
  was_overdue: number;
  requested_by: number | null;
  requested_at: string;
  decided_by: number | null;
  decided_at: string | null;
  decision_note: string | null;
};
/** A comment on a measure. */
export type MeasureCommentTable = {
  id: Id;
  measure_id: number;
  author_id: number | null;
  text: string;
  created_at: string;
};

/** One row (id 1): the end of the audit chain, locked while appending. */
export type AuditHeadTable = { id: number; last_seq: number; last_hash: string };

/** One reminder sent (or failed) to one account on one channel. */
export type ReminderTable = {
  id: Id;
  rule: string;
  measure_id: number;
  /** What it was about, so the same thing is never reminded twice (e.g. the deadline it was due by). */
  subject: string;
  user_id: number;
  channel: string;
  status: 'sent' | 'failed';
  day: string;
  sent_at: string;
  error: string | null;
};
/** A daily job's claim on a day (a lease: an unfinished claim older than an hour may be taken over). */
export type JobRunTable = { job: string; day: string; claimed_at: string; finished_at: string | null };

/** A channel's settings (secrets encrypted with ZHENGGAI_SECRET_KEY). */
export type ChannelTable = {
  channel: string;
  enabled: number;
  settings_json: string;
  secrets_enc: string | null;
  updated_at: string;
  updated_by: number | null;
};
/** A user's choice on a channel. */
export type UserChannelTable = { user_id: number; channel: string; mode: string };
/** One message to one target on one channel. */
export type DeliveryTable = {
  id: Id;
  channel: string;
  user_id: number | null;
  target: string;
  subject: string;
  body: string;
  link: string | null;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  claimed_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
};
/** How far the dispatcher has read the in-app messages (one row). */
export type DispatchStateTable = { id: number; last_notification_id: number };

/** All tables. */
export type Database = {
  units: UnitTable;
  departments: DepartmentTable;
  people: PersonTable;
  users: UserTable;
  sessions: SessionTable;
  inspections: InspectionTable;
  categories: CategoryTable;
  problems: ProblemTable;
  measures: MeasureTable;
  progress_entries: ProgressEntryTable;
  staged_uploads: StagedUploadTable;
  state_transitions: StateTransitionTable;
  audit_events: AuditEventTable;
  audit_head: AuditHeadTable;
  reminders: ReminderTable;
  object_reminders: ObjectReminderTable;
  channels: ChannelTable;
  user_channels: UserChannelTable;
  deliveries: DeliveryTable;
  dispatch_state: DispatchStateTable;
  job_runs: JobRunTable;
  measure_comments: MeasureCommentTable;
  evidence: EvidenceTable;
  close_out_requests: CloseOutRequestTable;
  lookbacks: LookbackTable;
  lookback_items: LookbackItemTable;
  notifications: NotificationTable;
  extension_requests: ExtensionRequestTable;
  outcome_rules: OutcomeRuleTable;
  outcome_money: OutcomeMoneyTable;
  outcome_accountability: OutcomeAccountabilityTable;
  announcements: AnnouncementTable;
  monthly_reports: MonthlyReportTable;
  public_announcements: PublicAnnouncementTable;
  public_units: PublicUnitTable;
  opinions: OpinionTable;
  app_keys: AppKeyTable;
  login_windows: LoginWindowTable;
  export_tickets: ExportTicketTable;
  supervision_orders: SupervisionOrderTable;
  supervision_order_items: SupervisionOrderItemTable;
  supervision_replies: SupervisionReplyTable;
  supervision_interviews: SupervisionInterviewTable;
  snapshot_days: SnapshotDayTable;
  inspection_daily_figures: InspectionDailyFiguresTable;
};

export type UnitRow = Selectable<UnitTable>;
export type AnnouncementRow = Selectable<AnnouncementTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
export type DepartmentRow = Selectable<DepartmentTable>;
export type PersonRow = Selectable<PersonTable>;
export type UserRow = Selectable<UserTable>;
export type InspectionRow = Selectable<InspectionTable>;
export type CategoryRow = Selectable<CategoryTable>;
export type ProblemRow = Selectable<ProblemTable>;
export type MeasureRow = Selectable<MeasureTable>;
export type NewMeasure = Insertable<MeasureTable>;
export type MeasureUpdate = Updateable<MeasureTable>;
export type ProgressEntryRow = Selectable<ProgressEntryTable>;
export type StateTransitionRow = Selectable<StateTransitionTable>;
