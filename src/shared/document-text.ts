/** Text rules of official documents, in one tested place: section markers, nested quotes, sentence ends. */
import { measureMarker, toChineseNumeral } from './chinese.ts';

/** 一、 二、 … */
export function sectionMarker(n: number): string {
  return `${toChineseNumeral(n)}、`;
}

/** (一) (二) … — ASCII parentheses, as the documents we import write them after NFKC. */
export function categoryMarker(n: number): string {
  return `(${toChineseNumeral(n)})`;
}

/** Quotes a title with “ ”; quotes inside it become ‘ ’. */
export function quote(title: string): string {
  return `“${title
    .replace(/“/g, '‘')
    .replace(/”/g, '’')
    .replace(/"([^"]*)"/g, '‘$1’')}”`;
}

/** Ends a sentence with 。 unless it already ends with sentence punctuation. */
export function endSentence(text: string): string {
  const t = text.trim();
  if (t === '') return t;
  return /[。！？!?;；…]$|[。！？]”$/.test(t) ? t : `${t}。`;
}

/**
 * The paragraph of a problem: its heading and the measures' progress as 一是…。二是…。 (one measure: no 一是).
 * `marker` is the problem's marker as printed: "1." for a problem, "(1)" for a sub-problem.
 */
export function problemParagraph(marker: string, title: string, measures: readonly string[]): string {
  const heading = `${marker}关于${quote(title)}问题的整改情况。`;
  const texts = measures.map((m) => endSentence(m)).filter((m) => m !== '');
  if (texts.length === 1) return `${heading}${texts[0] ?? ''}`;
  return `${heading}${texts.map((t, i) => `${measureMarker(i + 1)}${t}`).join('')}`;
}

/**
 * Official documents use full-width punctuation: , ; : ( ) ? ! become ，；：（）？！ — except inside numbers (1,000
 * and 12:30), e-mail addresses and web addresses. 1. and 5.10 keep their full stops.
 */
export function fullWidthPunctuation(text: string): string {
  const protectedParts: string[] = [];
  const masked = text.replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}|https?:\/\/\S+/g, (m) => {
    protectedParts.push(m);
    return `\uE000${protectedParts.length - 1}\uE000`;
  });
  const converted = masked
    .replace(/(?<!\d),|,(?!\d)/g, '，')
    .replace(/;/g, '；')
    .replace(/(?<!\d):|:(?!\d)/g, '：')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/\?/g, '？')
    .replace(/!/g, '！');
  return converted.replace(/\uE000(\d+)\uE000/g, (_, i: string) => protectedParts[Number(i)] ?? '');
}
