/**
 * Announcement versions: a draft is written (sections 一 and 三), submitted, approved by the principal and
 * published. Publishing freezes the text, HTML and .docx; a published version is never edited in place — a new
 * edit starts a new version — and withdrawing keeps the record.
 */
import type { Kysely } from 'kysely';
import type { TAnnouncementDraftRequest, TAnnouncementView } from '@shared/api.ts';
import { todayInChina } from '@shared/chinese.ts';
import { buildAnnouncement } from '@documents/announcement.ts';
import { toDocx } from '@documents/official-docx.ts';
import { toHtml, toText, type TOfficialDocument } from '@documents/official-document.ts';
import type { AnnouncementTable, Database } from '../../db/schema.ts';
import type { Selectable } from 'kysely';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { can, type TPolicyAction } from '../../policies/policy.ts';
import { samePerson, type TIdentity } from '@shared/measure-state.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import type { TFileStorage } from '../../storage/file-storage.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { loadInspectionFor } from '../inspections/load-inspection.ts';
import { announcementInput } from './announcement-input.ts';

type TRow = Selectable<AnnouncementTable>;
const paragraphs = (text: string | null) =>
  (text ?? '')
    .split('\n')
    .map((p) => p.trim())
    .filter((p) => p !== '');

/** Starts a draft from the sections an import found (inside the import's transaction). */
export async function draftFromImport(
  trx: Kysely<Database>,
  inspectionId: number,
  actorId: number | null,
  sections: {
    organisation: { heading: string; paragraphs: string[] } | null;
    nextSteps: { heading: string; paragraphs: string[] } | null;
  },
): Promise<void> {
  if (!sections.organisation && !sections.nextSteps) return;
  await trx
    .insertInto('announcements')
    .values({
      inspection_id: inspectionId,
      version_no: 1,
      status: 'draft',
      section1_heading: sections.organisation?.heading ?? null,
      section1_text: sections.organisation?.paragraphs.join('\n') ?? null,
      section3_heading: sections.nextSteps?.heading ?? null,
      section3_text: sections.nextSteps?.paragraphs.join('\n') ?? null,
      include_statistics: 0,
      published_text: null,
      published_html: null,
      published_docx_sha: null,
      created_by: actorId,
      created_at: nowIso(),
      submitted_at: null,
      approved_by: null,
      approved_at: null,
      published_by: null,
      published_at: null,
      withdrawn_at: null,
    })
    .execute();
}

/** The people behind the accounts that wrote, submitted and approved versions: one query for a list. */
async function accountsOf(db: Kysely<Database>, rows: TRow[]) {
  const ids = [
    ...new Set(rows.flatMap((r) => [r.edited_by, r.created_by, r.submitted_by, r.approved_by])),
  ].filter((id): id is number => id !== null);
  const users =
    ids.length === 0
      ? []
      : await db
          .selectFrom('users')
          .select(['id', 'person_id', 'display_name'])
          .where('id', 'in', ids)
          .execute();
  const byId = new Map(users.map((u) => [u.id, u]));
  return {
    identity: (id: number | null): TIdentity | null =>
      id === null ? null : { userId: id, personId: byId.get(id)?.person_id ?? null },
    name: (id: number | null) => (id === null ? null : (byId.get(id)?.display_name ?? null)),
  };
}
type TAccounts = Awaited<ReturnType<typeof accountsOf>>;

/**
 * Why this actor may not approve (or return) the version: the one who wrote it last or submitted it is not the
 * one who approves it. Null when the actor may.
 */
function approvalRefusal(r: TRow, actor: TActor, accounts: TAccounts): string | null {
  if (actor.role === 'system') return null;
  const me: TIdentity = { userId: actor.userId, personId: actor.personId };
  if (samePerson(me, accounts.identity(r.edited_by ?? r.created_by)))
    return '起草或最后修改通报的人不能审批同一通报，请由其他负责人审批';
  if (samePerson(me, accounts.identity(r.submitted_by)))
    return '提交通报审批的人不能审批同一通报，请由其他负责人审批';
  return null;
}

function present(r: TRow, actor: TActor, unitId: number, accounts: TAccounts): TAnnouncementView {
  const may = (a: TPolicyAction) => can(actor, a, { unitId });
  const allowed: TAnnouncementView['allowed'] = [];
  if (may('announcement.edit') && r.status !== 'withdrawn') allowed.push('edit');
  if (may('announcement.edit') && r.status === 'draft') allowed.push('submit');
  const mayDecide = may('announcement.approve') && approvalRefusal(r, actor, accounts) === null;
  if (mayDecide && r.status === 'submitted') allowed.push('approve', 'return');
  if (may('announcement.publish') && r.status === 'approved') allowed.push('publish');
  if (may('announcement.publish') && r.status === 'published') allowed.push('withdraw');
  return {
    id: r.id,
    versionNo: r.version_no,
    status: r.status as TAnnouncementView['status'],
    section1Heading: r.section1_heading ?? '',
    section1Text: r.section1_text ?? '',
    section3Heading: r.section3_heading ?? '',
    section3Text: r.section3_text ?? '',
    includeStatistics: r.include_statistics === 1,
    publishedAt: r.published_at,
    approvedAt: r.approved_at,
    version: r.version,
    allowed,
    submittedByName: accounts.name(r.submitted_by),
    approvedByName: accounts.name(r.approved_by),
    approvalOpinion: r.approval_opinion,
  };
}

