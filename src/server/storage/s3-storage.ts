/**
 * Evidence in S3-compatible object storage (AWS S3, MinIO, Ceph RGW, 华为云 OBS, 阿里云 OSS …) on the AWS SDK v3:
 * content-addressed keys `prefix/ab/abcdef…` (the SHA-256 of the bytes), written once per content, read back and
 * checked against their name.
 */
import { createHash } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { TEvidenceCipher } from '../crypto/evidence-cipher.ts';
import type { TFileStorage } from './file-storage.ts';

/** Where and how to reach the bucket (ZHENGGAI_S3_* variables). */
export type TObjectStoreConfig = {
  /** The service's address; empty for AWS itself. */
  endpoint: string | null;
  region: string;
  bucket: string;
  /** Key prefix inside the bucket, e.g. `evidence/`. */
  prefix: string;
  /** Static credentials; null: the SDK's usual sources (environment, profile, instance role). */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
  /** Path-style addresses (`endpoint/bucket/key`), as most self-hosted services need. */
  forcePathStyle: boolean;
};

const SHA = /^[0-9a-f]{64}$/;

const isMissing = (error: unknown) =>
  error instanceof S3ServiceException &&
  (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404);

/** The evidence store on a bucket; objects sealed by `cipher` when one is given (SM4 under the 国密 suite). */
export function s3Storage(c: TObjectStoreConfig, cipher?: TEvidenceCipher): TFileStorage {
  const client = new S3Client({
    region: c.region,
    forcePathStyle: c.forcePathStyle,
    ...(c.endpoint ? { endpoint: c.endpoint } : {}),
    ...(c.credentials ? { credentials: c.credentials } : {}),
    // Checksums only where the API requires them: many self-hosted services do not take the SDK's default
    // streaming checksums; integrity is checked end to end by the content address instead.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const keyOf = (sha: string) => `${c.prefix}${sha.slice(0, 2)}/${sha}`;
  const exists = async (key: string) => {
    try {
      await client.send(new HeadObjectCommand({ Bucket: c.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  };
  return {
    description: `对象存储 ${c.endpoint ?? 'AWS S3'} 存储桶 ${c.bucket}${c.prefix ? `（前缀 ${c.prefix}）` : ''}`,
    put: async (bytes) => {
      const sha = createHash('sha256').update(bytes).digest('hex');
      const key = keyOf(sha);
      if (!(await exists(key))) {
        const stored = cipher ? cipher.seal(bytes) : bytes;
        await client.send(
          new PutObjectCommand({
            Bucket: c.bucket,
            Key: key,
            Body: stored,
            ContentLength: stored.length,
            ContentType: 'application/octet-stream',
          }),
        );
      }
      return sha;
    },
    get: async (sha) => {
      if (!SHA.test(sha)) return null;
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: c.bucket, Key: keyOf(sha) }));
        if (!answer.Body) return null;
        const raw = await answer.Body.transformToByteArray();
        const bytes = cipher ? cipher.open(raw) : raw;
        // A damaged object is not handed out as evidence.
        if (createHash('sha256').update(bytes).digest('hex') !== sha)
          throw new Error(`对象存储中的佐证文件已损坏：${sha}`);
        return bytes;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    checkWritable: async () => {
      const key = `${c.prefix}.ready-${process.pid}-${Date.now()}`;
      await client.send(new PutObjectCommand({ Bucket: c.bucket, Key: key, Body: 'ok' }));
      await client.send(new DeleteObjectCommand({ Bucket: c.bucket, Key: key }));
    },
    list: async function* () {
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: c.bucket, Prefix: c.prefix, ContinuationToken: token }),
        );
        for (const o of page.Contents ?? []) {
          const name = o.Key?.slice(c.prefix.length) ?? '';
          if (/^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(name) && name.slice(3, 5) === name.slice(0, 2))
            yield name.slice(3);
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
  };
}
