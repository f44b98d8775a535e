/**
 * Reads a .docx into plain paragraphs for the text importer. Paragraph boundaries are kept, and numbering
 * that Word holds as list numbering (numbering.xml) is rendered as the text a reader sees: 1. / (一) / 一、.
 */
import { DOMParser, type Element as XmlElement, type Node as XmlNode } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { toChineseNumeral } from '@shared/chinese.ts';

/** Result of reading a .docx. */
export type TDocxText = { ok: true; paragraphs: string[] } | { ok: false; error: string };

type TLevel = { start: number; format: string; text: string };
type TNumbering = {
  nums: Map<string, { abstractId: string; starts: Map<number, number> }>;
  abstracts: Map<string, Map<number, TLevel>>;
};

const children = (node: XmlNode, localName: string): XmlElement[] => {
  const out: XmlElement[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling)
    if (c.nodeType === 1 && (c as XmlElement).localName === localName) out.push(c as XmlElement);
  return out;
};
const child = (node: XmlNode, localName: string): XmlElement | undefined => children(node, localName)[0];
const attr = (el: XmlElement | undefined, name: string): string | null =>
  el ? el.getAttribute(`w:${name}`) || el.getAttribute(name) || null : null;

function parseXml(text: string): XmlElement | null {
  try {
    // Malformed XML is reported as an error, not a crash.
    const doc = new DOMParser({ onError: () => undefined }).parseFromString(text, 'text/xml');
    return doc.documentElement ?? null;
  } catch {
    return null;
  }
}

function readNumbering(root: XmlElement | null): TNumbering {
  const numbering: TNumbering = { nums: new Map(), abstracts: new Map() };
  if (!root) return numbering;
  for (const a of children(root, 'abstractNum')) {
    const levels = new Map<number, TLevel>();
    for (const l of children(a, 'lvl')) {
      levels.set(Number(attr(l, 'ilvl') ?? 0), {
        start: Number(attr(child(l, 'start'), 'val') ?? 1),
        format: attr(child(l, 'numFmt'), 'val') ?? 'decimal',
        text: attr(child(l, 'lvlText'), 'val') ?? '',
      });
    }
    numbering.abstracts.set(attr(a, 'abstractNumId') ?? '', levels);
  }
  for (const n of children(root, 'num')) {
    const starts = new Map<number, number>();
    for (const o of children(n, 'lvlOverride')) {
      const start = attr(child(o, 'startOverride'), 'val');
      if (start !== null) starts.set(Number(attr(o, 'ilvl') ?? 0), Number(start));
    }
    numbering.nums.set(attr(n, 'numId') ?? '', {
      abstractId: attr(child(n, 'abstractNumId'), 'val') ?? '',
      starts,
    });
  }
  return numbering;
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const TIANGAN = '甲乙丙丁戊己庚辛壬癸';

/** Renders a counter in a Word number format. */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'japaneseCounting':
      return toChineseNumeral(n);
    case 'ideographTraditional':
      return TIANGAN[n - 1] ?? String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return CIRCLED[n - 1] ?? String(n);
    case 'upperLetter':
      return String.fromCharCode(64 + (((n - 1) % 26) + 1));
    case 'lowerLetter':
      return String.fromCharCode(96 + (((n - 1) % 26) + 1));
    case 'bullet':
    case 'none':
      return '';
    default:
      return String(n);
  }
}

function paragraphText(p: XmlElement): string {
  let text = '';
  const walk = (node: XmlNode) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== 1) continue;
      const el = c as XmlElement;
      switch (el.localName ?? '') {
        case 't':
          text += el.textContent ?? '';
          break;
        case 'tab':
          text += ' ';
          break;
        case 'br':
        case 'cr':
          text += '\n';
          break;
        case 'delText':
        case 'instrText':
        case 'pPr':
        case 'rPr':
          break;
        default:
          walk(el);
      }
    }
  };
  walk(p);
  return text;
}

/** Extracts the paragraphs of a .docx with list numbering rendered as text. Never throws. */
export async function readDocxParagraphs(bytes: Uint8Array): Promise<TDocxText> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return { ok: false, error: '文件已损坏或不是有效的 Word（.docx）文件' };
  }
  const documentXml = zip.file('word/document.xml');
  if (!documentXml)
    return { ok: false, error: '压缩包中没有 Word 正文（word/document.xml），不是有效的 .docx 文件' };
  const root = parseXml(await documentXml.async('string'));
  const body = root ? child(root, 'body') : undefined;
  if (!body) return { ok: false, error: 'Word 正文无法解析，文件可能已损坏' };
  const numberingFile = zip.file('word/numbering.xml');
  const numbering = readNumbering(numberingFile ? parseXml(await numberingFile.async('string')) : null);
  const stylesFile = zip.file('word/styles.xml');
  const styles = new Map<string, XmlElement>();
  const stylesRoot = stylesFile ? parseXml(await stylesFile.async('string')) : null;
  if (stylesRoot) for (const s of children(stylesRoot, 'style')) styles.set(attr(s, 'styleId') ?? '', s);

  const styleNumPr = (styleId: string | null, depth = 0): XmlElement | undefined => {
    if (styleId === null || depth > 5) return undefined;
    const style = styles.get(styleId);
    if (!style) return undefined;
    const numPr = child(child(style, 'pPr') ?? style, 'numPr');
    return numPr ?? styleNumPr(attr(child(style, 'basedOn'), 'val'), depth + 1);
  };

  const counters = new Map<string, number[]>();
  const marker = (p: XmlElement): string => {
    const pPr = child(p, 'pPr');
    const numPr = (pPr && child(pPr, 'numPr')) ?? styleNumPr(attr(pPr && child(pPr, 'pStyle'), 'val'));
    if (!numPr) return '';
    const numId = attr(child(numPr, 'numId'), 'val') ?? '';
    const ilvl = Number(attr(child(numPr, 'ilvl'), 'val') ?? 0);
    const num = numbering.nums.get(numId);
    const levels = num ? numbering.abstracts.get(num.abstractId) : undefined;
    if (!num || !levels || numId === '0') return '';
    const count = counters.get(numId) ?? [];
    const startOf = (l: number) => num.starts.get(l) ?? levels.get(l)?.start ?? 1;
    count[ilvl] = count[ilvl] === undefined ? startOf(ilvl) : (count[ilvl] ?? 0) + 1;
    count.length = ilvl + 1;
    counters.set(numId, count);
    const level = levels.get(ilvl);
    if (!level) return '';
    let text = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const l = Number(d) - 1;
      return formatNumber(count[l] ?? startOf(l), levels.get(l)?.format ?? 'decimal');
    });
    if (text === '') return '';
    // Word separates the number from the text with a tab; the text importer needs the punctuation.
    if (/\d$/.test(text)) text += '.';
    else if (/[一二三四五六七八九十]$/.test(text)) text += '、';
    return text;
  };

  const paragraphs: string[] = [];
  const visit = (container: XmlElement) => {
    for (let c = container.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== 1) continue;
      const el = c as XmlElement;
      if (el.localName === 'p') {
        const text = paragraphText(el);
        const mark = marker(el);
        for (const [i, line] of text.split('\n').entries()) {
          if (line.trim() === '' && !(i === 0 && mark !== '')) continue;
          paragraphs.push(i === 0 ? `${mark}${line}` : line);
        }
      } else if (
        el.localName === 'tbl' ||
        el.localName === 'tr' ||
        el.localName === 'tc' ||
        el.localName === 'sdt' ||
        el.localName === 'sdtContent'
      ) {
        visit(el);
      }
    }
  };
  visit(body);
  return { ok: true, paragraphs };
}
