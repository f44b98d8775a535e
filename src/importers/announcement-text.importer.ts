/**
 * The announcement / feedback text importer: plain text in, the shared import structure out. Pure: no I/O,
 * never throws; text it cannot read is answered with `{ ok: false, error }` in Chinese.
 */

import type {
  TImportedCategory,
  TImportedDocument,
  TImportedMeasure,
  TImportedProblem,
} from '@shared/import-structure.ts';
import {
  isClosingParagraph,
  isSignatureLine,
  isStatisticsParagraph,
  readContact,
  readInspection,
  readStatistics,
} from './document-facts.ts';
import { checkReadable, normaliseText, publishedDateOf, splitParagraphs } from './text-lines.ts';
import { addSuggestions } from './text-suggestions.ts';
import { simplifyChinese } from './traditional.ts';
import {
  BODY_LABEL,
  classify,
  NEXT_STEPS,
  ORGANISATION,
  PROBLEM_SECTION,
  PROBLEM_WORDS,
  problemTitle,
  STATE_LABEL,
  type TLevel,
  type TParagraph,
} from './announcement-headings.ts';
import { splitMeasures } from './measure-markers.ts';

export { problemTitle, splitHeading } from './announcement-headings.ts';
export { splitMeasures } from './measure-markers.ts';

/** The importer's answer. */
export type TTextImportResult = { ok: true; document: TImportedDocument } | { ok: false; error: string };

type TSection = { heading: TParagraph | null; items: TParagraph[] };

function sectionHoldsProblems(section: TSection): boolean {
  if (section.items.some((p) => p.isProblemHeading)) return true;
  const title = section.heading?.heading ?? '';
  if (NEXT_STEPS.test(title) || ORGANISATION.test(title)) return false;
  const subHeadings = section.items.filter((p) => p.level >= 2);
  if (subHeadings.length === 0) return false;
  // A heading that names the feedback's problems decides; 整改落实情况 alone does not (组织整改落实情况 is how the
  // work was organised): then the sub-headings must read as shortcomings.
  if (FEEDBACK_SECTION.test(title)) return true;
  const problemLike = subHeadings.filter((p) => PROBLEM_WORDS.test(p.heading)).length;
  if (PROBLEM_SECTION.test(title) && !/组织|工作开展|主要做法/.test(title)) return problemLike > 0;
  return problemLike * 2 >= subHeadings.length;
}

type TProblemDraft = {
  problem: TImportedProblem;
  body: string[];
  parent: TProblemDraft | null;
  /** A state written as a label line (整改状态：已完成), suggested for the problem's measures. */
  stateLabel: string | null;
  /** The line of its heading in the imported text. */
  line: number;
};

/** An unheaded closing paragraph after the last measure (下一步，… / 今后，…): it belongs to no problem. */
const CLOSING_OPENING = /^(?:下一步|下步|今后|接下来|下阶段|下一阶段)[,，:：]?/;

/** The heading given to such paragraphs when kept as the next-steps section. */
const NEXT_STEPS_HEADING: TParagraph = { ...classify('下一步工作'), level: 1 };

/** Body text without a label that opens it (整改措施：…); '' for a label alone. */
const withoutLabel = (text: string) => text.replace(BODY_LABEL, '').trim();

/** Section headings that name the feedback's problems themselves. */
const FEEDBACK_SECTION = /反馈(?:意见|问题)|具体问题|存在(?:的)?问题|问题(?:的)?整改/;

/** Parses announcement or feedback text. Never throws. */
export function parseAnnouncementText(input: string): TTextImportResult {
  try {
    return parse(input);
  } catch (error) {
    // A parser bug must not crash the caller; the user still gets a clear message.
    return { ok: false, error: `文本解析失败：${error instanceof Error ? error.message : String(error)}` };
  }
}

