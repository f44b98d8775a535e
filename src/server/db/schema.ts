/**
 * The database as Kysely sees it, written by hand. Dates are TEXT `YYYY-MM-DD`, timestamps TEXT ISO-8601 (UTC),
 * booleans INTEGER 0/1: the same on SQLite and PostgreSQL.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

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
};

export type DepartmentTable = { id: Id; unit_id: number; name: string; is_demo: Flag };

export type PersonTable = {
  id: Id;
  unit_id: number;
  department_id: number | null;
  name: string;
  position: string | null;
  is_demo: Flag;
};

export type UserTable = {
  id: Id;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  unit_id: number | null;
  person_id: number | null;
  is_active: Flag;
  is_demo: Flag;
  created_at: string;
  failed_logins: ColumnType<number, number | undefined, number>;
  locked_until: string | null;
  must_change_password: ColumnType<number, number | undefined, number>;
  password_changed_at: string | null;
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
  kind: string;
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
  version: ColumnType<number, number | undefined, number>;
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
  state: string;
  progress: string | null;
  is_demo: Flag;
  version: ColumnType<number, number | undefined, number>;
  created_at: string;
  created_by: number | null;
  updated_at: string;
  updated_by: number | null;
};

export type ProgressEntryTable = {
  id: Id;
  measure_id: number;
  entry_date: string;
  text: string;
  created_by: number | null;
  created_at: string;
  /** 'user' for entries people write, 'import' for those an import wrote. */
  source: ColumnType<string, string | undefined, string>;
};

export type StateTransitionTable = {
  id: Id;
  measure_id: number;
  action: string;
  from_state: string;
  to_state: string;
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
  state_transitions: StateTransitionTable;
  audit_events: AuditEventTable;
  audit_head: AuditHeadTable;
  measure_comments: MeasureCommentTable;
};

export type UnitRow = Selectable<UnitTable>;
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
