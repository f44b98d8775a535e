/**
 * `zhenggai audit verify [--db URL]`: exit 0 when the audit chain is intact (saying which guarantee holds), 1 naming
 * the first broken entry. `zhenggai audit checkpoint [--db URL]`: appends a keyed checkpoint of the chain head.
 */
import { verifyAuditChain } from '@server/audit/audit-chain.ts';
import { auditKey } from '@server/audit/audit-key.ts';
import { writeCheckpoint } from '@server/audit/checkpoints.ts';
import { CliUsageError, err, out, parseFlags } from './cli-io.ts';
import { withDatabase } from './database-url.ts';

/** Where checkpoints are appended: ZHENGGAI_AUDIT_CHECKPOINTS, else beside the default database. */
export function checkpointFileFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.ZHENGGAI_AUDIT_CHECKPOINTS || 'data/audit-checkpoints.log';
}

/** Verifies the chain, or writes a checkpoint. */
export async function runAudit(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify' && sub !== 'checkpoint')
    throw new CliUsageError('用法：zhenggai audit verify|checkpoint [--db URL]');
  const { values } = parseFlags(rest, { db: { type: 'string' } });
  const key = auditKey();
  const file = checkpointFileFromEnv();
  return withDatabase(typeof values.db === 'string' ? values.db : undefined, async ({ db }) => {
    if (sub === 'checkpoint') {
      if (!key)
        throw new CliUsageError(
          '未配置审计密钥（ZHENGGAI_AUDIT_KEY 或 ZHENGGAI_AUDIT_KEY_FILE），无法写入检查点',
        );
      const c = await writeCheckpoint(db, key, file);
      out(c ? `已写入检查点：第 ${c.seq} 条（${c.at}）→ ${file}` : '操作日志为空，无需检查点');
      return 0;
    }
    const verdict = await verifyAuditChain(db, { key, checkpointFile: file });
    if (verdict.ok) {
      out(`操作日志完整：共 ${verdict.entries} 条，哈希链校验通过。${verdict.guarantee}`);
      return 0;
    }
    err(
      `操作日志已被篡改：第 ${verdict.brokenAt.seq} 条${verdict.brokenAt.id !== null ? `（id ${verdict.brokenAt.id}）` : ''}起不可信。原因：${verdict.reason}`,
    );
    return 1;
  });
}
