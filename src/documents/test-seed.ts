/** The seed announcement as the document model, built as the app builds it: for the renderers' tests. */
import { readFileSync } from 'node:fs';
import { parseAnnouncementText } from '@importers/announcement-text.importer.ts';
import { buildAnnouncement, type TAnnouncementProblem } from './announcement.ts';
import type { TOfficialDocument } from './official-document.ts';
import { buildMonthlyReport, buildPlan } from './reports.ts';
import { buildRoundSummary } from './round-summary.ts';

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

/** The seed's problems, for the other documents' tests. */
function seedParsed() {
  const parsed = parseAnnouncementText(SEED);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.document;
}

/** Every kind of generated document, built from the seed's ledger as the app builds them (for layout tests). */
export function seedDocuments(): Record<'announcement' | 'monthly' | 'plan' | 'round', TOfficialDocument> {
  const d = seedParsed();
  const people = ['王明', '李华', '张强'];
  return {
    announcement: seedAnnouncement(),
    monthly: buildMonthlyReport({
      partyOrgName: d.unit ?? '',
      kind: '巡察',
      groupName: d.inspection.group,
      month: '2021-11',
      summary:
        '本月，市文联党组召开专题会议研究整改工作，逐项对照整改台账推进落实，督促各责任部室按时报送整改进展。',
      moved: { progressEntries: 12, measuresWithProgress: 9, closed: 5, sentBack: 1, relapsed: 0 },
      byCategory: d.categories.map((c, i) => ({
        title: c.title,
        total: c.problems.reduce((n, p) => n + p.measures.length, 0),
        notStarted: 0,
        inProgress: 3 + i,
        closeRequested: 1,
        closed: 2,
        standing: 1,
        relapsed: 0,
      })),
      overdue: d.categories.flatMap((c) =>
        c.problems.slice(0, 1).map((p, i) => ({
          problem: p.title,
          content: p.measures[0]?.text ?? '',
          person: people[i % 3] ?? null,
          deadline: '2021-10-31',
        })),
      ),
      standing: [],
      issuedDate: '2021-12-03',
    }),
    plan: buildPlan({
      partyOrgName: d.unit ?? '',
      kind: '巡察',
      groupName: d.inspection.group,
      feedbackDate: d.inspection.feedbackDate,
      categories: d.categories.map((c) => ({
        title: c.title,
        problems: c.problems.map((p) => ({
          number: p.number,
          title: p.title,
          measures: p.measures.map((m, i) => ({
            content: m.text,
            department: '办公室',
            leader: people[i % 3] ?? null,
            person: people[(i + 1) % 3] ?? null,
            deadline: '2021-12-31',
          })),
        })),
      })),
    }),
    round: buildRoundSummary({
      round: '十二届市委第二轮巡察',
      issuer: '中共南通市委巡察工作领导小组办公室',
      asOf: '2021-12-31',
      units: ['市文联', '市科协', '市侨联', '市残联'].map((unitName, i) => ({
        unitName,
        problems: 15 + i,
        completed: 12 + i,
        continuing: 2,
        measures: 48 + i,
        closed: 40 + i,
      })),
      rules: 36,
      money: [{ kind: '清退', fen: 71_320_000 }],
      accountability: [{ kind: '诫勉谈话', people: 2 }],
    }),
  };
}
