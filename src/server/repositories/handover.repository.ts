/** A person's hand-over in SQL: their open measures, open opinions, accounts and sessions, and the mark they left. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

/** Measures not yet closed that the person carries or leads (archived ledgers aside), with their versions. */
export async function openMeasuresOfPerson(db: Db, personId: number) {
  return (
    db
      .selectFrom('measures')
      .select(['id', 'version', 'person_id', 'leader_id'])
      .where('state', '<>', 'closed')
      .where((eb) => eb.or([eb('person_id', '=', personId), eb('leader_id', '=', personId)]))
      // An archived ledger is kept as it was: its measures keep their names.
      .where('inspection_id', 'not in', (eb) =>
        eb.selectFrom('inspections').select('id').where('archived_at', 'is not', null),
      )
      .orderBy('id')
      .execute()
  );
}

/** Gives the person's open opinions to the successor; how many. */
export async function moveOpenOpinions(db: Db, from: number, to: number): Promise<number> {
  const r = await db
    .updateTable('opinions')
    .set((eb) => ({ handler_person_id: to, version: eb('version', '+', 1) }))
    .where('handler_person_id', '=', from)
    .where('status', 'in', ['received', 'accepted'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Closes the person's accounts and ends their sessions; the accounts' ids. */
export async function closeAccountsOfPerson(db: Db, personId: number): Promise<number[]> {
  const accounts = await db
    .selectFrom('users')
    .select('id')
    .where('person_id', '=', personId)
    .where('is_active', '=', 1)
    .execute();
  const ids = accounts.map((a) => a.id);
  if (ids.length === 0) return [];
  await db.updateTable('users').set({ is_active: 0 }).where('id', 'in', ids).execute();
  await db.deleteFrom('sessions').where('user_id', 'in', ids).execute();
  return ids;
}

/** Marks the person as having left; false when they had left already (a concurrent hand-over). */
export async function markPersonLeft(db: Db, personId: number, at: string): Promise<boolean> {
  const r = await db
    .updateTable('people')
    .set((eb) => ({ left_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', personId)
    .where('left_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
