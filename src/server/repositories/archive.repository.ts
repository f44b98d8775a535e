/**
 * What the 档案归档 package of one inspection reads: its published announcement versions, issued monthly reports,
 * evidence files and audit entries — each chosen in SQL by the inspection (subqueries, never lists of ids).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

/** Published announcement versions (withdrawn ones too: they were public once), oldest first. */
export async function publishedAnnouncementsOf(db: Db, inspectionId: number) {
  return db
    .selectFrom('announcements')
    .select(['id', 'version_no', 'status', 'published_at'])
    .where('inspection_id', '=', inspectionId)
    .where('published_at', 'is not', null)
    .orderBy('version_no')
    .execute();
}

/** The months whose report was issued. */
export async function issuedMonthsOf(db: Db, inspectionId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('monthly_reports')
    .select('month')
    .where('inspection_id', '=', inspectionId)
    .orderBy('month')
    .execute();
  return rows.map((r) => r.month);
}

/** The evidence of the inspection's measures, with the measure's place in the ledger. */
export async function evidenceOfInspection(db: Db, inspectionId: number) {
  return db
    .selectFrom('evidence as e')
    .innerJoin('measures as m', 'm.id', 'e.measure_id')
    .innerJoin('problems as p', 'p.id', 'm.problem_id')
    .select([
      'e.id',
      'e.sha256',
      'e.file_name',
      'e.mime',
      'e.size',
      'e.uploaded_at',
      'e.documented_date',
      'm.id as measure_id',
      'm.ordinal',
      'p.number as problem_number',
    ])
    .where('m.inspection_id', '=', inspectionId)
    .orderBy('e.id')
    .execute();
}

/** How many audit entries the archive reads at a time. */
export const AUDIT_PAGE = 1000;

/**
 * The audit entries about the inspection — the inspection itself, its problems, measures, announcements, the
 * supervision orders naming it and the public's opinions on its problems — in chain order, a page at a time (keyset
 * on the chain's sequence number), so years of a ledger's entries are never all held in memory.
 */
export async function* auditEntriesOfInspection(db: Db, inspectionId: number, pageSize = AUDIT_PAGE) {
  let after = 0;
  for (;;) {
    const page = await auditEntriesAfter(db, inspectionId, after, pageSize);
    yield page;
    const last = page.at(-1);
    if (last === undefined || page.length < pageSize) return;
    after = last.seq;
  }
}

/** Up to `limit` of the inspection's audit entries after sequence number `after`, in chain order. */
function auditEntriesAfter(db: Db, inspectionId: number, after: number, limit: number) {
  return db
    .selectFrom('audit_events as a')
    .selectAll('a')
    .where((eb) =>
      eb.or([
        eb.and([eb('a.object_type', '=', 'inspection'), eb('a.object_id', '=', inspectionId)]),
        eb.and([
          eb('a.object_type', '=', 'problem'),
          eb(
            'a.object_id',
            'in',
            eb.selectFrom('problems').select('id').where('inspection_id', '=', inspectionId),
          ),
        ]),
        eb.and([
          eb('a.object_type', '=', 'measure'),
          eb(
            'a.object_id',
            'in',
            eb.selectFrom('measures').select('id').where('inspection_id', '=', inspectionId),
          ),
        ]),
        eb.and([
          eb('a.object_type', '=', 'announcement'),
          eb(
            'a.object_id',
            'in',
            eb.selectFrom('announcements').select('id').where('inspection_id', '=', inspectionId),
          ),
        ]),
        eb.and([
          eb('a.object_type', '=', 'supervision_order'),
          eb(
            'a.object_id',
            'in',
            eb
              .selectFrom('supervision_order_items')
              .select('order_id')
              .where('inspection_id', '=', inspectionId),
          ),
        ]),
        eb.and([
          eb('a.object_type', '=', 'opinion'),
          eb(
            'a.object_id',
            'in',
            eb
              .selectFrom('opinions')
              .select('opinions.id')
              .where(
                'opinions.problem_id',
                'in',
                eb
                  .selectFrom('problems')
                  .select('problems.id')
                  .where('problems.inspection_id', '=', inspectionId),
              ),
          ),
        ]),
      ]),
    )
    .where('a.seq', '>', after)
    .orderBy('a.seq')
    .limit(limit)
    .execute();
}
