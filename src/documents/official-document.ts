import { fullWidthPunctuation } from '@shared/document-text.ts';

/**
 * The official-document model every generated document uses (announcement, monthly report, plan), and its plain
 * text and HTML renderings. Pure: no I/O. The .docx rendering (GB/T 9704) is in official-docx.ts.
 */

/** A run of text in a paragraph: body text, or an inline heading of level 2 (楷体) or 3 (仿宋 bold). */
export type TRun = { text: string; style: 'body' | 'h2' | 'h3' };

/** A block of the document. */
export type TBlock =
  | { kind: 'h1'; text: string }
  | { kind: 'h2'; text: string }
  | { kind: 'p'; runs: TRun[] }
  | { kind: 'table'; header: string[]; rows: string[][] }
  | { kind: 'signature'; lines: string[] };

/** A document: its title (may wrap over lines) and blocks. */
export type TOfficialDocument = { title: string; blocks: TBlock[] };

/** The document with official punctuation (full-width in Chinese text): every renderer prints this. */
export function formalise(doc: TOfficialDocument): TOfficialDocument {
  const f = fullWidthPunctuation;
  return {
    title: f(doc.title),
    blocks: doc.blocks.map((b): TBlock => {
      switch (b.kind) {
        case 'h1':
        case 'h2':
          return { ...b, text: f(b.text) };
        case 'p':
          return { kind: 'p', runs: b.runs.map((r) => ({ ...r, text: f(r.text) })) };
        case 'table':
          return { kind: 'table', header: b.header.map(f), rows: b.rows.map((r) => r.map(f)) };
        case 'signature':
          return b;
      }
    }),
  };
}

/** A body paragraph. */
export const para = (text: string): TBlock => ({ kind: 'p', runs: [{ text, style: 'body' }] });

/**
 * A paragraph that opens with a heading written inline, as documents do: "(一)提高思想认识,把握整改要求。切实…"
 * — the part up to the first 。 is the heading.
 */
export function inlineHeading(text: string, style: 'h2' | 'h3'): TBlock {
  const end = text.indexOf('。');
  if (end === -1 || end > 80) return { kind: 'p', runs: [{ text, style }] };
  return {
    kind: 'p',
    runs: [
      { text: text.slice(0, end + 1), style },
      { text: text.slice(end + 1), style: 'body' },
    ].filter((r) => r.text !== '') as TRun[],
  };
}

