/**
 * Evidence in S3-compatible object storage (AWS S3, MinIO, Ceph RGW, 华为云 OBS, 阿里云 OSS …) on the AWS SDK v3:
 * content-addressed keys `prefix/ab/abcdef…` (the SHA-256 of the bytes), written once per content, read back and
 * checked against their name.
 */
import { createHash } from 'node:crypto';
import type * as S3 from '@aws-sdk/client-s3';
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

type TSdk = typeof S3;

/**
 * The AWS SDK, loaded when the bucket is first used rather than at start-up (it took a tenth of the server's
 * start-up, and a server with evidence on local disk never needs it).
 */
let loadingSdk: Promise<TSdk> | undefined;
const loadSdk = () => (loadingSdk ??= import('@aws-sdk/client-s3'));

const isMissing = (sdk: TSdk, error: unknown) =>
  error instanceof sdk.S3ServiceException &&
  (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404);

/** The evidence store on a bucket; objects sealed by `cipher` when one is given (SM4 under the 国密 suite). */
export function s3Storage(c: TObjectStoreConfig, cipher?: TEvidenceCipher): TFileStorage {
  let connecting: Promise<{ sdk: TSdk; client: S3.S3Client }> | undefined;
  /** The SDK and one client for the bucket, made on first use. */
  const connect = () =>
    (connecting ??= loadSdk().then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        region: c.region,
        forcePathStyle: c.forcePathStyle,
        ...(c.endpoint ? { endpoint: c.endpoint } : {}),
        ...(c.credentials ? { credentials: c.credentials } : {}),
        // Checksums only where the API requires them: many self-hosted services do not take the SDK's default
        // streaming checksums; integrity is checked end to end by the content address instead.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    })));
  const keyOf = (sha: string) => `${c.prefix}${sha.slice(0, 2)}/${sha}`;
  const exists = async (key: string) => {
    const { sdk, client } = await connect();
    try {
      await client.send(new sdk.HeadObjectCommand({ Bucket: c.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isMissing(sdk, error)) return false;
      throw error;
    }
  };
  return {
    description: `对象存储 ${c.endpoint ?? 'AWS S3'} 存储桶 ${c.bucket}${c.prefix ? `（前缀 ${c.prefix}）` : ''}`,
    put: async (bytes) => {
      const sha = createHash('sha256').update(bytes).digest('hex');
      const key = keyOf(sha);
      if (!(await exists(key))) {
        const { sdk, client } = await connect();
        const stored = cipher ? cipher.seal(bytes) : bytes;
        await client.send(
          new sdk.PutObjectCommand({
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
      const { sdk, client } = await connect();
      try {
        const answer = await client.send(new sdk.GetObjectCommand({ Bucket: c.bucket, Key: keyOf(sha) }));
        if (!answer.Body) return null;
        const raw = await answer.Body.transformToByteArray();
        const bytes = cipher ? cipher.open(raw) : raw;
        // A damaged object is not handed out as evidence.
        if (createHash('sha256').update(bytes).digest('hex') !== sha)
          throw new Error(`对象存储中的佐证文件已损坏：${sha}`);
        return bytes;
      } catch (error) {
        if (isMissing(sdk, error)) return null;
        throw error;
      }
    },
    checkWritable: async () => {
      const { sdk, client } = await connect();
      const key = `${c.prefix}.ready-${process.pid}-${Date.now()}`;
      await client.send(new sdk.PutObjectCommand({ Bucket: c.bucket, Key: key, Body: 'ok' }));
      await client.send(new sdk.DeleteObjectCommand({ Bucket: c.bucket, Key: key }));
    },
    list: async function* () {
      const { sdk, client } = await connect();
      let token: string | undefined;
      do {
        const page = await client.send(
          new sdk.ListObjectsV2Command({ Bucket: c.bucket, Prefix: c.prefix, ContinuationToken: token }),
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
