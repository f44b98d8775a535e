/** Evidence storage behind one interface, content-addressed by SHA-256: local disk (default) or S3 (s3-storage.ts). */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TEvidenceCipher } from '../crypto/evidence-cipher.ts';

/** Where evidence bytes live. */
export type TFileStorage = {
  /** Where the files are, in words for messages (a directory, a bucket). */
  description: string;
  /** Stores the bytes (once per content) and returns their SHA-256. */
  put: (bytes: Uint8Array) => Promise<string>;
  /** The bytes of a stored file, or null when missing. */
  get: (sha256: string) => Promise<Uint8Array | null>;
  /** Throws when new files cannot be written now (readiness check): writes and removes a probe. */
  checkWritable: () => Promise<void>;
  /** Every stored file's SHA-256, in ascending order (backup, and the emptiness check of a restore). */
  list: () => AsyncIterable<string>;
};

/**
 * Files under `root/ab/abcdef…`, written atomically (temp file + rename); sealed by `cipher` when one is given (SM4
 * under the 国密 suite), the name staying the SHA-256 of the plain bytes.
 */
export function localDiskStorage(root: string, cipher?: TEvidenceCipher): TFileStorage {
  const pathOf = (sha: string) => join(root, sha.slice(0, 2), sha);
  return {
    description: `目录 ${root}`,
    list: async function* () {
      const names = async (dir: string, pattern: RegExp) =>
        (await readdir(dir).catch(() => [] as string[])).filter((n) => pattern.test(n)).sort();
      for (const dir of await names(root, /^[0-9a-f]{2}$/))
        for (const name of await names(join(root, dir), /^[0-9a-f]{64}$/))
          if (name.startsWith(dir)) yield name;
    },
    put: async (bytes) => {
      const sha = createHash('sha256').update(bytes).digest('hex');
      const path = pathOf(sha);
      try {
        await stat(path);
        return sha;
      } catch {
        await mkdir(join(root, sha.slice(0, 2)), { recursive: true });
        // Unique per write: two uploads of the same content at once never share a temporary file.
        const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
        // On disk before it is named: a power cut never leaves a named file with missing bytes.
        const handle = await open(tmp, 'w');
        try {
          await handle.writeFile(cipher ? cipher.seal(bytes) : bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(tmp, path);
        return sha;
      }
    },
    checkWritable: async () => {
      await mkdir(root, { recursive: true });
      const probe = join(root, `.ready-${process.pid}-${Date.now()}.tmp`);
      await writeFile(probe, 'ok');
      await unlink(probe);
    },
    get: async (sha) => {
      if (!/^[0-9a-f]{64}$/.test(sha)) return null;
      let stored: Uint8Array;
      try {
        stored = new Uint8Array(await readFile(pathOf(sha)));
      } catch {
        return null;
      }
      if (!cipher) return stored;
      // Sealed: opened (the MAC checks the stored bytes) and held to its name.
      const plain = cipher.open(stored);
      if (createHash('sha256').update(plain).digest('hex') !== sha) throw new Error(`佐证文件已损坏：${sha}`);
      return plain;
    },
  };
}
