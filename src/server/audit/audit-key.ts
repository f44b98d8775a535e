/**
 * The audit key: a secret kept outside the database (environment or key file). With it every audit entry carries
 * an HMAC of its hash, and checkpoints of the chain head are signed, so someone who can write to the database but
 * does not hold the key cannot rewrite, append to or cut the trail unnoticed. Without it, the hash chain only
 * detects accidental damage.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

let key: Buffer | null = null;

/** The smallest key accepted: 32 bytes of secret, written as at least 32 characters. */
export const MIN_KEY_CHARS = 32;

/** Reads the key from ZHENGGAI_AUDIT_KEY or the file named by ZHENGGAI_AUDIT_KEY_FILE; null when neither is set. */
export function auditKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Buffer | null {
  const file = env.ZHENGGAI_AUDIT_KEY_FILE;
  const text = env.ZHENGGAI_AUDIT_KEY || (file ? readFileSync(file, 'utf8').trim() : '');
  if (text === '') return null;
  if (text.length < MIN_KEY_CHARS)
    throw new Error(`审计密钥过短：ZHENGGAI_AUDIT_KEY(_FILE) 至少 ${MIN_KEY_CHARS} 个字符`);
  return Buffer.from(text, 'utf8');
}

/** Sets the key used by this process (at start-up; tests set and clear it). */
export function configureAuditKey(value: Buffer | null): void {
  key = value;
}

/** The key in use, or null. */
export function auditKey(): Buffer | null {
  return key;
}

/** HMAC-SHA256 of a text with the given key, hex. */
export function hmac(secret: Buffer, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex');
}
