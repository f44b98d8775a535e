/** An announcement version as the documents page shows it, with the steps the actor may take. */
import type { TAnnouncementView } from '@shared/api.ts';
import type { AnnouncementRow } from '../db/schema.ts';
import type { TActor } from '../policies/actor.ts';
import { approvalRefusal, type TAccountLookup } from '../policies/announcement-rules.ts';
import { can, type TPolicyAction } from '../policies/policy.ts';

/** The version for the UI; `allowed` applies the same rules as `announcementStep`. */
export function presentAnnouncement(
  r: AnnouncementRow,
  actor: TActor,
  unitId: number,
  accounts: TAccountLookup,
  warnings: string[] = [],
): TAnnouncementView {
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
    status: r.status,
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
    warnings,
  };
}