function parse(input: string): TTextImportResult {
  const unreadable = checkReadable(input);
  if (unreadable) return unreadable;
  const simplified = simplifyChinese(normaliseText(input));
  const warnings: string[] = [...simplified.warnings];
  const { paragraphs: lines, lineNumbers, chrome, documentName } = splitParagraphs(simplified.text);
  const publishedDate = chrome.map(publishedDateOf).find((d): d is string => d !== null) ?? null;

  const paragraphs = lines.map((raw, i) => ({ ...classify(raw), line: lineNumbers[i] ?? 0 }));
  const firstHeading = paragraphs.findIndex(
    (p) => p.level === 1 || p.level === 2 || p.level === 3 || p.isProblemHeading,
  );
  const preambleEnd = firstHeading === -1 ? paragraphs.length : firstHeading;
  const read = readTitle(paragraphs.slice(0, preambleEnd).map((p) => p.raw));
  // The page's 文件名称 names the document (and so the unit) wherever it stands.
  const named = documentName === null ? null : readTitle([documentName]);
  const title = read.title ?? named?.title ?? null;
  // A report to a people's congress is made on behalf of the government: 受县人民政府委托.
  const onBehalf = /受([\u4e00-\u9fa5]{2,30}?)委托/.exec(
    paragraphs
      .slice(0, preambleEnd + 1)
      .map((p) => p.raw)
      .join('\n'),
  );
  const unit = read.unit ?? named?.unit ?? onBehalf?.[1] ?? null;
  const bodyStart = read.bodyStart;
  const opening = paragraphs.slice(bodyStart, preambleEnd).map((p) => p.raw);
  const fallbackYear = publishedDate !== null ? Number(publishedDate.slice(0, 4)) : null;

  const sections: TSection[] = [];
  let current: TSection = { heading: null, items: [] };
  for (const p of paragraphs.slice(preambleEnd)) {
    if (p.level === 1) {
      if (current.heading !== null || current.items.length > 0) sections.push(current);
      current = { heading: p, items: [] };
    } else current.items.push(p);
  }
  if (current.heading !== null || current.items.length > 0) sections.push(current);

  const categories: TImportedCategory[] = [];
  const statisticsParagraphs: string[] = opening.filter(isStatisticsParagraph);
  const closing: string[] = [];
  const trailingAfter = new Map<TSection, TParagraph[]>();
  const labelled = new Map<TImportedMeasure, string>();
  for (const section of sections) {
    const all = section.heading ? [section.heading, ...section.items] : section.items;
    for (const p of all) {
      const text = p.level === 0 ? p.raw : `${p.heading}。${p.rest}`;
      if (isClosingParagraph(text)) closing.push(text);
    }
    if (!sectionHoldsProblems(section)) {
      for (const p of all) if (isStatisticsParagraph(p.raw)) statisticsParagraphs.push(p.raw);
      continue;
    }
    const trailing = readProblemSection(section, categories, statisticsParagraphs, warnings, labelled);
    if (trailing.length > 0) trailingAfter.set(section, trailing);
  }
  // Unheaded closing paragraphs become the next-steps section that follows their problem list.
  const written = sections.flatMap((s) => {
    const trailing = trailingAfter.get(s);
    return trailing ? [s, { heading: NEXT_STEPS_HEADING, items: trailing }] : [s];
  });
  if (closing.length === 0) closing.push(...paragraphs.slice(-3).map((p) => p.raw));

  const inspection = readInspection(
    opening.length > 0 ? opening : lines.slice(0, 5),
    fallbackYear,
    warnings,
    title,
  );
  if (unit === null) warnings.push('未识别出单位（党组织）名称');
  const statistics = readStatistics(statisticsParagraphs);
  const contact = readContact(closing);
  const recognisedAnything =
    categories.length > 0 ||
    statistics.problems !== null ||
    statistics.completionRate !== null ||
    inspection.group !== null ||
    inspection.startDate !== null;
  const notAnnouncement =
    categories.length === 0 && statistics.completed === null && statistics.completionRate === null
      ? whatElse(lines.join('\n'))
      : null;
  if (notAnnouncement !== null) return { ok: false, error: notAnnouncement };
  if (!recognisedAnything) {
    return {
      ok: false,
      error:
        '未能从文本中识别出巡察整改通报或反馈意见的结构（没有找到问题清单、巡察组、巡察时间或整改统计），请检查文件内容',
    };
  }
  if (categories.length === 0) warnings.push('文中没有问题清单（如为整改情况综述，可忽略本提示）');
  const document: TImportedDocument = {
    title,
    unit,
    publishedDate,
    inspection,
    categories,
    statistics,
    contact,
    warnings,
    rules: [],
    suggestedStates: [],
    money: [],
    accountability: [],
  };
  document.sections = writtenSections(written);
  const outsideMeasures = written
    .filter((s) => !sectionHoldsProblems(s))
    .flatMap((s) => (s.heading ? [s.heading, ...s.items] : s.items).map((p) => p.raw));
  return { ok: true, document: addSuggestions(document, [...opening, ...outsideMeasures], labelled) };
}

