/** Chinese numerals, dates and text helpers shared by importers, documents, server and web. */

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, up to 99. */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return DIGITS[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : (DIGITS[tens] ?? '')}十${ones === 0 ? '' : (DIGITS[ones] ?? '')}`;
}

/** 一 → 1, 十 → 10, 十二 → 12, 二十一 → 21; null when the text is not a numeral below 100. */
export function fromChineseNumeral(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^[零一二两三四五六七八九十]{1,3}$/.test(text)) return null;
  const value = (ch: string): number => (ch === '两' ? 2 : DIGITS.indexOf(ch as (typeof DIGITS)[number]));
  const ten = text.indexOf('十');
  if (ten === -1) return text.length === 1 ? value(text) : null;
  if (text.indexOf('十', ten + 1) !== -1) return null;
  const before = text.slice(0, ten);
  const after = text.slice(ten + 1);
  if (before.length > 1 || after.length > 1) return null;
  const tens = before === '' ? 1 : value(before);
  const ones = after === '' ? 0 : value(after);
  if (tens <= 0 || ones < 0) return null;
  return tens * 10 + ones;
}

/** The marker of the n-th measure in an announcement: 一是, 二是 … */
export function measureMarker(n: number): string {
  return `${toChineseNumeral(n)}是`;
}

/** ISO date (YYYY-MM-DD) → 2021年7月6日, the form used in documents. */
export function formatDocumentDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

/** True when the string is a real calendar date in YYYY-MM-DD form. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

/** True for a date in the years a rectification can concern (1949–2100): no typo like 2999 reaches the ledger. */
export function isPlausibleDate(text: string): boolean {
  const year = Number(text.slice(0, 4));
  return year >= 1949 && year <= 2100;
}

/** Builds YYYY-MM-DD from parts, or null when the parts are no real date. */
export function isoDate(year: number, month: number, day: number): string | null {
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(text) ? text : null;
}

/** Whole days from date a to date b (both YYYY-MM-DD); positive when b is later. */
export function daysBetween(a: string, b: string): number {
  const ms = Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

/** Adds days to an ISO date. */
export function addDays(iso: string, days: number): string {
  const d = new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** Today's date in China (UTC+8) as YYYY-MM-DD: deadlines are Beijing dates. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
