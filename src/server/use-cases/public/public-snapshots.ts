/**
 * Keeps the public snapshots: when a version is published and its unit is public, when one is withdrawn, and when
 * the administrator makes a unit public or private. Called inside the transaction of that step, so the public side
 * never shows what the ledger no longer publishes, and never more.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  deletePublicOfUnit,
  markLatestOfInspection,
  problemsOfInspection,
  publishedOfUnit,
  upsertPublicAnnouncement,
  upsertPublicUnit,
  withdrawPublicAnnouncement,
} from '../../repositories/public.repository.ts';

/** The unit as its snapshots need it. */
type TUnit = {
  id: number;
  name: string;
  party_org_name: string | null;
  phone: string | null;
  address: string | null;
  email: string | null;
  is_public: number;
};

/** An announcement version as published. */
type TPublished = {
  id: number;
  inspection_id: number;
  published_at: string | null;
  published_html: string | null;
  published_text: string | null;
  published_docx_sha: string | null;
  published_pdf_sha: string | null;
  round: string | null;
  kind: string;
};

/** The title of a frozen document: its first line of text. */
const titleOf = (text: string | null) => (text ?? '').split('\n')[0]?.trim() || '整改情况通报';

async function snapshotOne(db: Kysely<Database>, unit: TUnit, a: TPublished, at: string): Promise<void> {
  if (a.published_html === null || a.published_text === null) return;
  await upsertPublicAnnouncement(db, {
    announcement_id: a.id,
    inspection_id: a.inspection_id,
    unit_id: unit.id,
    unit_name: unit.party_org_name ?? unit.name,
    title: titleOf(a.published_text),
    round: a.round,
    kind: a.kind,
    published_at: a.published_at ?? at,
    html: a.published_html,
    text: a.published_text,
    docx_sha: a.published_docx_sha,
    pdf_sha: a.published_pdf_sha,
    withdrawn_at: null,
    problems_json: JSON.stringify(await problemsOfInspection(db, a.inspection_id)),
  });
}

/** The unit's contact as the public sees it. */
async function snapshotUnit(db: Kysely<Database>, unit: TUnit, at: string): Promise<void> {
  await upsertPublicUnit(db, {
    unit_id: unit.id,
    name: unit.name,
    party_org_name: unit.party_org_name,
    phone: unit.phone,
    address: unit.address,
    email: unit.email,
    updated_at: at,
  });
}

/** A version was published: its snapshot, when its unit is public. */
export async function publishPublicly(
  db: Kysely<Database>,
  unit: TUnit,
  a: TPublished,
  at: string,
): Promise<void> {
  if (unit.is_public !== 1) return;
  await snapshotUnit(db, unit, at);
  await snapshotOne(db, unit, a, at);
  await markLatestOfInspection(db, a.inspection_id);
}

/** A version was withdrawn: its snapshot stays, marked withdrawn. */
export async function withdrawPublicly(
  db: Kysely<Database>,
  announcement: { id: number; inspection_id: number },
  at: string,
): Promise<void> {
  await withdrawPublicAnnouncement(db, announcement.id, at);
  // An earlier version still published is listed again.
  await markLatestOfInspection(db, announcement.inspection_id);
}

/**
 * The unit's public side after the administrator changed it: made public, every published version is snapshotted
 * with the unit's contact; made private, its snapshots go; still public, its contact is refreshed.
 */
export async function syncUnitPublicly(db: Kysely<Database>, unit: TUnit, at: string): Promise<void> {
  if (unit.is_public !== 1) {
    await deletePublicOfUnit(db, unit.id);
    return;
  }
  await snapshotUnit(db, unit, at);
  const published = await publishedOfUnit(db, unit.id);
  for (const a of published) await snapshotOne(db, unit, a, at);
  for (const inspectionId of new Set(published.map((a) => a.inspection_id)))
    await markLatestOfInspection(db, inspectionId);
}
