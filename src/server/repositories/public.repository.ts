/**
 * The public side in SQL: the snapshots public pages are served from (`public_announcements`, `public_units`), and
 * the writes that keep them — never a read of the ledger's tables on a public request.
 */
import { type Insertable, type Kysely, type SqlBool, sql } from 'kysely';
import { likePattern } from './measure-search.repository.ts';
import type { Database, PublicAnnouncementTable, PublicUnitTable } from '../db/schema.ts';

type Db = Kysely<Database>;

/** Writes (or rewrites) an announcement's public snapshot. */
export async function upsertPublicAnnouncement(
  db: Db,
  row: Insertable<PublicAnnouncementTable>,
): Promise<void> {
  await db
    .insertInto('public_announcements')
    .values(row)
    .onConflict((oc) => {
      // Everything but the keys is rewritten from the row: one list of columns, the row's own.
      const { announcement_id: _key, inspection_id: _inspection, unit_id: _unit, ...rest } = row;
      return oc.column('announcement_id').doUpdateSet({
        ...rest,
        withdrawn_at: row.withdrawn_at ?? null,
        problems_json: row.problems_json ?? null,
      });
    })
    .execute();
}

/** Makes the newest published version of an inspection's announcement the one listed; the others point to it. */
export async function markLatestOfInspection(db: Db, inspectionId: number): Promise<void> {
  const latest = await db
    .selectFrom('public_announcements')
    .select('id')
    .where('inspection_id', '=', inspectionId)
    .where('withdrawn_at', 'is', null)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest) return;
  await db
    .updateTable('public_announcements')
    .set({ replaced_by: latest.id })
    .where('inspection_id', '=', inspectionId)
    .where('id', '<>', latest.id)
    .execute();
  await db
    .updateTable('public_announcements')
    .set({ replaced_by: null })
    .where('id', '=', latest.id)
    .execute();
}

/** Marks an announcement's snapshot withdrawn (kept: its address answers 已撤回). */
export async function withdrawPublicAnnouncement(db: Db, announcementId: number, at: string): Promise<void> {
  await db
    .updateTable('public_announcements')
    .set({ withdrawn_at: at })
    .where('announcement_id', '=', announcementId)
    .execute();
}

/** Removes a unit's snapshots (the unit is no longer public). */
export async function deletePublicOfUnit(db: Db, unitId: number): Promise<void> {
  await db.deleteFrom('public_announcements').where('unit_id', '=', unitId).execute();
  await db.deleteFrom('public_units').where('unit_id', '=', unitId).execute();
}

/** Writes (or rewrites) a unit's public contact snapshot. */
export async function upsertPublicUnit(db: Db, row: PublicUnitTable): Promise<void> {
  const { unit_id: _id, ...rest } = row;
  await db
    .insertInto('public_units')
    .values(row)
    .onConflict((oc) => oc.column('unit_id').doUpdateSet(rest))
    .execute();
}

/** The published (not withdrawn) versions of a unit's announcements, with their inspection, for snapshots. */
export async function publishedOfUnit(db: Db, unitId: number) {
  return db
    .selectFrom('announcements')
    .innerJoin('inspections', 'inspections.id', 'announcements.inspection_id')
    .select([
      'announcements.id',
      'announcements.inspection_id',
      'announcements.published_at',
      'announcements.published_html',
      'announcements.published_text',
      'announcements.published_docx_sha',
      'announcements.published_pdf_sha',
      'inspections.round',
      'inspections.kind',
    ])
    .where('inspections.unit_id', '=', unitId)
    .where('announcements.status', '=', 'published')
    .execute();
}

/** Public announcements (not withdrawn), newest first, filtered by words and unit, one page; and the total. */
export async function listPublicAnnouncements(
  db: Db,
  q: { words: string | null; unitId: number | null; offset: number; limit: number },
) {
  const base = db
    .selectFrom('public_announcements')
    .where('withdrawn_at', 'is', null)
    .where('replaced_by', 'is', null)
    .$if(q.unitId !== null, (qb) => qb.where('unit_id', '=', q.unitId ?? 0))
    .$if(q.words !== null, (qb) => {
      const pattern = likePattern(q.words ?? '');
      return qb.where(
        sql<SqlBool>`(lower(title) like ${pattern} escape '\\' or lower(unit_name) like ${pattern} escape '\\'
          or lower(coalesce(round, '')) like ${pattern} escape '\\')`,
      );
    });
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirst(),
    base
      .select(['id', 'unit_id', 'unit_name', 'title', 'round', 'kind', 'published_at'])
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .offset(q.offset)
      .limit(q.limit)
      .execute(),
  ]);
  return { total: Number(count?.n ?? 0), rows };
}

/**
 * What is read of a public announcement besides its text: the snapshot's HTML and plain text are some 17 KB each,
 * and reading one such column cost SQLite about 0.1 ms (a third of the public page's time) — each is read only where
 * it is shown.
 */
const ANNOUNCEMENT_FACTS = [
  'id',
  'announcement_id',
  'inspection_id',
  'unit_id',
  'unit_name',
  'title',
  'round',
  'kind',
  'published_at',
  'docx_sha',
  'pdf_sha',
  'withdrawn_at',
  'replaced_by',
  'problems_json',
] as const;

/** One public announcement (withdrawn ones too), without its text. */
export async function getPublicAnnouncement(db: Db, id: number) {
  return db
    .selectFrom('public_announcements')
    .select(ANNOUNCEMENT_FACTS)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** One public announcement (withdrawn ones too) with its HTML, for its page. */
export async function getPublicAnnouncementPage(db: Db, id: number) {
  return db
    .selectFrom('public_announcements')
    .select([...ANNOUNCEMENT_FACTS, 'html'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** One public unit's contact. */
export async function getPublicUnit(db: Db, unitId: number) {
  return db.selectFrom('public_units').selectAll().where('unit_id', '=', unitId).executeTakeFirst();
}

/** The problems of an inspection (top level, in order), for the opinion form's choice. */
export async function problemsOfInspection(db: Db, inspectionId: number) {
  return db
    .selectFrom('problems')
    .innerJoin('categories', 'categories.id', 'problems.category_id')
    .select(['problems.id', 'problems.number', 'problems.title'])
    .where('problems.inspection_id', '=', inspectionId)
    .where('problems.parent_id', 'is', null)
    .orderBy('categories.ordinal')
    .orderBy('problems.ordinal')
    .execute();
}
