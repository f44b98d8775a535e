/** For the importer's tests: parsing that checks what `zhenggai import --dry-run --json` would print. */
import { expect } from 'vitest';
import { ZImportedDocument } from '@shared/import-structure.ts';
import { parseAnnouncementText as parseText } from './announcement-text.importer.ts';

/**
 * Parses as the importer does, and checks each document read as the dry run prints it (its JSON) against the
 * documented contract: the schema keeps every field and adds none.
 */
export function parseAnnouncementText(...args: Parameters<typeof parseText>): ReturnType<typeof parseText> {
  const result = parseText(...args);
  if (result.ok) {
    const json: unknown = JSON.parse(JSON.stringify(result.document));
    expect(ZImportedDocument.parse(json)).toEqual(json);
  }
  return result;
}
