/**
 * The announcement / feedback text importer: plain text in, the shared import structure out. Pure: no I/O,
 * never throws; text it cannot read is answered with `{ ok: false, error }` in Chinese.
 */
import { fromChineseNumeral, measureMarker } from '@shared/chinese.ts';
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

/** The importer's answer. */
export type TTextImportResult = { ok: true; document: TImportedDocument } | { ok: false; error: string };

/** Heading levels: 1 一、 / 2 (一) / 3 1. / 4 (1); 0 is a plain paragraph. */
type TLevel = 0 | 1 | 2 | 3 | 4;

type TParagraph = {
  level: TLevel;
  /** The marker's number (一 → 1), 0 for plain paragraphs. */
  number: number;
  /** Heading text before the first sentence end outside quotes (whole text for plain paragraphs). */
  heading: string;
  /** Text after the heading's sentence end, on the same paragraph. */
  rest: string;
  raw: string;
  /** A paragraph written as 关于“X”问题的整改情况, with or without a numeric marker. */
  isProblemHeading: boolean;
};

const HEADING_PATTERNS: ReadonlyArray<{ level: Exclude<TLevel, 0>; re: RegExp }> = [
  { level: 1, re: /^([一二三四五六七八九十]{1,3})\s*[、.]\s*(.+)$/ },
  { level: 2, re: /^\(([一二三四五六七八九十]{1,3})\)\s*[、.]?\s*(.+)$/ },
  { level: 3, re: /^(\d{1,3})\s*[.、](?!\d)\s*(.+)$/ },
  { level: 4, re: /^\((\d{1,2})\)\s*[、.]?\s*(.+)$/ },
];

const PROBLEM_HEADING =
  /^关于\s*[“"「].{1,200}[”"」]\s*(?:的)?(?:问题|方面)|^关于.{1,120}?问题的?(?:整改|落实)/;
const PROBLEM_TITLE_QUOTED =
  /^关于\s*[“"「](.{1,200})[”"」]\s*(?:的)?(?:问题|方面)?(?:的)?(?:整改落实|整改进展|整改|落实)?(?:工作)?(?:情况)?$/;
const PROBLEM_TITLE_PLAIN =
  /^关于(.{1,120}?)(?:等)?问题的?(?:整改落实|整改进展|整改|落实)(?:工作)?(?:情况)?$/;
const NEXT_STEPS = /下一步|下步|今后|持续巩固|巩固.{0,8}成果|长效机制|后续工作|深化.{0,6}整改成果/;
const ORGANISATION =
  /提高站位|政治站位|组织领导|加强领导|高度重视|主体责任|整改工作(?:开展|推进|总体)?情况|工作开展情况|主要做法|扛起|政治任务|强化担当|压实责任|统筹推进|总体情况|主要成效|基本情况/;
const PROBLEM_SECTION =
  /反馈(?:意见|问题)|问题(?:的)?整改|整改落实情况|整改进展情况|具体问题|存在(?:的)?问题/;
const PROBLEM_WORDS =
  /不够|不到位|不深入|不力|不严|不实|不足|不规范|不合规|不强|不大|不高|不细|不全|不明|不及时|未|差距|薄弱|缺失|欠缺|存在|滞后|缺位|偏差|弱化|淡化|虚化|问题|短板|漏洞|风险|有待|较弱|较差/;

/** Splits a heading paragraph at its first sentence end (。 ： ; ! ?) outside quotes, brackets and titles. */
export function splitHeading(text: string): { heading: string; rest: string } {
  let depth = 0;
  let straightOpen = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '“' || ch === '‘' || ch === '《' || ch === '「' || ch === '(' || ch === '〔' || ch === '【')
      depth += 1;
    else if (
      ch === '”' ||
      ch === '’' ||
      ch === '》' ||
      ch === '」' ||
      ch === ')' ||
      ch === '〕' ||
      ch === '】'
    ) {
      depth = Math.max(0, depth - 1);
    } else if (ch === '"') straightOpen = !straightOpen;
    else if (
      depth === 0 &&
      !straightOpen &&
      (ch === '。' || ch === ':' || ch === '!' || ch === '?' || ch === ';')
    ) {
      return { heading: text.slice(0, i).trim(), rest: text.slice(i + 1).trim() };
    }
  }
  return { heading: text.trim(), rest: '' };
}

