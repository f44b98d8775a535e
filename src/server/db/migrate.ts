/** Runs the migrations in db/migrations at start-up, on SQLite or PostgreSQL. */
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as initialSchema from './migrations/20261127000000-initial-schema.ts';
import * as progressSource from './migrations/20261127120000-progress-source.ts';
import * as auditChain from './migrations/20261127130000-audit-chain-and-accounts.ts';
import * as measureComments from './migrations/20261127140000-measure-comments.ts';
import * as closeOut from './migrations/20261127150000-close-out-evidence-lookback.ts';
import * as extensions from './migrations/20261127160000-extensions-outcomes-standing.ts';
import * as announcements from './migrations/20261127170000-announcements-monthly-reports.ts';
import * as separationOfDuties from './migrations/20261203090000-separation-of-duties.ts';
import * as exportTickets from './migrations/20261203100000-export-tickets.ts';
import * as auditEntryMac from './migrations/20261203110000-audit-entry-mac.ts';
import * as measureLastProgress from './migrations/20261203120000-measure-last-progress.ts';
import * as unitPath from './migrations/20261203130000-unit-path.ts';
import * as searchIndexes from './migrations/20261203140000-search-indexes.ts';
import * as supervisionOrders from './migrations/20261203150000-supervision-orders.ts';
import * as dailyFigures from './migrations/20261203160000-daily-figures.ts';
import * as workIndexes from './migrations/20261204090000-work-indexes.ts';
import * as reminders from './migrations/20261204100000-reminders.ts';
import * as channels from './migrations/20261204120000-channels.ts';
import * as progressInOneStep from './migrations/20261205090000-progress-in-one-step.ts';
import * as objectReminders from './migrations/20261205100000-object-reminders.ts';
import * as publicSide from './migrations/20261205110000-public-side.ts';
import * as opinions from './migrations/20261205120000-opinions.ts';
import * as opinionHandling from './migrations/20261206090000-opinion-handling.ts';
import * as appKeys from './migrations/20261206100000-app-keys.ts';
import * as publishedPdf from './migrations/20261206110000-published-pdf.ts';
import * as peopleLeft from './migrations/20261206120000-people-left.ts';
import * as loginWindows from './migrations/20261206130000-login-windows.ts';
import * as directoryEdits from './migrations/20261207090000-directory-edits.ts';
import * as evidenceSm3 from './migrations/20261207100000-evidence-sm3.ts';
import * as opinionDueIndex from './migrations/20261207110000-opinion-due-index.ts';
import * as ledgerArchive from './migrations/20261208090000-ledger-archive.ts';
import * as searchIndexInspection from './migrations/20261208100000-search-index-inspection.ts';
import * as standingCheckDue from './migrations/20261209090000-standing-check-due.ts';
import * as perLedgerIndexes from './migrations/20261209100000-per-ledger-indexes.ts';
import * as lookupIndexes from './migrations/20261210090000-lookup-indexes.ts';
import * as measuresInspectionVersion from './migrations/20261210100000-measures-inspection-version.ts';
import * as inspectionListIndexes from './migrations/20261210110000-inspection-list-indexes.ts';
import * as clarityGap from './migrations/20261211090000-measures-clarity-gap.ts';
import type { Database } from './schema.ts';

/** Every migration, by name; names sort in the order they run. Never edit one that has landed. */
const MIGRATIONS: Record<string, Migration> = {
  '20261127000000-initial-schema': initialSchema,
  '20261127120000-progress-source': progressSource,
  '20261127130000-audit-chain-and-accounts': auditChain,
  '20261127140000-measure-comments': measureComments,
  '20261127150000-close-out-evidence-lookback': closeOut,
  '20261127160000-extensions-outcomes-standing': extensions,
  '20261127170000-announcements-monthly-reports': announcements,
  '20261203090000-separation-of-duties': separationOfDuties,
  '20261203100000-export-tickets': exportTickets,
  '20261203110000-audit-entry-mac': auditEntryMac,
  '20261203120000-measure-last-progress': measureLastProgress,
  '20261203130000-unit-path': unitPath,
  '20261203140000-search-indexes': searchIndexes,
  '20261203150000-supervision-orders': supervisionOrders,
  '20261203160000-daily-figures': dailyFigures,
  '20261204090000-work-indexes': workIndexes,
  '20261204100000-reminders': reminders,
  '20261204120000-channels': channels,
  '20261205090000-progress-in-one-step': progressInOneStep,
  '20261205100000-object-reminders': objectReminders,
  '20261205110000-public-side': publicSide,
  '20261205120000-opinions': opinions,
  '20261206090000-opinion-handling': opinionHandling,
  '20261206100000-app-keys': appKeys,
  '20261206110000-published-pdf': publishedPdf,
  '20261206120000-people-left': peopleLeft,
  '20261206130000-login-windows': loginWindows,
  '20261207090000-directory-edits': directoryEdits,
  '20261207100000-evidence-sm3': evidenceSm3,
  '20261207110000-opinion-due-index': opinionDueIndex,
  '20261208090000-ledger-archive': ledgerArchive,
  '20261208100000-search-index-inspection': searchIndexInspection,
  '20261209090000-standing-check-due': standingCheckDue,
  '20261209100000-per-ledger-indexes': perLedgerIndexes,
  '20261210090000-lookup-indexes': lookupIndexes,
  '20261210100000-measures-inspection-version': measuresInspectionVersion,
  '20261210110000-inspection-list-indexes': inspectionListIndexes,
  '20261211090000-measures-clarity-gap': clarityGap,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(MIGRATIONS) };

function migratorOf(db: Kysely<Database>, pgSchema?: string): Migrator {
  return new Migrator({
    db,
    provider,
    migrationTableName: 'zhenggai_migrations',
    migrationLockTableName: 'zhenggai_migration_lock',
    // Keep the bookkeeping tables in the schema in use (tests run several schemas side by side).
    ...(pgSchema ? { migrationTableSchema: pgSchema } : {}),
  });
}

/** The migrations this code knows that the database has not run (readiness: none may be pending). */
export async function pendingMigrations(db: Kysely<Database>, pgSchema?: string): Promise<string[]> {
  const all = await migratorOf(db, pgSchema).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(
  db: Kysely<Database>,
  options: {
    pgSchema?: string;
    /** Stop after this migration (tests of a migration on older data). */ upTo?: string;
  } = {},
): Promise<void> {
  const migrator = migratorOf(db, options.pgSchema);
  const { error, results } = await (options.upTo
    ? migrator.migrateTo(options.upTo)
    : migrator.migrateToLatest());
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined) {
    throw new Error(
      `数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${error instanceof Error ? error.message : JSON.stringify(error)}`,
    );
  }
}
