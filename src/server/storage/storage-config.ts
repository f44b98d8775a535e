/**
 * Which evidence store the server and the CLI use: local disk (ZHENGGAI_FILES_DIR, the default) or S3-compatible
 * object storage (ZHENGGAI_STORAGE=s3 with ZHENGGAI_S3_*). One reading for both, so they never disagree.
 */
import { z } from 'zod';
import { evidenceCipherFor, evidenceKeyFromEnv, type TEvidenceCipher } from '../crypto/evidence-cipher.ts';
import { cryptoSuiteFromEnv } from '../crypto/suite.ts';
import { AppError } from '../errors.ts';
import { localDiskStorage, type TFileStorage } from './file-storage.ts';
import { s3Storage, type TObjectStoreConfig } from './s3-storage.ts';

const ZStorageEnv = z.object({
  ZHENGGAI_STORAGE: z.enum(['local', 's3'], { message: '应为 local 或 s3' }).default('local'),
  ZHENGGAI_S3_ENDPOINT: z.string().default(''),
  ZHENGGAI_S3_REGION: z.string().min(1).default('us-east-1'),
  ZHENGGAI_S3_BUCKET: z.string().default(''),
  ZHENGGAI_S3_PREFIX: z.string().default('evidence/'),
  ZHENGGAI_S3_ACCESS_KEY_ID: z.string().default(''),
  ZHENGGAI_S3_SECRET_ACCESS_KEY: z.string().default(''),
  ZHENGGAI_S3_FORCE_PATH_STYLE: z.enum(['true', 'false', '1', '0', '']).default('true'),
});

/** The object store's settings when ZHENGGAI_STORAGE=s3, else null; a readable error naming what is missing. */
export function objectStoreFromEnv(env: NodeJS.ProcessEnv = process.env): TObjectStoreConfig | null {
  const parsed = ZStorageEnv.safeParse(env);
  if (!parsed.success)
    throw new Error(
      `环境变量配置有误：${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const e = parsed.data;
  if (e.ZHENGGAI_STORAGE === 'local') return null;
  if (e.ZHENGGAI_S3_BUCKET === '')
    throw new Error('环境变量配置有误：ZHENGGAI_STORAGE=s3 时须设置 ZHENGGAI_S3_BUCKET');
  if (e.ZHENGGAI_S3_ENDPOINT !== '' && !/^https?:\/\/[^\s/]+/.test(e.ZHENGGAI_S3_ENDPOINT))
    throw new Error('环境变量配置有误：ZHENGGAI_S3_ENDPOINT 应为 http:// 或 https:// 开头的地址');
  if ((e.ZHENGGAI_S3_ACCESS_KEY_ID === '') !== (e.ZHENGGAI_S3_SECRET_ACCESS_KEY === ''))
    throw new Error(
      '环境变量配置有误：ZHENGGAI_S3_ACCESS_KEY_ID 与 ZHENGGAI_S3_SECRET_ACCESS_KEY 须同时设置',
    );
  return {
    endpoint: e.ZHENGGAI_S3_ENDPOINT || null,
    region: e.ZHENGGAI_S3_REGION,
    bucket: e.ZHENGGAI_S3_BUCKET,
    prefix:
      e.ZHENGGAI_S3_PREFIX === '' || e.ZHENGGAI_S3_PREFIX.endsWith('/')
        ? e.ZHENGGAI_S3_PREFIX
        : `${e.ZHENGGAI_S3_PREFIX}/`,
    credentials:
      e.ZHENGGAI_S3_ACCESS_KEY_ID === ''
        ? null
        : { accessKeyId: e.ZHENGGAI_S3_ACCESS_KEY_ID, secretAccessKey: e.ZHENGGAI_S3_SECRET_ACCESS_KEY },
    forcePathStyle: e.ZHENGGAI_S3_FORCE_PATH_STYLE !== 'false' && e.ZHENGGAI_S3_FORCE_PATH_STYLE !== '0',
  };
}

/** The configured store: the bucket when one is configured, else the directory. */
export function storageFrom(c: {
  filesDir: string;
  objectStore: TObjectStoreConfig | null;
  evidenceCipher?: TEvidenceCipher | null;
}): TFileStorage {
  const cipher = c.evidenceCipher ?? undefined;
  return c.objectStore ? s3Storage(c.objectStore, cipher) : localDiskStorage(c.filesDir, cipher);
}

/** The CLI's store: `--files DIR` when given, else the same as the server's (object store or ZHENGGAI_FILES_DIR). */
export function storageFromEnv(filesDir?: string, env: NodeJS.ProcessEnv = process.env): TFileStorage {
  let evidenceCipher: TEvidenceCipher | null;
  try {
    evidenceCipher = evidenceCipherFor(cryptoSuiteFromEnv(env), evidenceKeyFromEnv(env));
  } catch (error) {
    // A configuration the operator must fix: bad input (CLI exit 2), not a failure of the command.
    throw new AppError('UNPROCESSABLE', error instanceof Error ? error.message : String(error));
  }
  if (filesDir !== undefined) return localDiskStorage(filesDir, evidenceCipher ?? undefined);
  return storageFrom({
    filesDir: env.ZHENGGAI_FILES_DIR || 'data/files',
    objectStore: objectStoreFromEnv(env),
    evidenceCipher,
  });
}