/** Plain text: the title, a blank line, then one line per block. */
export function toText(original: TOfficialDocument): string {
  const doc = formalise(original);
  const lines = [doc.title, ''];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'h1':
      case 'h2':
        lines.push(b.text, '');
        break;
      case 'p':
        lines.push(b.runs.map((r) => r.text).join(''), '');
        break;
      case 'table':
        lines.push(b.header.join('\t'), ...b.rows.map((r) => r.join('\t')), '');
        break;
      case 'signature':
        lines.push(...b.lines);
        break;
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A standalone HTML page to read and print (A4, official fonts with fallbacks). */
export function toHtml(original: TOfficialDocument): string {
  const doc = formalise(original);
  const body = doc.blocks
    .map((b) => {
      switch (b.kind) {
        case 'h1':
          return `<h2 class="h1">${escape(b.text)}</h2>`;
        case 'h2':
          return `<h3 class="h2">${escape(b.text)}</h3>`;
        case 'p':
          return `<p>${b.runs.map((r) => (r.style === 'body' ? escape(r.text) : `<span class="${r.style}">${escape(r.text)}</span>`)).join('')}</p>`;
        case 'table':
          return `<table><thead><tr>${b.header.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>${b.rows.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
        case 'signature':
          return `<div class="signature">${b.lines.map((l) => `<div>${escape(l)}</div>`).join('')}</div>`;
      }
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(doc.title)}</title>
<style>
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "仿宋_GB2312", FangSong, "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 28.95pt; max-width: 156mm; margin: 2em auto; color: #000; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", SimSun, "Noto Serif CJK SC", serif; font-size: 22pt; font-weight: normal; text-align: center; line-height: 1.4; margin: 0 0 28.95pt; }
p { text-indent: 2em; margin: 0; text-align: justify; }
.h1 { font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal; text-indent: 2em; margin: 0; }
.h2, span.h2 { font-family: "楷体_GB2312", KaiTi, "Noto Serif CJK SC", serif; font-size: 16pt; font-weight: normal; text-indent: 2em; margin: 0; }
span.h3 { font-weight: bold; }
table { border-collapse: collapse; width: 100%; font-size: 12pt; line-height: 1.5; }
th, td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; }
.signature { text-align: right; margin-top: 28.95pt; padding-right: 4em; }
</style></head>
<body><h1>${escape(doc.title)}</h1>
${body}
</body></html>
`;
}

/**
 * Column widths for a table across `total` units: short columns (序号, names, dates) get what their longest cell
 * needs, the long text columns (整改措施) share the rest by how much they hold — never equal widths, which wrap a
 * measure every few characters and stretch a plan over dozens of pages.
 */
export function tableColumnWidths(
  header: string[],
  rows: string[][],
  total: number,
  charsAcross: number,
): number[] {
  // Width in full-width characters: digits, Latin and ASCII punctuation take half.
  const width = (text: string) => [...text].reduce((w, ch) => w + (ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1), 0);
  const need = header.map((h, j) => Math.max(width(h) + 1.5, ...rows.map((r) => width(r[j] ?? '') + 1.3)));
  const short = need.map((n) => n <= 12);
  const shortChars = need.reduce((s, n, j) => s + (short[j] ? n : 0), 0);
  const longNeed = need.reduce((s, n, j) => s + (short[j] ? 0 : n), 0);
  // Short columns get what they need; the long text columns share the rest, at least 40 % of the width (the short
  // ones shrink together if they would leave less).
  const longShare = longNeed === 0 ? 0 : Math.max(charsAcross - shortChars, charsAcross * 0.4);
  const shortScale =
    longNeed === 0 ? charsAcross / shortChars : Math.min(1, (charsAcross - longShare) / shortChars);
  const chars = need.map((n, j) => (short[j] ? n * shortScale : (n / longNeed) * longShare));
  const sum = chars.reduce((s, c) => s + c, 0);
  return chars.map((c) => Math.floor((c / sum) * total));
}

/** Characters of 二号 (22 pt) that fit the 156 mm type area. */
export const TITLE_CHARS_PER_LINE = 20;

/** Words a title line never breaks inside. */
const TITLE_WORDS = [
  '巡察',
  '巡视',
  '审计',
  '督查',
  '整改',
  '落实',
  '进展',
  '情况',
  '通报',
  '报告',
  '党组',
  '党委',
  '委员会',
  '联合会',
  '办公室',
  '反馈',
  '意见',
  '工作',
  '问题',
  '人民政府',
  '中共',
  '方案',
  '月报告',
  '轮次',
  '汇总',
];

/**
 * The title as printed lines of at most `perLine` characters: no stray spaces between Chinese characters, broken
 * before 关于 when the organisation and the subject each fit a line, otherwise at the latest place that is not
 * inside a word of meaning (never 巡/察).
 */
export function titleLines(title: string, perLine = TITLE_CHARS_PER_LINE): string[] {
  const text = title
    .replace(/\n/g, '')
    .replace(/(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef])/g, '')
    .trim();
  const chars = [...text];
  if (chars.length <= perLine) return [text];
  const about = text.indexOf('关于');
  if (about > 0 && [...text.slice(0, about)].length <= perLine && [...text.slice(about)].length <= perLine)
    return [text.slice(0, about), text.slice(about)];
  const insideWord = (at: number) =>
    TITLE_WORDS.some((w) => {
      for (let start = Math.max(0, at - w.length + 1); start < at; start += 1)
        if (chars.slice(start, start + w.length).join('') === w) return true;
      return false;
    });
  // 第一巡察组, 第12轮: a numbered name is one word too.
  const numbered = [...text.matchAll(/第[一二三四五六七八九十\d]{1,3}(?:巡察组|巡视组|轮|届)?/g)];
  const insideName = (at: number) =>
    numbered.some((m) => {
      const start = [...text.slice(0, m.index)].length;
      return at > start && at < start + [...m[0]].length;
    });
  // Preferred: before 关于 / 落实 / 对, after the organisation (党组, 党委, 委员会).
  const preferred = (at: number) =>
    /^(?:关于|落实|对)/.test(chars.slice(at).join('')) ||
    /(?:党组|党委|委员会)$/.test(chars.slice(0, at).join(''));
  const lines: string[] = [];
  let from = 0;
  while (chars.length - from > perLine) {
    const candidates: number[] = [];
    for (let at = from + perLine; at > from + perLine / 2; at -= 1)
      if (!insideWord(at) && !insideName(at)) candidates.push(at);
    const at = candidates.find(preferred) ?? candidates[0] ?? from + perLine;
    lines.push(chars.slice(from, at).join(''));
    from = at;
  }
  lines.push(chars.slice(from).join(''));
  return lines;
}
