/**
 * The announcement (通报) built from the ledger: title, an opening paragraph from the inspection's facts, section 一
 * and 三 as people wrote them, section 二 generated — categories (一)…, problems 1.关于“…”问题的整改情况。 with the
 * measures' current progress as 一是…。二是…。 — and the public contact. Confidential feedback text never appears.
 */
import { formatDocumentDate } from '@shared/chinese.ts';
import { categoryMarker, problemParagraph, sectionMarker } from '@shared/document-text.ts';
import { inlineHeading, para, type TBlock, type TOfficialDocument } from './official-document.ts';

/** A problem as the announcement needs it. */
export type TAnnouncementProblem = {
  number: string;
  title: string;
  progress: string[];
  subproblems: TAnnouncementProblem[];
};

/** Everything an announcement is made of. */
export type TAnnouncementInput = {
  partyOrgName: string;
  unitName: string;
  kind: string;
  groupName: string | null;
  startDate: string | null;
  endDate: string | null;
  feedbackDate: string | null;
  /** Section 一 (how the work was organised) and 三 (next steps), as written. */
  section1: { heading: string; paragraphs: string[] } | null;
  section3: { heading: string; paragraphs: string[] } | null;
  categories: Array<{ title: string; problems: TAnnouncementProblem[] }>;
  /** The statistics sentence, when wanted. */
  statistics: { problems: number; completed: number; inProgress: number } | null;
  contact: { phone: string | null; address: string | null; email: string | null };
  signatureDate: string | null;
};

/** 市委第一巡察组 → 市委 (who deployed the inspection). */
function deployer(group: string | null): string {
  const m = group ? /^(中央|省委|市委|区委|县委|州委|旗委)/.exec(group) : null;
  return m?.[1] ?? '上级';
}

function period(start: string | null, end: string | null): string | null {
  if (!start || !end) return null;
  const sameYear = start.slice(0, 4) === end.slice(0, 4);
  return `${formatDocumentDate(start)}至${sameYear ? formatDocumentDate(end).replace(/^\d{4}年/, '') : formatDocumentDate(end)}`;
}

/** The opening paragraph from the inspection's facts. */
export function openingParagraph(i: TAnnouncementInput): string {
  const org = i.partyOrgName.replace(/^中共/, '');
  const parts: string[] = [];
  const when = period(i.startDate, i.endDate);
  if (i.groupName)
    parts.push(
      `根据${deployer(i.groupName)}统一部署,${when ? `${when},` : ''}${i.groupName}对${org}进行了${i.kind}。`,
    );
  if (i.feedbackDate && i.groupName)
    parts.push(`${formatDocumentDate(i.feedbackDate)},${i.groupName}向${org}反馈了${i.kind}意见。`);
  parts.push(`根据党务公开原则和${i.kind}工作有关要求,现将${i.kind}整改进展情况予以公布。`);
  return parts.join('');
}

function problemBlocks(p: TAnnouncementProblem): TBlock[] {
  const blocks: TBlock[] = [inlineHeading(problemParagraph(`${p.number}.`, p.title, p.progress), 'h3')];
  for (const s of p.subproblems)
    blocks.push(inlineHeading(problemParagraph(`(${s.number})`, s.title, s.progress), 'h3'));
  return blocks;
}

/** Builds the announcement document. */
export function buildAnnouncement(i: TAnnouncementInput): TOfficialDocument {
  const blocks: TBlock[] = [para(openingParagraph(i))];
  let n = 0;
  if (i.section1) {
    blocks.push({ kind: 'h1', text: `${sectionMarker((n += 1))}${i.section1.heading}` });
    for (const p of i.section1.paragraphs)
      blocks.push(/^\([一二三四五六七八九十]+\)/.test(p) ? inlineHeading(p, 'h2') : para(p));
  }
  blocks.push({
    kind: 'h1',
    text: `${sectionMarker((n += 1))}${i.groupName ?? ''}反馈意见整改落实情况`.replace(
      '、反馈',
      `、${i.kind}反馈`,
    ),
  });
  if (i.statistics) {
    const { problems, completed, inProgress } = i.statistics;
    const rate = problems > 0 ? Math.round((completed / problems) * 100) : 0;
    blocks.push(
      para(
        `截至目前,${i.kind}反馈的${problems}个问题已完成整改${completed}个,正在整改${inProgress}个,整改完成率${rate}%。`,
      ),
    );
  }
  i.categories.forEach((c, ci) => {
    blocks.push({ kind: 'h2', text: `${categoryMarker(ci + 1)}${c.title}` });
    for (const p of c.problems) blocks.push(...problemBlocks(p));
  });
  if (i.section3) {
    blocks.push({ kind: 'h1', text: `${sectionMarker((n += 1))}${i.section3.heading}` });
    for (const p of i.section3.paragraphs)
      blocks.push(/^\([一二三四五六七八九十]+\)/.test(p) ? inlineHeading(p, 'h2') : para(p));
  }
  const contact = [
    i.contact.phone ? `电话${i.contact.phone}` : null,
    i.contact.address ? `邮政地址${i.contact.address}` : null,
    i.contact.email ? `电子邮箱${i.contact.email}` : null,
  ].filter((x) => x !== null);
  blocks.push(
    para(
      `欢迎广大干部群众对${i.kind}整改落实情况进行监督。如有意见建议,请及时向我们反映。${contact.length > 0 ? `联系方式:${contact.join(',')}` : ''}`,
    ),
  );
  blocks.push({
    kind: 'signature',
    lines: [i.partyOrgName, ...(i.signatureDate ? [formatDocumentDate(i.signatureDate)] : [])],
  });
  return { title: `${i.partyOrgName} 关于${i.kind}整改进展情况的通报`, blocks };
}
