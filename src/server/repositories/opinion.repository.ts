/** Opinions from the public in SQL: written once, found by code, counted for rate limits and duplicates. */
import type { Insertable, Kysely } from 'kysely';
import type { Database, OpinionTable } from '../db/schema.ts';

type Db = Kysely<Database>;

/** Writes an opinion; its id, or null when its code was taken (the caller draws another). */
export async function insertOpinion(db: Db, row: Insertable<OpinionTable>): Promise<number | null> {
  const r = await db
    .insertInto('opinions')
    .values(row)
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

/** An opinion by its code, with its unit's public name. */
export async function opinionByCode(db: Db, code: string) {
  return db
    .selectFrom('opinions')
    .leftJoin('public_units', 'public_units.unit_id', 'opinions.unit_id')
    .select([
      'opinions.code',
      'opinions.status',
      'opinions.created_at',
      'opinions.problem_title',
      'opinions.answer',
      'opinions.answer_published_at',
      'public_units.name as unit_name',
      'public_units.party_org_name',
    ])
    .where('opinions.code', '=', code)
    .executeTakeFirst();
}

/** How many opinions came from this address since `since`. */
export async function opinionsFromAddress(db: Db, addressHash: string, since: string): Promise<number> {
  const r = await db
    .selectFrom('opinions')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('address_hash', '=', addressHash)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** How many opinions a unit received since `since`. */
export async function opinionsToUnit(db: Db, unitId: number, since: string): Promise<number> {
  const r = await db
    .selectFrom('opinions')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('unit_id', '=', unitId)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The code of the same opinion (same unit, same words) received since `since`, if any. */
export async function sameOpinion(db: Db, unitId: number, contentHash: string, since: string) {
  const r = await db
    .selectFrom('opinions')
    .select('code')
    .where('unit_id', '=', unitId)
    .where('content_hash', '=', contentHash)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return r?.code ?? null;
}
