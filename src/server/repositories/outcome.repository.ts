/** Outcomes of rectification: rules made or revised, money, accountability. */
import type { Insertable, Kysely } from 'kysely';
import type {
  Database,
  OutcomeAccountabilityTable,
  OutcomeMoneyTable,
  OutcomeRuleTable,
} from '../db/schema.ts';

type Db = Kysely<Database>;

/** Every outcome of an inspection, by kind, in the order recorded. */
export async function listOutcomesOf(db: Db, inspectionId: number) {
  const [rules, money, accountability] = await Promise.all([
    db
      .selectFrom('outcome_rules')
      .selectAll()
      .where('inspection_id', '=', inspectionId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('outcome_money')
      .selectAll()
      .where('inspection_id', '=', inspectionId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('outcome_accountability')
      .selectAll()
      .where('inspection_id', '=', inspectionId)
      .orderBy('id')
      .execute(),
  ]);
  return { rules, money, accountability };
}

/** Inserts a rule made or revised; returns the id. */
export async function insertOutcomeRule(db: Db, r: Insertable<OutcomeRuleTable>): Promise<number> {
  return (await db.insertInto('outcome_rules').values(r).returning('id').executeTakeFirstOrThrow()).id;
}

/** Inserts money returned or recovered; returns the id. */
export async function insertOutcomeMoney(db: Db, r: Insertable<OutcomeMoneyTable>): Promise<number> {
  return (await db.insertInto('outcome_money').values(r).returning('id').executeTakeFirstOrThrow()).id;
}

/** Inserts people held accountable; returns the id. */
export async function insertOutcomeAccountability(
  db: Db,
  r: Insertable<OutcomeAccountabilityTable>,
): Promise<number> {
  return (await db.insertInto('outcome_accountability').values(r).returning('id').executeTakeFirstOrThrow())
    .id;
}
