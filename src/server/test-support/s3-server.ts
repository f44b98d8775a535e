/**
 * A real S3-compatible server for the object-storage tests: s3rver (npm), on 127.0.0.1 and a free port, its data in
 * a temporary directory, with the buckets asked for. Its access key pair is S3RVER / S3RVER.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { freePort } from './server-process.ts';

export type TS3Server = {
  endpoint: string;
  /** Environment selecting this server's bucket for the app and the CLI (ZHENGGAI_STORAGE=s3 …). */
  envFor: (bucket: string, prefix?: string) => Record<string, string>;
  close: () => Promise<void>;
};

/** Starts the server with the buckets. */
export async function startS3Server(buckets: string[]): Promise<TS3Server> {
  const directory = mkdtempSync(join(tmpdir(), 'zhenggai-s3-'));
  const port = await freePort();
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    envFor: (bucket, prefix = 'evidence/') => ({
      ZHENGGAI_STORAGE: 's3',
      ZHENGGAI_S3_ENDPOINT: endpoint,
      ZHENGGAI_S3_REGION: 'us-east-1',
      ZHENGGAI_S3_BUCKET: bucket,
      ZHENGGAI_S3_PREFIX: prefix,
      ZHENGGAI_S3_ACCESS_KEY_ID: 'S3RVER',
      ZHENGGAI_S3_SECRET_ACCESS_KEY: 'S3RVER',
    }),
    close: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
