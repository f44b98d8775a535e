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
