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
