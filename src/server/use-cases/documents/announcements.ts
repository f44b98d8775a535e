/**
 * Announcement versions: a draft is written (sections 一 and 三), submitted, approved by the principal and
 * published. Publishing freezes the text, HTML and .docx; a published version is never edited in place — a new
 * edit starts a new version — and withdrawing keeps the record.
 */
import type { Kysely } from 'kysely';
import type { TAnnouncementDraftRequest, TAnnouncementView } from '@shared/api.ts';
import { todayInChina } from '@shared/chinese.ts';
import { buildAnnouncement } from '@documents/announcement.ts';

import { type TOfficialDocument } from '@documents/official-document.ts';
import type { TIdentity } from '@shared/measure-state.ts';
import type { AnnouncementRow, Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import type { TAccountLookup } from '../../policies/announcement-rules.ts';
import { can } from '../../policies/policy.ts';
import { presentAnnouncement } from '../../presenters/announcement.presenter.ts';
import {
  announcementsOf,
  getAnnouncement,
  insertAnnouncementDraft,
  latestAnnouncement,
  relapsedMeasuresOf,
  updateAnnouncementAtVersion,
} from '../../repositories/announcement.repository.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { accountsByIds } from '../../repositories/user.repository.ts';
import type { TFileStorage } from '../../storage/file-storage.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { loadInspectionFor } from '../inspections/load-inspection.ts';
import { announcementInput } from './announcement-input.ts';

type TRow = AnnouncementRow;
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
  await insertAnnouncementDraft(trx, {
    inspection_id: inspectionId,
    version_no: 1,
    section1_heading: sections.organisation?.heading ?? null,
    section1_text: sections.organisation?.paragraphs.join('\n') ?? null,
    section3_heading: sections.nextSteps?.heading ?? null,
    section3_text: sections.nextSteps?.paragraphs.join('\n') ?? null,
    include_statistics: 0,
    created_by: actorId,
    created_at: nowIso(),
  });
}

/** The people behind the accounts that wrote, submitted and approved versions: one query for a list. */
export async function accountsOf(db: Kysely<Database>, rows: TRow[]): Promise<TAccountLookup> {
  const ids = [
    ...new Set(rows.flatMap((r) => [r.edited_by, r.created_by, r.submitted_by, r.approved_by])),
  ].filter((id): id is number => id !== null);
  const users = await accountsByIds(db, ids);
  const byId = new Map(users.map((u) => [u.id, u]));
  return {
    identity: (id: number | null): TIdentity | null =>
      id === null ? null : { userId: id, personId: byId.get(id)?.person_id ?? null },
    name: (id: number | null) => (id === null ? null : (byId.get(id)?.display_name ?? null)),
  };
}

/** Versions of an inspection's announcement, newest first. */
export async function listAnnouncements(
  db: Kysely<Database>,
  actor: TActor,
  inspectionId: number,
): Promise<TAnnouncementView[]> {
  const inspection = await loadInspectionFor(db, actor, inspectionId);
  const [rows, relapsed] = await Promise.all([
    announcementsOf(db, inspection.id),
    relapsedMeasuresOf(db, inspection.id),
  ]);
  const accounts = await accountsOf(db, rows);
  // The drafter is warned of measures judged 反弹: the generated text reports them as reopened, not as achieved.
  const warnings = relapsed.map(
    (r) =>
      `措施“${r.content.length > 30 ? `${r.content.slice(0, 30)}…` : r.content}”已于 ${r.relapsedAt.slice(0, 10)} 经“回头看”认定反弹，通报中写为“已重新启动整改”${r.progressAfter === null ? '（此后尚无新的进展）' : '，并附此后的进展'}，不再作为已完成整改`,
  );
  return rows.map((r) => presentAnnouncement(r, actor, inspection.unit_id, accounts, warnings));
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
    const inspection = await loadInspectionFor(trx, actor, inspectionId, { write: true });
    if (!can(actor, 'announcement.edit', { unitId: inspection.unit_id }))
      throw new AppError('FORBIDDEN', '没有起草通报的权限');
    const latest = await latestAnnouncement(trx, inspection.id);
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
      const ok = await updateAnnouncementAtVersion(trx, latest.id, latest.version, {
        ...fields,
        status: 'draft',
        submitted_at: null,
        submitted_by: null,
        approved_by: null,
        approved_at: null,
        edited_by: actor.userId,
      });
      if (!ok) throw new AppError('CONFLICT', '通报草稿已被他人修改，请刷新后再保存');
      id = latest.id;
    } else {
      id = await insertAnnouncementDraft(trx, {
        inspection_id: inspection.id,
        version_no: (latest?.version_no ?? 0) + 1,
        ...fields,
        created_by: actor.userId,
        edited_by: actor.userId,
        created_at: at,
      });
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
  const version = row ?? (await latestAnnouncement(db, inspection.id));
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

/** The stored (frozen) files of a published version, or null when it is not published. */
export async function frozenAnnouncement(
  db: Kysely<Database>,
  storage: TFileStorage,
  actor: TActor,
  announcementId: number,
) {
  const row = await getAnnouncement(db, announcementId);
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
      pdf: row.published_pdf_sha === null ? null : await storage.get(row.published_pdf_sha),
    },
  };
}