function classify(raw: string): TParagraph {
  for (const { level, re } of HEADING_PATTERNS) {
    const m = re.exec(raw);
    if (!m) continue;
    const number = fromChineseNumeral(m[1] ?? '') ?? 0;
    const body = m[2] ?? '';
    const { heading, rest } = splitHeading(body);
    return { level, number, heading, rest, raw, isProblemHeading: PROBLEM_HEADING.test(heading) };
  }
  if (PROBLEM_HEADING.test(raw)) {
    const { heading, rest } = splitHeading(raw);
    if (PROBLEM_HEADING.test(heading) && heading.length <= 220) {
      return { level: 0, number: 0, heading, rest, raw, isProblemHeading: true };
    }
  }
  return { level: 0, number: 0, heading: raw, rest: '', raw, isProblemHeading: false };
}

/** The title of a problem or category heading, without 关于“…”问题的整改情况 and trailing punctuation. */
export function problemTitle(heading: string): string {
  const h = heading.replace(/[。,;:\s]+$/, '').trim();
  const quoted = PROBLEM_TITLE_QUOTED.exec(h);
  if (quoted?.[1] !== undefined) return quoted[1].trim();
  const plain = PROBLEM_TITLE_PLAIN.exec(h);
  if (plain?.[1] !== undefined) return plain[1].trim();
  return h;
}

/** Splits a problem's body into its intro and 一是/二是… measures; with no 一是 the whole body is one measure. */
export function splitMeasures(body: string): { intro: string | null; measures: TImportedMeasure[] } {
  const text = body.trim();
  if (text === '') return { intro: null, measures: [] };
  for (const marker of MARKER_FAMILIES) {
    const found = findMarkers(text, marker);
    if (found.length === 0) continue;
    const first = found[0]?.start ?? 0;
    const intro = tidy(text.slice(0, first));
    const measures = found.map((m, i) => ({
      text: tidy(text.slice(m.end, found[i + 1]?.start ?? text.length)),
    }));
    return { intro: intro === '' ? null : intro, measures: measures.filter((m) => m.text !== '') };
  }
  return { intro: null, measures: [{ text: tidy(text) }] };
}

/** Measure markers in order of preference: 一是/二是…, then (1)/(2)… */
const MARKER_FAMILIES: ReadonlyArray<(n: number) => string> = [measureMarker, (n) => `(${n})`];

/** Finds the sequential markers 1, 2, 3… of one family, each standing at a sentence boundary. */
function findMarkers(text: string, marker: (n: number) => string): Array<{ start: number; end: number }> {
  const found: Array<{ start: number; end: number }> = [];
  let from = 0;
  for (let n = 1; n <= 99; n += 1) {
    const m = marker(n);
    let at = text.indexOf(m, from);
    let start = -1;
    while (at !== -1) {
      const before = at === 0 ? '' : (text[at - 1] ?? '');
      // 十一是 must not be read as 一是: the marker has to stand at a sentence boundary.
      if (at === 0 || /[。;!?\n:,\s]/.test(before)) {
        start = at;
        break;
      }
      at = text.indexOf(m, at + 1);
    }
    if (start === -1) break;
    found.push({ start, end: start + m.length });
    from = start + m.length;
  }
  return found;
}

function tidy(text: string): string {
  return text
    .replace(/\n+/g, '')
    .replace(/^[,:;\s]+/, '')
    .trim();
}

type TSection = { heading: TParagraph | null; items: TParagraph[] };

