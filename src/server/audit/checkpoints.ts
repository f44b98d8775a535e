/**
 * Keyed checkpoints of the audit chain: the head (sequence number and hash) signed with the audit key, appended as
 * one JSON line to a log file outside the database. A database writer can neither forge a line (no key) nor remove
 * what the file already says about the chain; `zhenggai audit verify` holds the chain to the last checkpoint.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { firstSignedSeq, readAuditHead } from '../repositories/audit-trail.repository.ts';
import { currentHashAlg, keyedDigest, type THashAlg } from '../crypto/suite.ts';

/**
 * One checkpoint line: the head's sequence number and hash, when, and from which entry on every entry carries its
 * own signature (`macFrom`, 0 when none does yet), all signed.
 */
export type TCheckpoint = {
  seq: number;
  hash: string;
  at: string;
  macFrom: number;
  mac: string;
  alg?: 'sm3';
};

const signed = (c: Omit<TCheckpoint, 'mac'>) =>
  `${c.alg === 'sm3' ? 'checkpoint-sm3' : 'checkpoint'}|${c.seq}|${c.hash}|${c.at}|${c.macFrom}`;
/** A line is signed with HMAC-SHA256, or HMAC-SM3 when it says `alg: "sm3"` (the 国密 suite). */
const algOf = (c: { alg?: unknown }): THashAlg => (c.alg === 'sm3' ? 'sm3' : 'sha256');

/** Appends a checkpoint of the current head; returns it (null when the chain is empty). */
export async function writeCheckpoint(
  db: Kysely<Database>,
  key: Buffer,
  file: string,
  at = new Date().toISOString(),
): Promise<TCheckpoint | null> {
  const head = await readAuditHead(db);
  if (!head) return null;
  const c: Omit<TCheckpoint, 'mac'> = {
    seq: head.last_seq,
    hash: head.last_hash,
    at,
    macFrom: (await firstSignedSeq(db)) ?? 0,
    ...(currentHashAlg() === 'sm3' ? { alg: 'sm3' as const } : {}),
  };
  const line: TCheckpoint = { ...c, mac: keyedDigest(algOf(c), key, signed(c)) };
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(line)}\n`, { mode: 0o600 });
  return line;
}

/** The checkpoints of the file whose signature holds, and how many lines did not (forged or damaged). */
export function readCheckpoints(key: Buffer, file: string): { valid: TCheckpoint[]; forged: number } {
  if (!existsSync(file)) return { valid: [], forged: 0 };
  const valid: TCheckpoint[] = [];
  let forged = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const c = JSON.parse(line) as Partial<TCheckpoint>;
      if (
        typeof c.seq === 'number' &&
        typeof c.hash === 'string' &&
        typeof c.at === 'string' &&
        typeof c.macFrom === 'number' &&
        typeof c.mac === 'string' &&
        keyedDigest(
          algOf(c),
          key,
          signed({
            seq: c.seq,
            hash: c.hash,
            at: c.at,
            macFrom: c.macFrom,
            ...(c.alg === 'sm3' ? { alg: 'sm3' } : {}),
          }),
        ) === c.mac
      )
        valid.push({
          seq: c.seq,
          hash: c.hash,
          at: c.at,
          macFrom: c.macFrom,
          mac: c.mac,
          ...(c.alg === 'sm3' ? { alg: 'sm3' as const } : {}),
        });
      else forged += 1;
    } catch {
      forged += 1;
    }
  }
  return { valid, forged };
}
