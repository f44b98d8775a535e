/** Database access for CLI commands. */
import { openDatabase, type TDb } from '@server/db/connection.ts';
import { migrateToLatest } from '@server/db/migrate.ts';
import { AppError } from '@server/errors.ts';
import { CliUsageError } from './cli-io.ts';

/** Which database a CLI command works on: --db, else DATABASE_URL, else the default SQLite file. */
export function databaseUrlFrom(flag: string | undefined): string {
  return flag ?? (process.env.DATABASE_URL || 'data/zhenggai.db');
}

/** Opens and migrates the database, runs `work`, closes it; a user-facing AppError becomes a usage error (exit 2). */
export async function withDatabase<T>(
  flag: string | undefined,
  work: (database: TDb) => Promise<T>,
): Promise<T> {
  const database = openDatabase(databaseUrlFrom(flag));
  try {
    await migrateToLatest(database.db);
    return await work(database);
  } catch (error) {
    if (error instanceof AppError && error.status < 500) throw new CliUsageError(error.message);
    throw error;
  } finally {
    await database.close();
  }
}