/** Versions of an inspection's announcement, newest first. */
export async function listAnnouncements(
  db: Kysely<Database>,
  actor: TActor,
  inspectionId: number,
): Promise<TAnnouncementView[]> {
  const inspection = await loadInspectionFor(db, actor, inspectionId);
  const rows = await db
    .selectFrom('announcements')
    .selectAll()
    .where('inspection_id', '=', inspection.id)
    .orderBy('version_no', 'desc')
    .execute();
  const accounts = await accountsOf(db, rows);
  return rows.map((r) => present(r, actor, inspection.unit_id, accounts));
}

/** Saves sections 一 and 三: edits the open version, or starts a new one after a publication. */
export async function saveAnnouncementDraft({
  db,
  actor,
  inspectionId,
  input,
}: {
  db: Kysely<Database>;
  actor: TActor;
  inspectionId: number;
  input: TAnnouncementDraftRequest;
}): Promise<number> {
  return inTransaction(db, async (trx) => {
    const inspection = await loadInspectionFor(trx, actor, inspectionId);
    if (!can(actor, 'announcement.edit', { unitId: inspection.unit_id }))
      throw new AppError('FORBIDDEN', '没有起草通报的权限');
    const latest = await trx
      .selectFrom('announcements')
      .selectAll()
      .where('inspection_id', '=', inspection.id)
      .orderBy('version_no', 'desc')
      .executeTakeFirst();
    const at = nowIso();
    const fields = {
      section1_heading: input.section1Heading,
      section1_text: input.section1Text,
      section3_heading: input.section3Heading,
      section3_text: input.section3Text,
      include_statistics: input.includeStatistics ? 1 : 0,
    };
    let id: number;
    if (input.version !== (latest?.version ?? 0))
      throw new AppError('CONFLICT', '通报已被他人修改或发布，请刷新后再保存', {
        currentVersion: latest?.version ?? 0,
      });
    if (
      latest &&
      (latest.status === 'draft' || latest.status === 'submitted' || latest.status === 'approved')
    ) {
      // Editing what was submitted or approved returns it to draft: the principal approves what is published.
      const r = await trx
        .updateTable('announcements')
        .set({
          ...fields,
          status: 'draft',
          submitted_at: null,
          submitted_by: null,
          approved_by: null,
          approved_at: null,
          edited_by: actor.userId,
          version: latest.version + 1,
        })
        .where('id', '=', latest.id)
        .where('version', '=', latest.version)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1)
        throw new AppError('CONFLICT', '通报草稿已被他人修改，请刷新后再保存');
      id = latest.id;
    } else {
      const row = await trx
        .insertInto('announcements')
        .values({
          inspection_id: inspection.id,
          version_no: (latest?.version_no ?? 0) + 1,
          status: 'draft',
          ...fields,
          published_text: null,
          published_html: null,
          published_docx_sha: null,
          created_by: actor.userId,
          edited_by: actor.userId,
          created_at: at,
          submitted_at: null,
          approved_by: null,
          approved_at: null,
          published_by: null,
          published_at: null,
          withdrawn_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = row.id;
    }
    await appendAudit(trx, {
      kind: 'announcement.drafted',
      ...auditActor(actor),
      objectType: 'announcement',
      objectId: id,
      unitId: inspection.unit_id,
      after: { section1Heading: input.section1Heading, section3Heading: input.section3Heading },
      at,
    });
    return id;
  });
}

/** Builds the document of a version (or of the ledger as it is, with the latest sections, when none is given). */
export async function announcementDocument(
  db: Kysely<Database>,
  actor: TActor,
  inspectionId: number | 'latest',
  row?: TRow,
): Promise<TOfficialDocument> {
  const inspection = await loadInspectionFor(db, actor, inspectionId);
  const version =
    row ??
    (await db
      .selectFrom('announcements')
      .selectAll()
      .where('inspection_id', '=', inspection.id)
      .orderBy('version_no', 'desc')
      .executeTakeFirst());
  const written = {
    section1: version?.section1_heading
      ? { heading: version.section1_heading, paragraphs: paragraphs(version.section1_text) }
      : null,
    section3: version?.section3_heading
      ? { heading: version.section3_heading, paragraphs: paragraphs(version.section3_text) }
      : null,
    includeStatistics: version?.include_statistics === 1,
  };
  // Signed on the day of publication; an unpublished preview carries today's date.
  const signed = version?.published_at ? version.published_at.slice(0, 10) : todayInChina();
  return buildAnnouncement(await announcementInput(db, actor, inspection.id, written, signed));
}

const STEP: Record<
  'submit' | 'approve' | 'return' | 'publish' | 'withdraw',
  {
    from: string;
    to: string;
    action: TPolicyAction;
    kind:
      | 'announcement.submitted'
      | 'announcement.approved'
      | 'announcement.returned'
      | 'announcement.published'
      | 'announcement.withdrawn';
    refuse: string;
  }
> = {
  submit: {
    from: 'draft',
    to: 'submitted',
    action: 'announcement.edit',
    kind: 'announcement.submitted',
    refuse: '只有草稿可以提交审批',
  },
  approve: {
    from: 'submitted',
    to: 'approved',
    action: 'announcement.approve',
    kind: 'announcement.approved',
    refuse: '只有已提交的通报可以批准',
  },
  return: {
    from: 'submitted',
    to: 'draft',
    action: 'announcement.approve',
    kind: 'announcement.returned',
    refuse: '只有已提交的通报可以退回修改',
  },
  publish: {
    from: 'approved',
    to: 'published',
    action: 'announcement.publish',
    kind: 'announcement.published',
    refuse: '只有经第一责任人批准的通报可以发布',
  },
  withdraw: {
    from: 'published',
    to: 'withdrawn',
    action: 'announcement.publish',
    kind: 'announcement.withdrawn',
    refuse: '只有已发布的通报可以撤回',
  },
};

/** Moves a version one step; publishing freezes its text, HTML and .docx. */
export async function announcementStep({
  db,
  storage,
  actor,
  announcementId,
  step,
  opinion,
}: {
  db: Kysely<Database>;
  storage: TFileStorage;
  actor: TActor;
  announcementId: number;
  step: keyof typeof STEP;
  /** The approver's opinion; required to return a version to draft. */
  opinion?: string;
}): Promise<void> {
  const rule = STEP[step];
  const row = await db
    .selectFrom('announcements')
    .selectAll()
    .where('id', '=', announcementId)
    .executeTakeFirst();
  const inspection = row
    ? await loadInspectionFor(db, actor, row.inspection_id).catch(() => undefined)
    : undefined;
  if (!row || !inspection) throw new AppError('NOT_FOUND', '通报不存在');
  if (!can(actor, rule.action, { unitId: inspection.unit_id }))
    throw new AppError(
      'FORBIDDEN',
      step === 'approve' ? '只有第一责任人可以批准通报' : '没有进行此操作的权限',
    );
  if (row.status !== rule.from) throw new AppError('UNPROCESSABLE', rule.refuse);
  if (step === 'approve' || step === 'return') {
    const refusal = approvalRefusal(row, actor, await accountsOf(db, [row]));
    if (refusal !== null) throw new AppError('UNPROCESSABLE', refusal);
  }
  const note = opinion?.trim() ?? '';
  if (step === 'return' && note === '') throw new AppError('UNPROCESSABLE', '退回通报须说明理由');
  const at = nowIso();
  let frozen = {};
  if (step === 'publish') {
    const doc = await announcementDocument(db, actor, inspection.id, { ...row, published_at: at });
    frozen = {
      published_text: toText(doc),
      published_html: toHtml(doc),
      published_docx_sha: await storage.put(await toDocx(doc)),
      published_by: actor.userId,
      published_at: at,
    };
  }
  await inTransaction(db, async (trx) => {
    const r = await trx
      .updateTable('announcements')
      .set({
        status: rule.to,
        version: row.version + 1,
        ...(step === 'submit'
          ? { submitted_at: at, submitted_by: actor.userId, approval_opinion: null }
          : {}),
        ...(step === 'approve'
          ? { approved_by: actor.userId, approved_at: at, approval_opinion: note === '' ? null : note }
          : {}),
        ...(step === 'return' ? { submitted_at: null, submitted_by: null, approval_opinion: note } : {}),
        ...(step === 'withdraw' ? { withdrawn_at: at } : {}),
        ...frozen,
      })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '通报已被他人处理，请刷新');
    await appendAudit(trx, {
      kind: rule.kind,
      ...auditActor(actor),
      objectType: 'announcement',
      objectId: row.id,
      unitId: inspection.unit_id,
      before: { status: row.status },
      after: { status: rule.to, ...(note === '' ? {} : { opinion: note }) },
      at,
    });
  });
}

/** The stored (frozen) files of a published version, or null when it is not published. */
export async function frozenAnnouncement(
  db: Kysely<Database>,
  storage: TFileStorage,
  actor: TActor,
  announcementId: number,
) {
  const row = await db
    .selectFrom('announcements')
    .selectAll()
    .where('id', '=', announcementId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', '通报不存在');
  await loadInspectionFor(db, actor, row.inspection_id);
  if (row.published_text === null || row.published_html === null || row.published_docx_sha === null)
    return { row, frozen: null };
  return {
    row,
    frozen: {
      text: row.published_text,
      html: row.published_html,
      docx: await storage.get(row.published_docx_sha),
    },
  };
}
