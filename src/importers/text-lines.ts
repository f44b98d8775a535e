/** Turning raw bytes and text into clean paragraphs: decoding, NFKC, page chrome removal. */

/** Why a text could not be read at all. */
export type TUnreadable = { ok: false; error: string };

/** Decodes file bytes as UTF-8, falling back to GB18030 (common for Chinese .txt files). */
export function decodeText(bytes: Uint8Array): { ok: true; text: string } | TUnreadable {
  if (bytes.length === 0) return { ok: false, error: '文件为空' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    try {
      return { ok: true, text: new TextDecoder('gb18030', { fatal: true }).decode(bytes) };
    } catch {
      return {
        ok: false,
        error: '文件不是可识别的文本（既不是 UTF-8 也不是 GB18030 编码），请另存为 .txt 或 .docx 后重试',
      };
    }
  }
}

/** Rejects input that is not human text: control bytes, replacement characters, nothing Chinese or Latin. */
export function checkReadable(text: string): TUnreadable | null {
  if (text.trim() === '') return { ok: false, error: '文件为空，没有可导入的文字' };
  let control = 0;
  let replacement = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code === 0xfffd) replacement += 1;
    else if (code < 32 && ch !== '\n' && ch !== '\r' && ch !== '\t') control += 1;
  }
  const length = text.length;
  if (control > 0 && control / length > 0.01) {
    return {
      ok: false,
      error: '文件内容包含大量控制字符，看起来不是文本文件（如为 Word 文件请以 .docx 导入）',
    };
  }
  if (replacement / length > 0.05)
    return { ok: false, error: '文件内容包含大量无法识别的字符，请检查文件编码' };
  return null;
}

/** NFKC-normalises (full-width punctuation and digits to half-width), drops zero-width characters. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200b-\u200d\ufeff\u00ad]/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\u00a0\u3000]/g, ' ');
}

const CHROME_FIELD =
  /^(来源|信息来源|文章来源|发布时间|发表时间|发布日期|时间|日期|字体大小|字号大小|页面|栏目|所属栏目|当前栏目|更新时间|浏览量|浏览次数|阅读|阅读次数|点击数|点击|分享|分享到|字号|字体|打印|关闭|责任编辑|编辑|作者|审核|索引号|文件名称|发布机构|成文日期|发文字号|发文机关|主题分类|公开方式|公开时限|公开范围|有效性|主题词|文号|生成日期|组配分类|信息索引|体裁分类|主题|所属机构)\s*[:：]/;
const BREADCRUMB_START = /^(首页|网站首页|当前位置|您现在的位置|您的位置|当前的位置)/;
const CHROME_BUTTONS =
  /^(?:[【[]?(?:打印本页|关闭窗口|返回顶部|打印|关闭|收藏|字号|分享|大|中|小)[】\]]?\s*)+$/;

/** A list bullet some sites put before the fields of their information-disclosure block. */
const BULLET = /^[•·▪●◆*-]\s*/;
/** A field label of the information-disclosure block standing alone, its value on the next line. */
const DISCLOSURE_LABEL =
  /^(索引号|文件名称|发布机构|成文日期|发文字号|发文机关|发布日期|主题分类|公开方式|公开时限|公开范围|有效性|生成日期|组配分类|体裁分类|所属机构|信息索引|文号|主题词|标题|名称)\s*[:：]?\s*$/;
/** Promotion lines of WeChat reposts. */
const PROMOTION =
  /(?:长按|扫码|扫描|识别).{0,10}(?:二维码|关注)|点击.{0,6}(?:蓝字|关注)|关注.{0,10}(?:公众号|微信号)|分享到朋友圈|欢迎转发|点个?在看/;
/** An index number or a bare numeric date of the page (values of an unlabelled disclosure block). */
const BARE_VALUE =
  /^(?:[0-9A-Za-z]{2,}[-/][0-9A-Za-z/-]{4,}|\d{4}[-./]\d{1,2}[-./]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)$/;

