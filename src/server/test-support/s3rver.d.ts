// s3rver (an S3-compatible server on npm, used by the object-storage tests) ships no types: what the tests use.
declare module 's3rver' {
  // eslint-disable-next-line no-restricted-syntax -- the package exports its class as the default (CommonJS)
  export default class S3rver {
    constructor(options: {
      address?: string;
      port?: number;
      silent?: boolean;
      directory: string;
      resetOnClose?: boolean;
      configureBuckets?: Array<{ name: string; configs?: Array<string | Buffer> }>;
    });
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
}
