/** The audit hash chain: how an entry's hash is computed, and how the whole chain is verified. */
import type { Kysely } from 'kysely';
import type { AuditEventRow, Database } from '../db/schema.ts';
import {
  auditEventsPage,
  countAuditEvents,
  firstSignedSeq,
  holdsBusinessData,
  readAuditHead,
} from '../repositories/audit-trail.repository.ts';
import { currentHashAlg, hashAlgOf, keyedDigest, taggedDigest, type THashAlg } from '../crypto/suite.ts';
import { auditKey } from './audit-key.ts';
import { readCheckpoints, type TCheckpoint } from './checkpoints.ts';

/** The prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an entry that its hash covers. */
export type TChainedFields = Pick<
  AuditEventRow,
  | 'seq'
  | 'at'
  | 'actor_id'
  | 'actor_label'
  | 'ip'
  | 'kind'
  | 'object_type'
  | 'object_id'
  | 'unit_id'
  | 'before_json'
  | 'after_json'
>;

/**
 * The hash over the entry's content and the previous hash: SHA-256, or SM3 (`sm3:…`) under the 国密 suite; `alg`
 * defaults to the suite in use (verification passes the entry's own).
 */
export function entryHash(e: TChainedFields, prevHash: string, alg: THashAlg = currentHashAlg()): string {
  const content = [
    e.seq,
    e.at,
    e.actor_id,
    e.actor_label,
    e.ip,
    e.kind,
    e.object_type,
    e.object_id,
    e.unit_id,
    e.before_json,
    e.after_json,
    prevHash,
  ];
  return taggedDigest(alg, JSON.stringify(content));
}

/** The signature of an entry with the configured audit key (HMAC with the entry's algorithm), or null without a key. */
export function entryMac(hash: string, key: Buffer | null = auditKey()): string | null {
  return key === null ? null : keyedDigest(hashAlgOf(hash), key, `entry|${hash}`);
}

/** The verdict of `verifyAuditChain`; `guarantee` says in Chinese what an intact result proves. */
export type TChainVerdict =
  | { ok: true; entries: number; guarantee: string }
  | { ok: false; entries: number; brokenAt: { id: number | null; seq: number }; reason: string };

/** Entries read at a time while verifying. */
const VERIFY_PAGE = 2000;

/** What the verification may use beyond the database. */
export type TVerifyOptions = {
  key?: Buffer | null;
  checkpointFile?: string | null;
  /** Entries read at a time (tests make it small to cross page boundaries). */
  pageSize?: number;
};

/** Guarantee without a key. */
export const ACCIDENTAL_ONLY =
  '未配置审计密钥：哈希链只能发现意外损坏（仅防意外），不能防止有数据库写权限的人删改后重算整条日志';

/**
 * Walks the chain in order: every hash must match its content, every link its predecessor, no gaps, nothing after
 * the head. With the audit key: every entry from the first signed one carries a valid signature, and the chain
 * agrees with every signed checkpoint (so it was not cut, rewound or rewritten up to the last one). A database
 * that holds business data but an empty trail fails.
 */
export async function verifyAuditChain(
  db: Kysely<Database>,
  options: TVerifyOptions = {},
): Promise<TChainVerdict> {
  const key = options.key ?? null;
  const pageSize = options.pageSize ?? VERIFY_PAGE;
  const total = await countAuditEvents(db);
  const checkpoints = key && options.checkpointFile ? readCheckpoints(key, options.checkpointFile) : null;
  const lastCheckpoint = checkpoints?.valid.reduce<TCheckpoint | null>(
    (a, c) => (a === null || c.seq >= a.seq ? c : a),
    null,
  );
  // From which entry on each must be signed: as the last checkpoint says, else the first signed entry found.
  const macFrom = lastCheckpoint?.macFrom ?? (await firstSignedSeq(db)) ?? 0;
  const fail = (seq: number, id: number | null, reason: string): TChainVerdict => ({
    ok: false,
    entries: total,
    brokenAt: { id, seq },
    reason,
  });
  if (total === 0 && (await holdsBusinessData(db)))
    return fail(1, null, '数据库中有账号或台账数据，但操作日志为空：日志被整体删除');
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  // Only the hashes the checkpoints name are kept: the walk reads the trail page by page, in constant memory.
  const wanted = new Set((checkpoints?.valid ?? []).map((c) => c.seq));
  const hashAt = new Map<number, string>();
  for (let after: { seq: number; id: number } | null = null; ;) {
    const rows = await auditEventsPage(db, after, pageSize);
    for (const row of rows) {
      const broken = (reason: string) => fail(row.seq, row.id, reason);
      if (row.seq !== expectedSeq)
        return broken(
          row.seq > expectedSeq
            ? `第 ${expectedSeq} 条至第 ${row.seq - 1} 条记录缺失（被删除）`
            : `序号 ${row.seq} 重复或顺序被改动`,
        );
      if (row.prev_hash !== prev) return broken('与前一条记录的哈希链接不符（记录被删除、插入或调换顺序）');
      if (entryHash(row, prev, hashAlgOf(row.hash)) !== row.hash)
        return broken('记录内容与其哈希不符（内容被改动）');
      if (key && macFrom > 0 && row.seq >= macFrom && row.mac !== entryMac(row.hash, key))
        return broken('记录的密钥签名缺失或不符（记录被伪造或改写后重算了哈希）');
      if (wanted.has(row.seq)) hashAt.set(row.seq, row.hash);
      prev = row.hash;
      expectedSeq += 1;
    }
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) break;
    after = { seq: last.seq, id: last.id };
  }
  const head = await readAuditHead(db);
  if (head && (head.last_seq !== expectedSeq - 1 || head.last_hash !== prev))
    return fail(
      expectedSeq,
      null,
      `链尾应为第 ${head.last_seq} 条，实际只有 ${expectedSeq - 1} 条：最后的记录被删除`,
    );
  if (!head && total > 0) return fail(expectedSeq, null, '链尾记录缺失（被删除）');
  if (!key) return { ok: true, entries: total, guarantee: ACCIDENTAL_ONLY };
  if (checkpoints && checkpoints.forged > 0)
    return fail(0, null, `检查点文件中有 ${checkpoints.forged} 行签名无效（被伪造或损坏）`);
  for (const c of checkpoints?.valid ?? []) {
    const hash = hashAt.get(c.seq);
    if (hash === undefined)
      return fail(
        c.seq,
        null,
        `检查点（${c.at}）记录日志已有 ${c.seq} 条，现只有 ${total} 条：其后的记录被删除或整条日志被回退`,
      );
    if (hash !== c.hash)
      return fail(c.seq, null, `第 ${c.seq} 条与检查点（${c.at}）不符：日志被改写后重算了哈希`);
  }
  const signedPart = macFrom > 0 ? `第 ${macFrom} 条起每条记录带密钥签名` : '尚无带密钥签名的记录';
  const checkpointPart = lastCheckpoint
    ? `；截至检查点第 ${lastCheckpoint.seq} 条（${lastCheckpoint.at}）的日志不可被删改而不被发现`
    : '；尚无检查点（请运行 zhenggai audit checkpoint 或启动服务写入）';
  return { ok: true, entries: total, guarantee: `${signedPart}${checkpointPart}` };
}
