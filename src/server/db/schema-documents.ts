/** The tables of outcomes and documents: rules, money, accountability, announcements, monthly reports, exports. */
import type { ColumnType, Generated } from 'kysely';
import type { TAnnouncementStatus } from '@shared/domain.ts';

type Id = Generated<number>;

/** A rule made or revised (制度成果). */
export type OutcomeRuleTable = {
  id: Id;
  inspection_id: number;
  measure_id: number | null;
  title: string;
  doc_number: string | null;
  issued_date: string | null;
  kind: string;
  evidence_id: number | null;
  created_by: number | null;
  created_at: string;
};
/** Money returned or recovered, in 分 (1/100 元) to stay exact. */
export type OutcomeMoneyTable = {
  id: Id;
  inspection_id: number;
  measure_id: number | null;
  kind: string;
  amount_fen: number;
  from_whom: string | null;
  created_by: number | null;
  created_at: string;
};
/** People held accountable. */
export type OutcomeAccountabilityTable = {
  id: Id;
  inspection_id: number;
  measure_id: number | null;
  kind: string;
  people: number;
  created_by: number | null;
  created_at: string;
};

/** An announcement version: draft → submitted → approved → published (frozen); withdrawn keeps the record. */
export type AnnouncementTable = {
  id: Id;
  inspection_id: number;
  version_no: number;
  status: TAnnouncementStatus;
  section1_heading: string | null;
  section1_text: string | null;
  section3_heading: string | null;
  section3_text: string | null;
  include_statistics: number;
  published_text: string | null;
  published_html: string | null;
  published_docx_sha: string | null;
  /** The PDF made at publication (null when the server had no CJK fonts then). */
  published_pdf_sha: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: number | null;
  created_at: string;
  submitted_at: string | null;
  approved_by: number | null;
  approved_at: string | null;
  published_by: number | null;
  published_at: string | null;
  withdrawn_at: string | null;
  version: ColumnType<number, number | undefined, number>;
  /** The last account to save the text of this version, and the one that submitted it: neither may approve it. */
  edited_by: ColumnType<number | null, number | null | undefined, number | null>;
  submitted_by: ColumnType<number | null, number | null | undefined, number | null>;
  approval_opinion: ColumnType<string | null, string | null | undefined, string | null>;
};
/** An issued monthly report: the document as it was, which later ledger edits do not change. */
export type MonthlyReportTable = {
  id: Id;
  inspection_id: number;
  month: string;
  summary: string | null;
  snapshot_json: string;
  issued_by: number | null;
  issued_at: string;
};

/** A short-lived link to an export already made and audited (only the token's SHA-256 is stored). */
export type ExportTicketTable = {
  token_hash: string;
  user_id: number;
  sha256: string;
  file_name: string;
  content_type: string;
  created_at: string;
  expires_at: string;
};

/** What the public sees of a published announcement: a snapshot taken when it was published (or its unit made public). */
export type PublicAnnouncementTable = {
  id: Id;
  announcement_id: number;
  inspection_id: number;
  unit_id: number;
  unit_name: string;
  title: string;
  round: string | null;
  kind: string;
  published_at: string;
  html: string;
  text: string;
  docx_sha: string | null;
  pdf_sha: ColumnType<string | null, string | null | undefined, string | null>;
  withdrawn_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** The newer public version of the same inspection's announcement, once there is one. */
  replaced_by: ColumnType<number | null, number | null | undefined, number | null>;
  /** The problems of the inspection ([{ id, number, title }]), offered by the opinion form. */
  problems_json: ColumnType<string | null, string | null | undefined, string | null>;
};
/** A public unit's name and supervision contact, as the public sees them. */
export type PublicUnitTable = {
  unit_id: number;
  name: string;
  party_org_name: string | null;
  phone: string | null;
  address: string | null;
  email: string | null;
  updated_at: string;
};

/** An opinion from the public (监督意见), written before its receipt code is shown. */
export type OpinionTable = {
  id: Generated<number>;
  code: string;
  unit_id: number;
  public_announcement_id: number | null;
  problem_id: number | null;
  problem_title: string | null;
  content: string;
  name: string | null;
  contact: string | null;
  content_hash: string;
  address_hash: string;
  status: string;
  answer: string | null;
  answer_published_at: string | null;
  created_at: string;
  /** Optimistic locking: each step in the back office raises it. */
  version: ColumnType<number, number | undefined, number>;
  /** YYYY-MM-DD by which the answer is due (15 days from receipt, Beijing date). */
  answer_due: string;
  handler_person_id: ColumnType<number | null, number | null | undefined, number | null>;
  measure_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** Why it is outside the unit's remit (不属于受理范围), or the triage note. */
  triage_note: ColumnType<string | null, string | null | undefined, string | null>;
  triaged_by: ColumnType<number | null, number | null | undefined, number | null>;
  triaged_at: ColumnType<string | null, string | null | undefined, string | null>;
  answer_drafted_by: ColumnType<number | null, number | null | undefined, number | null>;
  answer_drafted_at: ColumnType<string | null, string | null | undefined, string | null>;
  answer_published_by: ColumnType<number | null, number | null | undefined, number | null>;
};
