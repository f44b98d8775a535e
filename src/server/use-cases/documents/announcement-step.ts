/** Submitting, approving, returning, publishing and withdrawing an announcement version. */
import type { Kysely } from 'kysely';
import { toDocx } from '@documents/official-docx.ts';
import { pdfOf } from './render.ts';
import { toHtml, toText } from '@documents/official-document.ts';
import type { TAnnouncementStatus } from '@shared/domain.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { approvalRefusal } from '../../policies/announcement-rules.ts';
import { can, type TPolicyAction } from '../../policies/policy.ts';
import { getAnnouncement, updateAnnouncementAtVersion } from '../../repositories/announcement.repository.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import type { TFileStorage } from '../../storage/file-storage.ts';
import { loadInspectionFor, refuseIfArchived } from '../inspections/load-inspection.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { accountsOf, announcementDocument } from './announcements.ts';
import { ALL_UNITS } from '../../repositories/scope.ts';
import { getUnit } from '../../repositories/unit.repository.ts';
import { publishPublicly, withdrawPublicly } from '../public/public-snapshots.ts';

const STEP: Record<
  'submit' | 'approve' | 'return' | 'publish' | 'withdraw',
  {
    from: TAnnouncementStatus;
    to: TAnnouncementStatus;
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
  const row = await getAnnouncement(db, announcementId);
  const inspection = row
    ? await loadInspectionFor(db, actor, row.inspection_id).catch(() => undefined)
    : undefined;
  if (!row || !inspection) throw new AppError('NOT_FOUND', '通报不存在');
  if (!can(actor, rule.action, { unitId: inspection.unit_id }))
    throw new AppError(
      'FORBIDDEN',
      step === 'approve' ? '只有第一责任人可以批准通报' : '没有进行此操作的权限',
    );
  // An archived ledger's published version may still be withdrawn from the public; nothing else moves.
  if (step !== 'withdraw') refuseIfArchived(inspection);
  if (row.status !== rule.from) throw new AppError('UNPROCESSABLE', rule.refuse);
  if (step === 'approve' || step === 'return') {
    const refusal = approvalRefusal(row, actor, await accountsOf(db, [row]));
    if (refusal !== null) throw new AppError('UNPROCESSABLE', refusal);
  }
  const note = opinion?.trim() ?? '';
  if (step === 'return' && note === '') throw new AppError('UNPROCESSABLE', '退回通报须说明理由');
  const at = nowIso();
  let frozen: {
    published_text?: string;
    published_html?: string;
    published_docx_sha?: string;
    published_pdf_sha?: string | null;
    published_by?: number | null;
    published_at?: string;
  } = {};
  if (step === 'publish') {
    const doc = await announcementDocument(db, actor, inspection.id, { ...row, published_at: at });
    frozen = {
      published_text: toText(doc),
      published_html: toHtml(doc),
      published_docx_sha: await storage.put(await toDocx(doc)),
      published_pdf_sha: await pdfOf(doc).then((pdf) => (pdf === null ? null : storage.put(pdf))),
      published_by: actor.userId,
      published_at: at,
    };
  }
  await inTransaction(db, async (trx) => {
    const ok = await updateAnnouncementAtVersion(trx, row.id, row.version, {
      status: rule.to,
      ...(step === 'submit' ? { submitted_at: at, submitted_by: actor.userId, approval_opinion: null } : {}),
      ...(step === 'approve'
        ? { approved_by: actor.userId, approved_at: at, approval_opinion: note === '' ? null : note }
        : {}),
      ...(step === 'return' ? { submitted_at: null, submitted_by: null, approval_opinion: note } : {}),
      ...(step === 'withdraw' ? { withdrawn_at: at } : {}),
      ...frozen,
    });
    if (!ok) throw new AppError('CONFLICT', '通报已被他人处理，请刷新');
    // The public side follows in the same transaction: a snapshot when published (its unit public), marked when withdrawn.
    if (step === 'publish') {
      const unit = await getUnit(trx, inspection.unit_id, ALL_UNITS);
      const published = { ...row, ...frozen, round: inspection.round, kind: inspection.kind };
      if (unit) await publishPublicly(trx, unit, published, at);
    }
    if (step === 'withdraw') await withdrawPublicly(trx, row, at);
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
