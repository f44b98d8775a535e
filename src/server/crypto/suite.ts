/**
 * The cryptographic suite (ZHENGGAI_CRYPTO): `standard` (SHA-256, the default) or `sm` (国密: SM3 for the audit chain,
 * its signatures and checkpoints and the digest recorded for each evidence file; SM4 for evidence at rest, see
 * evidence-cipher.ts). Node's crypto provides SM3 and SM4. A hash made under SM3 carries the prefix `sm3:`, so
 * `audit verify` reads a trail of either kind, or one that changed suite on the way.
 */
import { createHash, createHmac } from 'node:crypto';

export type TCryptoSuite = 'standard' | 'sm';
export type THashAlg = 'sha256' | 'sm3';

const SM3_PREFIX = 'sm3:';
let suite: TCryptoSuite = 'standard';

/** Reads ZHENGGAI_CRYPTO; a readable error for anything but standard or sm. */
export function cryptoSuiteFromEnv(env: NodeJS.ProcessEnv = process.env): TCryptoSuite {
  const value = (env.ZHENGGAI_CRYPTO ?? '').trim().toLowerCase();
  if (value === '' || value === 'standard' || value === 'sha256') return 'standard';
  if (value === 'sm' || value === 'gm' || value === 'sm3') return 'sm';
  throw new Error(
    `环境变量配置有误：ZHENGGAI_CRYPTO 应为 standard（默认，SHA-256）或 sm（国密 SM3/SM4），现为“${value}”`,
  );
}

/** Sets the suite of this process (at start-up; tests set and reset it). */
export function configureCryptoSuite(value: TCryptoSuite): void {
  suite = value;
}

/** The suite in use. */
export function cryptoSuite(): TCryptoSuite {
  return suite;
}

/** The hash algorithm new hashes are made with. */
export function currentHashAlg(): THashAlg {
  return suite === 'sm' ? 'sm3' : 'sha256';
}

/** The algorithm a stored hash was made with, from its prefix. */
export function hashAlgOf(tagged: string): THashAlg {
  return tagged.startsWith(SM3_PREFIX) ? 'sm3' : 'sha256';
}

/** A digest as stored: SHA-256 hex as before, SM3 hex with its prefix. */
export function taggedDigest(alg: THashAlg, data: string | Uint8Array): string {
  const hex = createHash(alg).update(data).digest('hex');
  return alg === 'sm3' ? `${SM3_PREFIX}${hex}` : hex;
}

/** HMAC of a text with the algorithm (HMAC-SHA256 or HMAC-SM3), hex. */
export function keyedDigest(alg: THashAlg, secret: Buffer, text: string): string {
  return createHmac(alg, secret).update(text).digest('hex');
}

/** SM3 of bytes, hex (the digest recorded for evidence under the sm suite). */
export function sm3Hex(data: Uint8Array): string {
  return createHash('sm3').update(data).digest('hex');
}
