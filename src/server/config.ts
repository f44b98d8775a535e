/** Server configuration, read once from the environment and validated with zod. */
import { z } from 'zod';
import { DEFAULT_YELLOW_DAYS } from '@shared/warning.ts';
import { auditKeyFromEnv } from './audit/audit-key.ts';
import { secretKeyFromEnv } from './channels/secret-box.ts';
import { objectStoreFromEnv } from './storage/storage-config.ts';
import { evidenceCipherFor, evidenceKeyFromEnv, type TEvidenceCipher } from './crypto/evidence-cipher.ts';
import { cryptoSuiteFromEnv, type TCryptoSuite } from './crypto/suite.ts';
import type { TObjectStoreConfig } from './storage/s3-storage.ts';

const ZFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const ZEnv = z.object({
  DATABASE_URL: z.string().min(1).default('data/zhenggai.db'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  ZHENGGAI_DEMO: ZFlag.default(true),
  ZHENGGAI_YELLOW_DAYS: z.coerce.number().int().min(0).max(365).default(DEFAULT_YELLOW_DAYS),
  ZHENGGAI_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  ZHENGGAI_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  ZHENGGAI_WEB_DIST: z.string().default('dist/web'),
  ZHENGGAI_FILES_DIR: z.string().default('data/files'),
  ZHENGGAI_EVIDENCE_MAX_MB: z.coerce.number().int().min(1).max(500).default(20),
  ZHENGGAI_PHOTO_MAX_EDGE: z.coerce.number().int().min(640).max(10_000).default(2048),
  ZHENGGAI_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
  ZHENGGAI_PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  /** Addresses (or CIDR ranges) of reverse proxies whose X-Forwarded-For is believed; empty: none. */
  ZHENGGAI_TRUSTED_PROXIES: z.string().default(''),
  ZHENGGAI_LOGIN_RATE_PER_USER_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  ZHENGGAI_AUDIT_CHECKPOINTS: z.string().default('data/audit-checkpoints.log'),
  /** How long a stopping server lets requests in flight finish before it exits. */
  ZHENGGAI_SHUTDOWN_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
  ZHENGGAI_AUDIT_CHECKPOINT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(10),
  /** Beijing hour from which the day's figures are taken (the day's work is in by then). */
  ZHENGGAI_SNAPSHOT_HOUR: z.coerce.number().int().min(0).max(23).default(22),
  ZHENGGAI_REMINDER_HOUR: z.coerce.number().int().min(0).max(23).default(8),
  ZHENGGAI_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** The validated configuration. */
export type TConfig = {
  databaseUrl: string;
  port: number;
  host: string;
  isDemo: boolean;
  yellowDays: number;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  webDist: string;
  /** Where evidence files are stored on local disk (when no object store is configured). */
  filesDir: string;
  /** The S3-compatible object store for evidence (ZHENGGAI_STORAGE=s3), or null: local disk. */
  objectStore: TObjectStoreConfig | null;
  /** ZHENGGAI_CRYPTO: standard (SHA-256) or sm (国密 SM3 for the audit chain and evidence digests, SM4 at rest). */
  cryptoSuite: TCryptoSuite;
  /** Seals and opens evidence at rest (SM4) when an evidence key is configured; null otherwise. */
  evidenceCipher: TEvidenceCipher | null;
  /** Largest evidence file. */
  evidenceMaxBytes: number;
  /** Photos whose longer edge exceeds this many pixels are scaled down in the browser before upload. */
  photoMaxEdge: number;
  /** Login attempts per minute per address and user name. */
  loginRatePerMinute: number;
  /** Login attempts per minute per user name, from all addresses together. */
  loginRatePerUserPerMinute: number;
  /** Days after which a password must be changed (0: never). */
  passwordMaxAgeDays: number;
  /** Proxies whose X-Forwarded-For header is trusted for the client address; empty trusts none. */
  trustedProxies: string[];
  /** The audit key (outside the database), or null: then the audit trail only detects accidental damage. */
  auditKey: Buffer | null;
  /** The key channel secrets are sealed with (ZHENGGAI_SECRET_KEY), or null. */
  secretKey: Buffer | null;
  /** The app's public address (ZHENGGAI_PUBLIC_URL), for links in e-mail and robot messages; null: no links. */
  publicUrl: string | null;
  /** The append-only file of keyed checkpoints, outside the database. */
  auditCheckpointFile: string;
  /** How often the server writes a checkpoint. */
  auditCheckpointMinutes: number;
  /** Seconds a stopping server waits for requests in flight. */
  shutdownSeconds: number;
  /** Beijing hour from which the scheduler takes the day's figures. */
  snapshotHour: number;
  /** The hour (Beijing time) from which the day's reminders are sent. */
  reminderHour: number;
  logLevel: z.infer<typeof ZEnv>['ZHENGGAI_LOG_LEVEL'];
};

/** Reads the configuration; throws a readable message naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): TConfig {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`环境变量配置有误：${issues}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    host: e.HOST,
    isDemo: e.ZHENGGAI_DEMO,
    yellowDays: e.ZHENGGAI_YELLOW_DAYS,
    sessionIdleMinutes: e.ZHENGGAI_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.ZHENGGAI_SESSION_MAX_HOURS,
    webDist: e.ZHENGGAI_WEB_DIST,
    loginRatePerMinute: e.ZHENGGAI_LOGIN_RATE_PER_MINUTE,
    loginRatePerUserPerMinute: e.ZHENGGAI_LOGIN_RATE_PER_USER_PER_MINUTE,
    passwordMaxAgeDays: e.ZHENGGAI_PASSWORD_MAX_AGE_DAYS,
    trustedProxies: e.ZHENGGAI_TRUSTED_PROXIES.split(',')
      .map((p) => p.trim())
      .filter((p) => p !== ''),
    filesDir: e.ZHENGGAI_FILES_DIR,
    objectStore: objectStoreFromEnv(env),
    cryptoSuite: cryptoSuiteFromEnv(env),
    evidenceCipher: evidenceCipherFor(cryptoSuiteFromEnv(env), evidenceKeyFromEnv(env)),
    evidenceMaxBytes: e.ZHENGGAI_EVIDENCE_MAX_MB * 1024 * 1024,
    photoMaxEdge: e.ZHENGGAI_PHOTO_MAX_EDGE,
    logLevel: e.ZHENGGAI_LOG_LEVEL,
    auditKey: auditKeyFromEnv(env),
    secretKey: secretKeyFromEnv(env),
    publicUrl: env.ZHENGGAI_PUBLIC_URL ? env.ZHENGGAI_PUBLIC_URL : null,
    auditCheckpointFile: e.ZHENGGAI_AUDIT_CHECKPOINTS,
    auditCheckpointMinutes: e.ZHENGGAI_AUDIT_CHECKPOINT_MINUTES,
    shutdownSeconds: e.ZHENGGAI_SHUTDOWN_SECONDS,
    snapshotHour: e.ZHENGGAI_SNAPSHOT_HOUR,
    reminderHour: e.ZHENGGAI_REMINDER_HOUR,
  };
}
