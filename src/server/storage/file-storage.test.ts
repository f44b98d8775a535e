/**
 * The evidence store's contract, the same for local disk and for S3-compatible object storage (a real s3rver on
 * 127.0.0.1): content-addressed put (once per content), get, missing → null, list in order, writable check, and a
 * damaged object never handed out as evidence.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type TS3Server } from '../test-support/s3-server.ts';
import { localDiskStorage, type TFileStorage } from './file-storage.ts';
import { objectStoreFromEnv, storageFrom } from './storage-config.ts';

let s3: TS3Server;
const dir = mkdtempSync(join(tmpdir(), 'zhenggai-store-'));
beforeAll(async () => {
  s3 = await startS3Server(['evidence']);
});
afterAll(async () => {
  await s3.close();
  rmSync(dir, { recursive: true, force: true });
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const stores: Array<[string, () => TFileStorage]> = [
  ['local disk', () => localDiskStorage(join(dir, 'files'))],
  [
    'S3 (s3rver)',
    () => storageFrom({ filesDir: 'unused', objectStore: objectStoreFromEnv(s3.envFor('evidence')) }),
  ],
];

describe.each(stores)('evidence store on %s', (_name, make) => {
  it('stores by content, reads back, lists in order and answers null for what it does not hold', async () => {
    const store = make();
    await store.checkWritable();
    const a = new TextEncoder().encode('%PDF-1.4 第一份佐证');
    const b = new Uint8Array(300_000).map((_, i) => i % 251);
    expect(await store.put(a)).toBe(sha(a));
    expect(await store.put(a)).toBe(sha(a)); // once per content
    expect(await store.put(b)).toBe(sha(b));
    expect(await store.get(sha(a))).toEqual(a);
    expect(await store.get(sha(b))).toEqual(b);
    expect(await store.get('0'.repeat(64))).toBeNull();
    expect(await store.get('../../etc/passwd')).toBeNull();
    const listed: string[] = [];
    for await (const s of store.list()) listed.push(s);
    expect(listed).toEqual([sha(a), sha(b)].sort());
    expect(store.description).toMatch(/目录|对象存储/);
  });
});

describe('the object store', () => {
  it('never hands out an object whose bytes no longer match its address', async () => {
    const env = s3.envFor('evidence', 'damaged/');
    const store = storageFrom({ filesDir: 'unused', objectStore: objectStoreFromEnv(env) });
    const bytes = new TextEncoder().encode('原件');
    const address = await store.put(bytes);
    const client = new S3Client({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    await client.send(
      new PutObjectCommand({
        Bucket: 'evidence',
        Key: `damaged/${address.slice(0, 2)}/${address}`,
        Body: '篡改',
      }),
    );
    await expect(store.get(address)).rejects.toThrow('已损坏');
  });

  it('is refused with a clear message when misconfigured or unreachable', async () => {
    expect(() => objectStoreFromEnv({ ZHENGGAI_STORAGE: 's3' })).toThrow('ZHENGGAI_S3_BUCKET');
    expect(() => objectStoreFromEnv({ ZHENGGAI_STORAGE: 'ftp' })).toThrow('ZHENGGAI_STORAGE');
    expect(() =>
      objectStoreFromEnv({ ZHENGGAI_STORAGE: 's3', ZHENGGAI_S3_BUCKET: 'b', ZHENGGAI_S3_ACCESS_KEY_ID: 'x' }),
    ).toThrow('同时设置');
    expect(objectStoreFromEnv({})).toBeNull();
    const wrongBucket = storageFrom({
      filesDir: 'unused',
      objectStore: objectStoreFromEnv(s3.envFor('no-such-bucket')),
    });
    await expect(wrongBucket.checkWritable()).rejects.toThrow();
  });
});