/** A text that is not an announcement but looks near one: a feedback meeting's news report, an inspection notice. */
function whatElse(text: string): string | null {
  if (
    /(?:召开|举行)[^。]{0,30}(?:巡察|巡视)?[^。]{0,10}反馈(?:会|会议|意见会)|反馈(?:会|会议)[^。]{0,10}(?:召开|举行)/.test(
      text,
    )
  )
    return '这是巡察（巡视）反馈会议的新闻报道，不是反馈意见或整改情况通报，未导入。请导入反馈意见原文或整改进展情况通报';
  if (/(?:巡察|巡视)公告|进驻[^。]{0,40}(?:受理|举报)|受理(?:来信|来电)?时间|专门邮政信箱/.test(text))
    return '这是巡察（巡视）公告或进驻通知，不是整改情况通报，未导入。请在整改情况通报发布后导入通报';
  return null;
}

/** The speaker and salutation lines of a report to a people's congress: not title, not content. */
const SPEAKER =
  /^(?:——|-{1,2})|会议上$|^[\u4e00-\u9fa5]{2,16}(?:局长|主任|厅长|审计长|书记|市长|县长|区长)\s+[\u4e00-\u9fa5]{2,4}$/;
const SALUTATION = /^[^。]{2,40}(?:委员|主任|常委会|同志们?|代表)[:：]$/;

function readTitle(preamble: string[]): { title: string | null; unit: string | null; bodyStart: number } {
  const isTitleLine = (l: string) =>
    !/[。,;]/.test(l) && l.length <= 90 && !SPEAKER.test(l) && !SALUTATION.test(l);
  let i = 0;
  const titleLines: string[] = [];
  while (i < preamble.length && i < 4 && isTitleLine(preamble[i] ?? '')) {
    titleLines.push(preamble[i] ?? '');
    i += 1;
  }
  if (titleLines.length === 0) return { title: null, unit: null, bodyStart: 0 };
  const title = titleLines.join(' ').replace(/\s+/g, ' ').trim();
  const before = /^(.{2,60}?)\s*关于/.exec(title)?.[1]?.trim() ?? null;
  const unit = before !== null && before !== '' ? before : null;
  return { title, unit, bodyStart: i };
}