function sectionHoldsProblems(section: TSection): boolean {
  if (section.items.some((p) => p.isProblemHeading)) return true;
  const title = section.heading?.heading ?? '';
  if (NEXT_STEPS.test(title) || ORGANISATION.test(title)) return false;
  const subHeadings = section.items.filter((p) => p.level >= 2);
  if (subHeadings.length === 0) return false;
  if (PROBLEM_SECTION.test(title)) return true;
  const problemLike = subHeadings.filter((p) => PROBLEM_WORDS.test(p.heading)).length;
  return problemLike * 2 >= subHeadings.length;
}

type TProblemDraft = { problem: TImportedProblem; body: string[]; parent: TProblemDraft | null };

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
  const warnings: string[] = [];
  const { paragraphs: lines, chrome } = splitParagraphs(normaliseText(input));
  const publishedDate = chrome.map(publishedDateOf).find((d): d is string => d !== null) ?? null;

  const paragraphs = lines.map(classify);
  const firstHeading = paragraphs.findIndex(
    (p) => p.level === 1 || p.level === 2 || p.level === 3 || p.isProblemHeading,
  );
  const preambleEnd = firstHeading === -1 ? paragraphs.length : firstHeading;
  const { title, unit, bodyStart } = readTitle(paragraphs.slice(0, preambleEnd).map((p) => p.raw));
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
    readProblemSection(section, categories, statisticsParagraphs, warnings);
  }
  if (closing.length === 0) closing.push(...paragraphs.slice(-3).map((p) => p.raw));

  const inspection = readInspection(opening.length > 0 ? opening : lines.slice(0, 5), fallbackYear, warnings);
  if (unit === null) warnings.push('未识别出单位（党组织）名称');
  const statistics = readStatistics(statisticsParagraphs);
  const contact = readContact(closing);
  const recognisedAnything =
    categories.length > 0 ||
    statistics.problems !== null ||
    statistics.completionRate !== null ||
    inspection.group !== null ||
    inspection.startDate !== null;
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
  document.sections = writtenSections(sections);
  const outsideMeasures = sections
    .filter((s) => !sectionHoldsProblems(s))
    .flatMap((s) => (s.heading ? [s.heading, ...s.items] : s.items).map((p) => p.raw));
  return { ok: true, document: addSuggestions(document, [...opening, ...outsideMeasures]) };
}

function readTitle(preamble: string[]): { title: string | null; unit: string | null; bodyStart: number } {
  const isTitleLine = (l: string) => !/[。,;]/.test(l) && l.length <= 90;
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

function readProblemSection(
  section: TSection,
  categories: TImportedCategory[],
  statisticsParagraphs: string[],
  warnings: string[],
): void {
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
      body: p.rest === '' ? [] : [p.rest],
      parent,
    };
    siblings.push(draft.problem);
    drafts.push(draft);
    return draft;
  };

  for (const p of items) {
    if (categoryLevel !== null && p.level === categoryLevel && !p.isProblemHeading) {
      category = { title: problemTitle(p.heading), problems: [] };
      categories.push(category);
      problem = null;
      sub = null;
      if (p.rest !== '')
        warnings.push(`类别“${category.title}”标题后的文字未能归入问题：${p.rest.slice(0, 40)}`);
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
      (p.isProblemHeading || PROBLEM_WORDS.test(p.heading))
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
      else warnings.push(`未能归入任何问题的段落：${p.raw.slice(0, 40)}${p.raw.length > 40 ? '…' : ''}`);
      continue;
    }
    target.body.push(p.raw);
  }

  for (const draft of drafts) {
    const { intro, measures } = splitMeasures(draft.body.join('\n'));
    draft.problem.intro = intro;
    draft.problem.measures = measures;
    // A second 一是 inside the last measure means a heading was not recognised and two problems ran together.
    const last = measures.at(-1)?.text ?? '';
    if (measures.length > 1 && /[。;]一是/.test(last)) {
      warnings.push(`问题“${draft.problem.title}”的措施中再次出现“一是”，可能有未识别的问题标题，请核对`);
    }
    if (measures.length === 0 && draft.problem.subproblems.length === 0) {
      warnings.push(`问题“${draft.problem.title}”下没有找到整改措施`);
    }
  }
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
