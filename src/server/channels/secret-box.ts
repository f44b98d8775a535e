/**
 * Channel secrets at rest: AES-256-GCM under a key derived from ZHENGGAI_SECRET_KEY (kept outside the database, like
 * the audit key). Without that key no secret can be stored from the UI; they can still come from the environment.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

let key: Buffer | null = null;

/** The smallest key accepted, in characters. */
export const MIN_SECRET_KEY_CHARS = 32;

/** Reads ZHENGGAI_SECRET_KEY; null when unset. */
export function secretKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Buffer | null {
  const text = env.ZHENGGAI_SECRET_KEY ?? '';
  if (text === '') return null;
  if (text.length < MIN_SECRET_KEY_CHARS)
    throw new Error(`密钥过短：ZHENGGAI_SECRET_KEY 至少 ${MIN_SECRET_KEY_CHARS} 个字符`);
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Sets the key of this process (at start-up; tests set and clear it). */
export function configureSecretKey(value: Buffer | null): void {
  key = value;
}

/** Whether secrets can be stored. */
export function canStoreSecrets(): boolean {
  return key !== null;
}

/** Encrypts a JSON value: `v1.<iv>.<tag>.<data>` in base64url. */
export function seal(value: unknown): string {
  if (key === null) throw new Error('no secret key');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** Decrypts what `seal` wrote; null without the key or when it does not open (another key, damaged). */
export function open(sealed: string): unknown {
  if (key === null) return null;
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !data) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const text = Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
