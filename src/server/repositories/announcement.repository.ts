/** Announcement versions (通报). */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { AnnouncementRow, AnnouncementTable, Database } from '../db/schema.ts';

type Db = Kysely<Database>;

/** What a new draft version says; the rest (submission, approval, publication) starts empty. */
export type TNewDraft = Pick<
  Insertable<AnnouncementTable>,
  | 'inspection_id'
  | 'version_no'
  | 'section1_heading'
  | 'section1_text'
  | 'section3_heading'
  | 'section3_text'
  | 'include_statistics'
  | 'created_by'
  | 'edited_by'
  | 'created_at'
>;

/** Inserts a new draft version and returns its id. */
export async function insertAnnouncementDraft(db: Db, draft: TNewDraft): Promise<number> {
  const row = await db
    .insertInto('announcements')
    .values({
      ...draft,
      status: 'draft',
      published_text: null,
      published_html: null,
      published_docx_sha: null,
      submitted_at: null,
      approved_by: null,
      approved_at: null,
      published_by: null,
      published_at: null,
      withdrawn_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Versions of an inspection's announcement, newest first. */
export async function announcementsOf(db: Db, inspectionId: number): Promise<AnnouncementRow[]> {
  return db
    .selectFrom('announcements')
    .selectAll()
    .where('inspection_id', '=', inspectionId)
    .orderBy('version_no', 'desc')
    .execute();
}

/** The newest version of an inspection's announcement. */
export async function latestAnnouncement(db: Db, inspectionId: number): Promise<AnnouncementRow | undefined> {
  return db
    .selectFrom('announcements')
    .selectAll()
    .where('inspection_id', '=', inspectionId)
    .orderBy('version_no', 'desc')
    .executeTakeFirst();
}

/** A version by id. */
export async function getAnnouncement(db: Db, id: number): Promise<AnnouncementRow | undefined> {
  return db.selectFrom('announcements').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Writes a version if it is still at `version` (and bumps it); false when someone came first. */
export async function updateAnnouncementAtVersion(
  db: Db,
  id: number,
  version: number,
  patch: Omit<Updateable<AnnouncementTable>, 'id' | 'version'>,
): Promise<boolean> {
  const r = await db
    .updateTable('announcements')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * The inspection's measures judged 反弹 and not closed again: when they were reopened, and the latest progress
 * written after that (not withdrawn), if any.
 */
export async function relapsedMeasuresOf(db: Db, inspectionId: number) {
  const reopened = await db
    .selectFrom('measures')
    .innerJoin('state_transitions', 'state_transitions.measure_id', 'measures.id')
    .select(['measures.id', 'measures.content'])
    .select((eb) => eb.fn.max('state_transitions.at').as('relapsed_at'))
    .where('measures.inspection_id', '=', inspectionId)
    .where('measures.state', '=', 'relapsed')
    .where('state_transitions.action', '=', 'relapse')
    .groupBy(['measures.id', 'measures.content'])
    .execute();
  if (reopened.length === 0) return [];
  const entries = await db
    .selectFrom('progress_entries')
    .select(['measure_id', 'text', 'created_at'])
    .where(
      'measure_id',
      'in',
      reopened.map((m) => m.id),
    )
    .where('withdrawn_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
  return reopened.map((m) => ({
    id: m.id,
    content: m.content,
    relapsedAt: String(m.relapsed_at),
    progressAfter:
      entries.find((e) => e.measure_id === m.id && e.created_at > String(m.relapsed_at))?.text ?? null,
  }));
}
