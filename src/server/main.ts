/** `npm start`: open the database, migrate, seed demo data when asked, listen, print the URL and accounts. */
import { loadConfig } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildApp } from './app.ts';
import { configureAuditKey } from './audit/audit-key.ts';
import { configureCryptoSuite } from './crypto/suite.ts';
import { configureSecretKey } from './channels/secret-box.ts';
import { writeCheckpoint } from './audit/checkpoints.ts';
import { startScheduler } from './jobs/scheduler.ts';
import { countUsers } from './repositories/user.repository.ts';
import { demoAccountLines, needsDemoData, seedDemoData } from './use-cases/demo/seed-demo-data.ts';
import { publishDemoAnnouncement } from './use-cases/demo/publish-demo.ts';
import { storageFrom } from './storage/storage-config.ts';

async function start(): Promise<void> {
  // Production unless told otherwise (`npm run dev` runs the sources with NODE_ENV=development).
  if (!process.env.NODE_ENV) process.env.NODE_ENV = 'production';
  const config = loadConfig();
  configureAuditKey(config.auditKey);
  configureCryptoSuite(config.cryptoSuite);
  configureSecretKey(config.secretKey);
  const database = openDatabase(config.databaseUrl);
  const storage = storageFrom(config);
  await migrateToLatest(database.db);
  if (config.isDemo && (await needsDemoData(database.db))) {
    const demo = await seedDemoData(database.db);
    await publishDemoAnnouncement(database.db, storage, demo);
    console.log('已导入演示数据：南通市文联巡察整改通报（4 个类别、15 个问题、48 条措施），通报已公开发布');
  }
  const app = await buildApp({ db: database.db, config, logger: true, storage });
  // Keyed checkpoints of the audit trail, outside the database: at start, every few minutes, and at shutdown.
  const checkpoint = async () => {
    if (config.auditKey) await writeCheckpoint(database.db, config.auditKey, config.auditCheckpointFile);
  };
  await checkpoint();
  const timer = setInterval(
    () => void checkpoint().catch((e: unknown) => app.log.error(e)),
    config.auditCheckpointMinutes * 60_000,
  );
  timer.unref();
  if (!config.auditKey)
    console.log(
      '提示：未配置审计密钥（ZHENGGAI_AUDIT_KEY），操作日志仅能发现意外损坏，详见 docs/security.md',
    );
  const stopJobs = startScheduler(database.db, config, (e: unknown) => app.log.error(e));
  const close = async () => {
    // Stop accepting at once, let requests in flight finish, but never hang: out after the limit.
    setTimeout(() => process.exit(1), config.shutdownSeconds * 1000).unref();
    clearInterval(timer);
    stopJobs();
    await checkpoint().catch(() => undefined);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void close());
  process.on('SIGTERM', () => void close());
  await app.listen({ port: config.port, host: config.host });
  const where = database.dialect === 'sqlite' ? `SQLite 文件 ${config.databaseUrl}` : 'PostgreSQL';
  console.log(
    `\n整改台账已启动：http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}/ （数据库：${where}）`,
  );
  if (config.isDemo) {
    console.log(
      `公开页面（无需登录）：http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}/public`,
    );
    for (const line of demoAccountLines()) console.log(line);
  } else if ((await countUsers(database.db)) === 0)
    console.log('尚无账号：请运行 npx zhenggai admin create --username admin 创建第一个系统管理员');
}

start().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
