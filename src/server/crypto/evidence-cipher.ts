/**
 * Evidence encrypted at rest with SM4 under the 国密 suite (ZHENGGAI_CRYPTO=sm): each stored file is
 * `ZGSM4\x01 | IV (16) | SM4-CTR ciphertext | HMAC-SM3 (32)` (encrypt-then-MAC), with the two keys derived from
 * ZHENGGAI_EVIDENCE_KEY(_FILE) by HKDF-SM3. Files stored before the suite was switched on stay readable as they are.
 * The content address stays the SHA-256 of the plain bytes, so nothing that names a file changes.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { readFileSync } from 'node:fs';

export type TEvidenceCipher = {
  /** The bytes to store for the plain file. */
  seal: (plain: Uint8Array) => Uint8Array;
  /** The plain file from stored bytes; throws when they were altered. */
  open: (stored: Uint8Array) => Uint8Array;
};

const MAGIC = Buffer.from('ZGSM4\u0001', 'latin1');
const IV = 16;
const MAC = 32;
const MIN_KEY_CHARS = 32;

/** The evidence key from ZHENGGAI_EVIDENCE_KEY or the file named by ZHENGGAI_EVIDENCE_KEY_FILE; null when neither. */
export function evidenceKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Buffer | null {
  const file = env.ZHENGGAI_EVIDENCE_KEY_FILE;
  const text = file ? readFileSync(file, 'utf8').trim() : (env.ZHENGGAI_EVIDENCE_KEY ?? '');
  if (text === '') return null;
  if (text.length < MIN_KEY_CHARS)
    throw new Error(`佐证加密密钥过短：ZHENGGAI_EVIDENCE_KEY(_FILE) 至少 ${MIN_KEY_CHARS} 个字符`);
  return Buffer.from(text, 'utf8');
}

/**
 * The evidence cipher of the configuration: with an evidence key, files are opened (sealed ones decrypted, older
 * plain ones as they are) and, under the sm suite, new files are sealed; null without a key. Required under sm.
 */
export function evidenceCipherFor(suite: 'standard' | 'sm', key: Buffer | null): TEvidenceCipher | null {
  if (key === null) {
    if (suite === 'sm')
      throw new Error(
        '环境变量配置有误：ZHENGGAI_CRYPTO=sm 时须设置 ZHENGGAI_EVIDENCE_KEY 或 ZHENGGAI_EVIDENCE_KEY_FILE（SM4 加密佐证材料）',
      );
    return null;
  }
  const sm4 = sm4EvidenceCipher(key);
  return suite === 'sm' ? sm4 : { seal: (plain) => plain, open: sm4.open };
}

/** The SM4 cipher of evidence under the key. */
export function sm4EvidenceCipher(secret: Buffer): TEvidenceCipher {
  const keys = Buffer.from(hkdfSync('sm3', secret, 'zhenggai-evidence', 'sm4-ctr+hmac-sm3', 16 + 32));
  const encKey = keys.subarray(0, 16);
  const macKey = keys.subarray(16);
  const macOf = (iv: Uint8Array, ciphertext: Uint8Array) =>
    createHmac('sm3', macKey).update(MAGIC).update(iv).update(ciphertext).digest();
  return {
    seal: (plain) => {
      const iv = randomBytes(IV);
      const cipher = createCipheriv('sm4-ctr', encKey, iv);
      const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([MAGIC, iv, ciphertext, macOf(iv, ciphertext)]);
    },
    open: (stored) => {
      const bytes = Buffer.from(stored);
      if (bytes.length < MAGIC.length || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return stored;
      if (bytes.length < MAGIC.length + IV + MAC) throw new Error('佐证文件密文不完整');
      const iv = bytes.subarray(MAGIC.length, MAGIC.length + IV);
      const ciphertext = bytes.subarray(MAGIC.length + IV, bytes.length - MAC);
      const mac = bytes.subarray(bytes.length - MAC);
      if (!timingSafeEqual(mac, macOf(iv, ciphertext)))
        throw new Error('佐证文件密文校验失败（被改动或密钥不符）');
      const decipher = createDecipheriv('sm4-ctr', encKey, iv);
      return new Uint8Array(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
    },
  };
}
