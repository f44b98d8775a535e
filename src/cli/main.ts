/** Entry of the `zhenggai` command: dispatches to the subcommands. Returns the exit code. */
import { CliUsageError, err, out } from './cli-io.ts';
import { runImport } from './import.command.ts';
import { auditKeyFromEnv, configureAuditKey } from '@server/audit/audit-key.ts';
import { configureCryptoSuite, cryptoSuiteFromEnv } from '@server/crypto/suite.ts';

const USAGE = `用法：
  zhenggai import FILE [--dry-run] [--json] [--db URL]   导入通报、反馈意见（.txt/.docx）或责任分解表（.xlsx）
  zhenggai export ledger [--db URL] --inspection ID|latest -o FILE.xlsx   导出台账（责任分解表格式）
  zhenggai report announcement|monthly|plan [--db URL] --inspection ID|latest [--month YYYY-MM] --format txt|html|docx|pdf -o FILE
                                                          生成通报、月报告、整改方案
  zhenggai report round [--db URL] --round 轮次名称 [--unit ID] --format txt|html|docx|pdf -o FILE   生成轮次整改情况汇总
  zhenggai audit verify [--db URL]                      校验操作日志哈希链与密钥检查点（完整 0，被篡改 1）
  zhenggai audit checkpoint [--db URL]                  立即写入一个带密钥签名的操作日志检查点
  zhenggai admin create --username NAME [--password P] [--db URL]   创建系统管理员
  zhenggai seed-scale [--db URL] [--units N] [--measures N]   在空数据库上生成规模测试数据（演示账号同 npm start）
  zhenggai jobs run [--db URL] [--date YYYY-MM-DD]      立即执行每日任务（保存当日整改数据快照；已执行过的日期不重复）
  zhenggai backup [--db URL] [--files DIR] -o FILE.tar    备份数据库、佐证文件和操作日志检查点（含 SHA-256 清单）
  zhenggai restore FILE.tar [--db URL] [--files DIR]    恢复到空数据库和空文件目录，并校验清单和操作日志
  zhenggai archive --inspection ID|latest [--db URL] [--files DIR] -o FILE.tar   生成一次巡察的档案归档包（台账、文书、佐证、操作日志、SHA256SUMS）
  zhenggai help                                          显示本帮助

--db 与环境变量 DATABASE_URL：postgres://… 为 PostgreSQL，其他值视为 SQLite 文件路径（默认 data/zhenggai.db）。
审计密钥：ZHENGGAI_AUDIT_KEY 或 ZHENGGAI_AUDIT_KEY_FILE；检查点文件：ZHENGGAI_AUDIT_CHECKPOINTS（默认 data/audit-checkpoints.log）。`;

/** Runs the CLI with the given arguments; 0 ok, 1 failure, 2 bad input. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    // Entries the CLI writes are signed like the server's, when the audit key is configured.
    configureAuditKey(auditKeyFromEnv());
    try {
      configureCryptoSuite(cryptoSuiteFromEnv());
    } catch (error) {
      throw new CliUsageError(error instanceof Error ? error.message : String(error));
    }
    switch (command) {
      case 'import':
        return await runImport(rest);
      case 'export': {
        const { runExport } = await import('./export.command.ts');
        return await runExport(rest);
      }
      case 'report': {
        const { runReport } = await import('./report.command.ts');
        return await runReport(rest);
      }
      case 'audit': {
        const { runAudit } = await import('./audit.command.ts');
        return await runAudit(rest);
      }
      case 'admin': {
        const { runAdmin } = await import('./admin.command.ts');
        return await runAdmin(rest);
      }
      case 'seed-scale': {
        const { runSeedScale } = await import('./seed-scale.command.ts');
        return await runSeedScale(rest);
      }
      case 'backup': {
        const { runBackup } = await import('./backup.command.ts');
        return await runBackup(rest);
      }
      case 'restore': {
        const { runRestore } = await import('./backup.command.ts');
        return await runRestore(rest);
      }
      case 'archive': {
        const { runArchive } = await import('./archive.command.ts');
        return await runArchive(rest);
      }
      case 'jobs': {
        const { runJobs } = await import('./jobs.command.ts');
        return await runJobs(rest);
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        err(`未知命令：${command}\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof CliUsageError) {
      err(error.message);
      return 2;
    }
    err(`出错了：${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
