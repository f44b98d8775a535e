/** The seed announcement as the document model, built as the app builds it: for the renderers' tests. */
import { readFileSync } from 'node:fs';
import { parseAnnouncementText } from '@importers/announcement-text.importer.ts';
import { buildAnnouncement, type TAnnouncementProblem } from './announcement.ts';
import type { TOfficialDocument } from './official-document.ts';

const SEED = readFileSync(new URL('../../demo/seed-announcement.txt', import.meta.url), 'utf8');

/** The seed's announcement. */
export function seedAnnouncement(): TOfficialDocument {
  const parsed = parseAnnouncementText(SEED);
  if (!parsed.ok) throw new Error(parsed.error);
  const d = parsed.document;
  const toProblem = (p: (typeof d.categories)[number]['problems'][number]): TAnnouncementProblem => ({
    number: p.number,
    title: p.title,
    progress: p.measures.map((m) => m.text),
    subproblems: p.subproblems.map(toProblem),
  });
  return buildAnnouncement({
    partyOrgName: d.unit ?? '',
    unitName: '南通市文学艺术界联合会',
    kind: '巡察',
    groupName: d.inspection.group,
    startDate: d.inspection.startDate,
    endDate: d.inspection.endDate,
    feedbackDate: d.inspection.feedbackDate,
    section1: d.sections?.organisation ?? null,
    section3: d.sections?.nextSteps ?? null,
    categories: d.categories.map((c) => ({ title: c.title, problems: c.problems.map(toProblem) })),
    statistics: null,
    contact: d.contact,
    signatureDate: '2021-12-04',
  });
}
