/** Stores a parsed document from the CLI: opens the database, migrates, imports in one transaction. */
import type { TImportedDocument } from '@shared/import-structure.ts';
import { openDatabase } from '@server/db/connection.ts';
import { migrateToLatest } from '@server/db/migrate.ts';
import { AppError } from '@server/errors.ts';
import { systemActor } from '@server/policies/actor.ts';
import {
  storeImportedDocument,
  type TStoreImportResult,
} from '@server/use-cases/imports/store-imported-document.ts';
import { userInfo } from 'node:os';
import { CliUsageError } from './cli-io.ts';
import { databaseUrlFrom } from './database-url.ts';

/** Imports into the database at `url` (or DATABASE_URL, or the default SQLite file). */
export async function storeImportedIntoDatabase(
  doc: TImportedDocument,
  url: string | undefined,
): Promise<TStoreImportResult> {
  const database = openDatabase(databaseUrlFrom(url));
  try {
    await migrateToLatest(database.db);
    return await storeImportedDocument({
      db: database.db,
      actor: systemActor(`cli:${userInfo().username}`),
      document: doc,
    });
  } catch (error) {
    if (error instanceof AppError && error.status < 500) throw new CliUsageError(error.message);
    throw error;
  } finally {
    await database.close();
  }
}