/** Reads a section's problems into `categories`; returns the unheaded closing paragraphs that end it. */
function readProblemSection(
  section: TSection,
  categories: TImportedCategory[],
  statisticsParagraphs: string[],
  warnings: string[],
  labelled: Map<TImportedMeasure, string>,
): TParagraph[] {
  const items = section.items;
  const problemLevel = decideProblemLevel(items);
  const categoryLevel =
    ([2, 3] as const)
      .filter((l) => (problemLevel === 0 || l < problemLevel) && items.some((p) => p.level === l))
      .at(-1) ?? null;
  const startsProblem = (p: TParagraph): boolean =>
    (problemLevel !== 0 && p.level === problemLevel) ||
    (p.isProblemHeading && (p.level === 0 || p.level <= problemLevel || problemLevel === 0));
  const sectionTitle = section.heading ? problemTitle(section.heading.heading) : '反馈问题';

  let category: TImportedCategory | null = null;
  let problem: TProblemDraft | null = null;
  let sub: TProblemDraft | null = null;
  const drafts: TProblemDraft[] = [];
  const ensureCategory = (): TImportedCategory => {
    if (category === null) {
      category = { title: sectionTitle, problems: [] };
      categories.push(category);
    }
    return category;
  };
  const open = (p: TParagraph, parent: TProblemDraft | null): TProblemDraft => {
    const siblings = parent ? parent.problem.subproblems : ensureCategory().problems;
    const draft: TProblemDraft = {
      problem: {
        number: String(p.number > 0 ? p.number : siblings.length + 1),
        title: problemTitle(p.heading),
        intro: null,
        subproblems: [],
        measures: [],
      },
      body: withoutLabel(p.rest) === '' ? [] : [withoutLabel(p.rest)],
      parent,
      stateLabel: null,
      line: p.line ?? 0,
    };
    siblings.push(draft.problem);
    drafts.push(draft);
    return draft;
  };

  const trailing: TParagraph[] = [];
  for (const p of items) {
    if (trailing.length > 0 || (problem !== null && p.level === 0 && CLOSING_OPENING.test(p.raw))) {
      if (!isClosingParagraph(p.raw) && !isSignatureLine(p.raw)) trailing.push(p);
      continue;
    }
    if (categoryLevel !== null && p.level === categoryLevel && !p.isProblemHeading) {
      category = { title: problemTitle(p.heading), problems: [] };
      categories.push(category);
      problem = null;
      sub = null;
      if (p.rest !== '')
        warnings.push(
          `第 ${p.line ?? 0} 行：类别“${category.title}”标题后的文字未能归入问题：${p.rest.slice(0, 40)}`,
        );
      continue;
    }
    if (startsProblem(p) && !(problem !== null && p.level > problemLevel && problemLevel !== 0)) {
      problem = open(p, null);
      sub = null;
      continue;
    }
    if (
      problem !== null &&
      p.level > problemLevel &&
      p.level !== 0 &&
      (p.isProblemHeading ||
        PROBLEM_WORDS.test(p.heading) ||
        // (1)X。一是…二是…: a sub-problem with its own measures, not a measure of the problem.
        (p.level === 4 && /(?:^|[。;:,])一是/.test(p.rest)))
    ) {
      sub = open(p, problem);
      continue;
    }
    const target = sub ?? problem;
    if (p.level === 0 && (isClosingParagraph(p.raw) || isSignatureLine(p.raw))) {
      problem = null;
      sub = null;
      continue;
    }
    if (target === null) {
      if (isStatisticsParagraph(p.raw)) statisticsParagraphs.push(p.raw);
      else
        warnings.push(
          `第 ${p.line ?? 0} 行：未能归入任何问题的段落：${p.raw.slice(0, 40)}${p.raw.length > 40 ? '…' : ''}`,
        );
      continue;
    }
    if (p.level === 0 && STATE_LABEL.test(p.raw)) {
      target.stateLabel = p.raw;
      continue;
    }
    const text = withoutLabel(p.raw);
    if (text !== '') target.body.push(text);
  }

  for (const draft of drafts) {
    const { intro, measures } = splitMeasures(draft.body.join('\n'));
    draft.problem.intro = intro;
    draft.problem.measures = measures;
    const label = draft.stateLabel;
    if (label !== null) for (const m of measures) labelled.set(m, label);
    // A second 一是 inside the last measure means a heading was not recognised and two problems ran together.
    const last = measures.at(-1)?.text ?? '';
    if (measures.length > 1 && /[。;]一是/.test(last)) {
      warnings.push(
        `第 ${draft.line} 行起：问题“${draft.problem.title}”的措施中再次出现“一是”，可能有未识别的问题标题，请核对`,
      );
    }
    if (measures.length === 0 && draft.problem.subproblems.length === 0) {
      warnings.push(`第 ${draft.line} 行：问题“${draft.problem.title}”下没有找到整改措施`);
    }
  }
  return trailing;
}

function decideProblemLevel(items: TParagraph[]): TLevel {
  const counts = new Map<TLevel, number>();
  for (const p of items) if (p.isProblemHeading) counts.set(p.level, (counts.get(p.level) ?? 0) + 1);
  if (counts.size > 0) {
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 3;
  }
  const present = ([2, 3, 4] as const).filter((l) => items.some((p) => p.level === l));
  if (present.includes(3)) return 3;
  if (present.includes(2)) return 2;
  return present[0] ?? 3;
}

/** The written sections around the problem list: the first before it (organisation), the first after (next steps). */
function writtenSections(sections: TSection[]): NonNullable<TImportedDocument['sections']> {
  const firstProblem = sections.findIndex(sectionHoldsProblems);
  const pick = (s: TSection | undefined) => {
    if (!s?.heading) return null;
    const paragraphs = s.items
      .map((p) => p.raw)
      .filter((raw) => !isClosingParagraph(raw) && !isSignatureLine(raw));
    const heading = s.heading.rest === '' ? s.heading.heading : `${s.heading.heading}。${s.heading.rest}`;
    return { heading, paragraphs };
  };
  if (firstProblem === -1) return { organisation: null, nextSteps: null };
  const before = sections.slice(0, firstProblem).find((s) => !sectionHoldsProblems(s));
  const after = sections.slice(firstProblem + 1).find((s) => !sectionHoldsProblems(s));
  return { organisation: pick(before), nextSteps: pick(after) };
}
