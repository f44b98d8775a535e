/** `zhenggai audit verify [--db URL]`: exit 0 when the audit chain is intact, 1 naming the first broken entry. */
import { verifyAuditChain } from '@server/audit/audit-chain.ts';
import { CliUsageError, err, out, parseFlags } from './cli-io.ts';
import { withDatabase } from './database-url.ts';

/** Verifies the chain. */
export async function runAudit(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new CliUsageError('用法：zhenggai audit verify [--db URL]');
  const { values } = parseFlags(rest, { db: { type: 'string' } });
  return withDatabase(typeof values.db === 'string' ? values.db : undefined, async ({ db }) => {
    const verdict = await verifyAuditChain(db);
    if (verdict.ok) {
      out(`操作日志完整：共 ${verdict.entries} 条，哈希链校验通过`);
      return 0;
    }
    err(
      `操作日志已被篡改：第 ${verdict.brokenAt.seq} 条${verdict.brokenAt.id !== null ? `（id ${verdict.brokenAt.id}）` : ''}起不可信。原因：${verdict.reason}`,
    );
    return 1;
  });
}
