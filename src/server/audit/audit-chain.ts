/** The audit hash chain: how an entry's hash is computed, and how the whole chain is verified. */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** The prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an entry that its hash covers. */
export type TChainedFields = {
  seq: number;
  at: string;
  actor_id: number | null;
  actor_label: string;
  ip: string | null;
  kind: string;
  object_type: string;
  object_id: number | null;
  unit_id: number | null;
  before_json: string | null;
  after_json: string | null;
};

/** SHA-256 over the entry's content and the previous hash. */
export function entryHash(e: TChainedFields, prevHash: string): string {
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
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** The verdict of `verifyAuditChain`. */
export type TChainVerdict =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenAt: { id: number | null; seq: number }; reason: string };

/** Walks the chain in order: every hash must match its content, every link its predecessor, no gaps, nothing after the head. */
export async function verifyAuditChain(db: Kysely<Database>): Promise<TChainVerdict> {
  const rows = await db.selectFrom('audit_events').selectAll().orderBy('seq').orderBy('id').execute();
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const row of rows) {
    const broken = (reason: string): TChainVerdict => ({
      ok: false,
      entries: rows.length,
      brokenAt: { id: row.id, seq: row.seq },
      reason,
    });
    if (row.seq !== expectedSeq)
      return broken(
        row.seq > expectedSeq
          ? `第 ${expectedSeq} 条至第 ${row.seq - 1} 条记录缺失（被删除）`
          : `序号 ${row.seq} 重复或顺序被改动`,
      );
    if (row.prev_hash !== prev) return broken('与前一条记录的哈希链接不符（记录被删除、插入或调换顺序）');
    if (entryHash(row, prev) !== row.hash) return broken('记录内容与其哈希不符（内容被改动）');
    prev = row.hash;
    expectedSeq += 1;
  }
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  if (head && (head.last_seq !== expectedSeq - 1 || head.last_hash !== prev)) {
    return {
      ok: false,
      entries: rows.length,
      brokenAt: { id: null, seq: expectedSeq },
      reason: `链尾应为第 ${head.last_seq} 条，实际只有 ${expectedSeq - 1} 条：最后的记录被删除`,
    };
  }
  return { ok: true, entries: rows.length };
}
