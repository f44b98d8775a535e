/** Stores a parsed document from the CLI: opens the database, migrates, imports in one transaction. */
import type { TImportedDocument } from '@shared/import-structure.ts';
import { systemActor } from '@server/policies/actor.ts';
import {
  storeImportedDocument,
  type TStoreImportResult,
} from '@server/use-cases/imports/store-imported-document.ts';
import { userInfo } from 'node:os';
import { withDatabase } from './database-url.ts';

/** Imports into the database at `url` (or DATABASE_URL, or the default SQLite file). */
export async function storeImportedIntoDatabase(
  doc: TImportedDocument,
  url: string | undefined,
): Promise<TStoreImportResult> {
  return withDatabase(url, ({ db }) =>
    storeImportedDocument({ db, actor: systemActor(`cli:${userInfo().username}`), document: doc }),
  );
}