/** True for lines that are web-page furniture rather than document text. */
export function isChromeLine(raw: string): boolean {
  const line = raw.replace(BULLET, '');
  if (CHROME_FIELD.test(line)) return true;
  if (/^(?:https?:\/\/|www\.)\S+$/i.test(line)) return true;
  if (/^【[^】]{1,20}】$/.test(line)) return true;
  if (line.length <= 60 && !line.includes('。') && PROMOTION.test(line)) return true;
  if (BARE_VALUE.test(line)) return true;
  if (
    /(来源|发布时间|浏览|阅读|点击)\s*[:：]/.test(line) &&
    /(发布时间|发布日期|浏览|阅读|点击)\s*[:：]/.test(line) &&
    !line.includes('。')
  ) {
    return true;
  }
  if (BREADCRUMB_START.test(line) && !line.includes('。')) return true;
  if (
    !line.includes('。') &&
    line.length <= 120 &&
    /\s*(>|»|›|>>)\s*/.test(line) &&
    line.split(/>|»|›/).length >= 3
  )
    return true;
  if (CHROME_BUTTONS.test(line)) return true;
  if (/^(分享到|扫一扫|微信扫一扫|【?字体[:：])/.test(line)) return true;
  return false;
}

/** The date a page says it was published (发布时间/发表时间/发布日期/成文日期/日期/时间), if any. */
export function publishedDateOf(line: string): string | null {
  const m =
    /(发布时间|发表时间|发布日期|成文日期|日期|时间)\s*[:：]\s*(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})/.exec(
      line,
    );
  if (!m) return null;
  return `${m[2]}-${String(m[3]).padStart(2, '0')}-${String(m[4]).padStart(2, '0')}`;
}

/**
 * Splits normalised text into trimmed, non-empty paragraphs, separating page chrome from content. A disclosure label
 * standing alone takes its value from the next line (both are chrome; the 文件名称 value is returned as the
 * document's name, a date value as `名称：值` chrome for the publication date); a 【tag】 before the title is dropped;
 * a paragraph repeating the one before (a title printed twice) is dropped.
 */
export function splitParagraphs(text: string): {
  paragraphs: string[];
  /** The line of the text (1, 2, …) each paragraph came from, for warnings that name it. */
  lineNumbers: number[];
  chrome: string[];
  documentName: string | null;
} {
  const paragraphs: string[] = [];
  const lineNumbers: number[] = [];
  let lineNumber = 0;
  const chrome: string[] = [];
  let documentName: string | null = null;
  let pendingLabel: string | null = null;
  for (const raw of text.split('\n')) {
    lineNumber += 1;
    const line = raw.replace(/\s+/g, ' ').trim();
    if (line === '') continue;
    if (pendingLabel !== null) {
      const value = line.replace(BULLET, '');
      chrome.push(`${pendingLabel}:${value}`);
      if (pendingLabel === '文件名称' || pendingLabel === '标题' || pendingLabel === '名称')
        documentName = value;
      pendingLabel = null;
      continue;
    }
    const label = DISCLOSURE_LABEL.exec(line.replace(BULLET, ''));
    if (label) {
      pendingLabel = label[1] ?? null;
      chrome.push(line);
      continue;
    }
    const named = /^(?:文件名称|标题)\s*[:：]\s*(.+)$/.exec(line.replace(BULLET, ''));
    if (named?.[1]) documentName = named[1].trim();
    if (isChromeLine(line)) {
      chrome.push(line);
      continue;
    }
    const content = paragraphs.length === 0 ? line.replace(/^【[^】]{1,20}】\s*/, '') : line;
    if (content === paragraphs.at(-1)) continue;
    paragraphs.push(content);
    lineNumbers.push(lineNumber);
  }
  return { paragraphs, lineNumbers, chrome, documentName };
}
