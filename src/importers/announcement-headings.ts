/** Paragraphs of an announcement as headings: levels 一、/(一)/1./(1), heading splitting, problem titles. */
import { fromChineseNumeral } from '@shared/chinese.ts';
import { HEADING_LEVELS, LABELS } from './importer-rules.ts';

/** Heading levels: 1 一、 / 2 (一) / 3 1. / 4 (1); 0 is a plain paragraph. */
export type TLevel = 0 | 1 | 2 | 3 | 4;

/** A paragraph with its heading level and, for a heading, the heading and the rest of the paragraph. */
export type TParagraph = {
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
  /** The line of the imported text it came from (0 when made up, e.g. a section heading the text had not). */
  line?: number;
};

/** A heading that is only a label, its content after the colon: (一)反馈问题：X, 问题：X. */
const LABEL_ONLY = LABELS.problemLabel.pattern;

/** Labels that open a problem's body and are not measure text: 整改措施：一是…, 整改情况：…. */
export const BODY_LABEL = LABELS.bodyLabel.pattern;

/** A problem's own state written as a label line: 整改状态：已完成, 完成情况：正在整改, or 正在整改 alone. */
export const STATE_LABEL = LABELS.stateLabel.pattern;

export const PROBLEM_HEADING =
  /^关于\s*[“"「].{1,200}[”"」]\s*(?:的)?(?:问题|方面)|^关于.{1,120}?问题的?(?:整改|落实)/;
export const PROBLEM_TITLE_QUOTED =
  /^关于\s*[“"「](.{1,200})[”"」]\s*(?:的)?(?:问题|方面)?(?:的)?(?:整改落实|整改进展|整改|落实)?(?:工作)?(?:情况)?$/;
export const PROBLEM_TITLE_PLAIN =
  /^关于(.{1,120}?)(?:等)?(?:的)?问题的?(?:整改落实|整改进展|整改|落实)?(?:工作)?(?:情况)?$/;
export const NEXT_STEPS = /下一步|下步|今后|持续巩固|巩固.{0,8}成果|长效机制|后续工作|深化.{0,6}整改成果/;
export const ORGANISATION =
  /提高站位|政治站位|组织领导|加强领导|高度重视|主体责任|整改工作(?:开展|推进|总体)?情况|工作开展情况|主要做法|扛起|政治任务|强化担当|压实责任|统筹推进|总体情况|主要成效|基本情况/;
export const PROBLEM_SECTION =
  /反馈(?:意见|问题)|问题(?:的)?整改|整改落实情况|整改进展情况|具体问题|存在(?:的)?问题/;
export const PROBLEM_WORDS =
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

/** A document's own title (…整改情况的报告 / …的通报): never a problem heading, although it says 关于…问题的整改. */
const DOCUMENT_TITLE = /(?:的报告|的通报|情况报告|情况通报|的意见)$/;

/** Classifies a paragraph by its heading marker. */
export function classify(raw: string): TParagraph {
  if (DOCUMENT_TITLE.test(raw) && !raw.includes('。') && raw.length <= 120)
    return { level: 0, number: 0, heading: raw, rest: '', raw, isProblemHeading: false };
  for (const { level, pattern: re } of HEADING_LEVELS) {
    const m = re.exec(raw);
    if (!m) continue;
    const number = fromChineseNumeral(m[1] ?? '') ?? 0;
    const body = m[2] ?? '';
    const split = splitHeading(body);
    // (一)反馈问题：X — the label is not the title; what follows it is.
    const { heading, rest } =
      LABEL_ONLY.test(split.heading) && split.rest !== '' ? splitHeading(split.rest) : split;
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
  // 1.(1)X: the sub-marker is not part of the title.
  const h = heading
    .replace(/[。,;:\s]+$/, '')
    .replace(/^\(\d{1,2}\)\s*/, '')
    .trim();
  const quoted = PROBLEM_TITLE_QUOTED.exec(h);
  if (quoted?.[1] !== undefined) return quoted[1].trim();
  const plain = PROBLEM_TITLE_PLAIN.exec(h);
  if (plain?.[1] !== undefined) return plain[1].trim();
  return h;
}
