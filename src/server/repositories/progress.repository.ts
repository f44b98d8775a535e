/** Progress entries after they are written (correction, withdrawal, the measure's facts from them) and staged files. */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, ProgressEntryTable, StagedUploadTable } from '../db/schema.ts';

type Db = Kysely<Database>;

/** Keeps a checked, stored file for the uploader and measure until a progress entry takes it. */
export async function insertStagedUpload(db: Db, row: Insertable<StagedUploadTable>): Promise<void> {
  await db.insertInto('staged_uploads').values(row).execute();
}

/** The staged files with these tokens that belong to this uploader and measure. */
export async function stagedUploadsOf(db: Db, tokens: string[], userId: number, measureId: number) {
  if (tokens.length === 0) return [];
  return db
    .selectFrom('staged_uploads')
    .selectAll()
    .where('token', 'in', tokens)
    .where('user_id', '=', userId)
    .where('measure_id', '=', measureId)
    .execute();
}

/** Removes staged files by id (taken by an entry); true when every one was still there. */
export async function takeStagedUploads(db: Db, ids: number[]): Promise<boolean> {
  if (ids.length === 0) return true;
  const r = await db.deleteFrom('staged_uploads').where('id', 'in', ids).executeTakeFirst();
  return Number(r.numDeletedRows) === ids.length;
}

/** Forgets staged files no entry took before `before`; returns how many. */
export async function purgeStagedUploads(db: Db, before: string): Promise<number> {
  const r = await db.deleteFrom('staged_uploads').where('created_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Changes an entry. */
export async function updateProgressEntry(
  db: Db,
  id: number,
  patch: Updateable<ProgressEntryTable>,
): Promise<void> {
  await db.updateTable('progress_entries').set(patch).where('id', '=', id).execute();
}

/** The measure's progress as its entries now say: the text and date of the latest entry not withdrawn. */
export async function currentProgressOf(
  db: Db,
  measureId: number,
): Promise<{ text: string | null; date: string | null }> {
  const latest = await db
    .selectFrom('progress_entries')
    .select(['text', 'entry_date'])
    .where('measure_id', '=', measureId)
    .where('withdrawn_at', 'is', null)
    .orderBy('entry_date', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return { text: latest?.text ?? null, date: latest?.entry_date ?? null };
}

/** The evidence attached to an entry. */
export async function evidenceOfEntry(db: Db, entryId: number) {
  return db
    .selectFrom('evidence')
    .select(['id', 'sha256', 'file_name'])
    .where('progress_entry_id', '=', entryId)
    .execute();
}

/** Deletes evidence records (their files stay in the content store; the audit entry keeps their hashes). */
export async function deleteEvidence(db: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('evidence').where('id', 'in', ids).execute();
}

/** The evidence hashes close-out requests of the measure were submitted with (JSON arrays), any outcome. */
export async function closeOutEvidenceHashes(db: Db, measureId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('close_out_requests')
    .select('evidence_hashes')
    .where('measure_id', '=', measureId)
    .execute();
  return rows.flatMap((r) => JSON.parse(r.evidence_hashes) as string[]);
}
