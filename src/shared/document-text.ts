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
