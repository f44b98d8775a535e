/** Field builders every API schema uses, and zod's messages in Simplified Chinese. */
import { z } from 'zod';

// Zod's own messages in Simplified Chinese, for whatever our schemas do not word themselves.
z.config(z.locales.zhCN());

/** Trimmed text with a Chinese label and a length limit. */
export const text = (label: string, max: number) =>
  z
    .string({ message: `${label}应为文字` })
    .trim()
    .max(max, { message: `${label}不能超过 ${max} 个字` });

/** Optional text: null when not sent. */
export const optionalText = (label: string, max: number) => text(label, max).nullable().default(null);

/** An empty query-string value (`state=`) means the parameter is not given. */
export const missingIfBlank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A page number of a list: 1 unless given, refused in Chinese when it is not a page number. */
export const pageNumber = () =>
  z.preprocess(
    missingIfBlank,
    z.coerce
      .number({ message: '页码有误' })
      .int({ message: '页码有误' })
      .min(1, { message: '页码有误' })
      .max(100_000, { message: '页码有误' })
      .default(1),
  );

/** How many rows a page holds: `byDefault` unless given, at most `max` of what is `counted` (每页最多 200 条). */
export const pageSizeUpTo = (max: number, byDefault: number, counted = '条') =>
  z.preprocess(
    missingIfBlank,
    z.coerce
      .number({ message: '每页条数有误' })
      .int({ message: '每页条数有误' })
      .min(1, { message: '每页条数有误' })
      .max(max, { message: `每页最多 ${max} ${counted}` })
      .default(byDefault),
  );

/** The largest id a table holds (PostgreSQL's `integer`): a larger number names nothing and is refused, not sent. */
export const MAX_ID = 2_147_483_647;

/** Whether `text` is an id as written in an address (digits, no leading zero, within `MAX_ID`). */
export const isIdText = (text: string): boolean => /^[1-9]\d{0,9}$/.test(text) && Number(text) <= MAX_ID;

/** An optional id in a query string (`unit=12`), refused in Chinese when it is not one. */
export const optionalId = (label: string) =>
  z.preprocess(
    missingIfBlank,
    z.coerce
      .number({ message: `${label}编号有误` })
      .int({ message: `${label}编号有误` })
      .positive({ message: `${label}编号有误` })
      .max(MAX_ID, { message: `${label}编号有误` })
      .optional(),
  );
