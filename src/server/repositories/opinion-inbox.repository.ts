/**
 * The back office's opinions in SQL: the inbox filtered, counted and paged by the database (colour by the rule of
 * `shared/opinions.ts`, as SQL), one opinion in scope, a step written only at the version read, and the lists the
 * triage form offers.
 */
import { type Kysely, type RawBuilder, type SqlBool, sql, type Updateable } from 'kysely';
import { addDays } from '@shared/chinese.ts';
import type { TWarningColour } from '@shared/domain.ts';
import { OPINION_YELLOW_DAYS, type TOpinionStatus } from '@shared/opinions.ts';
import type { Database, OpinionTable } from '../db/schema.ts';
import { likePattern } from './measure-search.repository.ts';
import { inScope, pathEnd, type TUnitScope } from './scope.ts';

type Db = Kysely<Database>;

/** The colour of each row of `opinions` on `today`: settled → none; past its answer deadline → red; near → yellow. */
export function opinionColourSql(today: string): RawBuilder<TWarningColour> {
  const soon = addDays(today, OPINION_YELLOW_DAYS);
  return sql<TWarningColour>`case
    when opinions.status in ('answered', 'out_of_scope') then 'none'
    when opinions.answer_due < ${today} then 'red'
    when opinions.answer_due <= ${soon} then 'yellow'
    else 'green' end`;
}

/** Filters of the inbox. */
export type TOpinionFilters = {
  status?: TOpinionStatus | 'open' | undefined;
  colour?: TWarningColour | undefined;
  /** The path of a unit: that unit and every unit below it. */
  unitPath?: string | undefined;
  q?: string | undefined;
  /** Only opinions assigned to this person (readers whose rule is `own`). */
  handlerPersonId?: number | undefined;
  today: string;
};

function conditions(f: TOpinionFilters): Array<RawBuilder<SqlBool>> {
  const out: Array<RawBuilder<SqlBool>> = [];
  const open = sql<SqlBool>`opinions.status in ('received', 'accepted')`;
  if (f.status === 'open') out.push(open);
  else if (f.status !== undefined) out.push(sql<SqlBool>`opinions.status = ${f.status}`);
  if (f.colour !== undefined) {
    const soon = addDays(f.today, OPINION_YELLOW_DAYS);
    const byColour: Record<TWarningColour, RawBuilder<SqlBool>> = {
      none: sql<SqlBool>`opinions.status in ('answered', 'out_of_scope')`,
      red: sql<SqlBool>`(${open} and opinions.answer_due < ${f.today})`,
      yellow: sql<SqlBool>`(${open} and opinions.answer_due >= ${f.today} and opinions.answer_due <= ${soon})`,
      green: sql<SqlBool>`(${open} and opinions.answer_due > ${soon})`,
    };
    out.push(byColour[f.colour]);
  }
  if (f.unitPath !== undefined)
    out.push(sql<SqlBool>`(units.path >= ${f.unitPath} and units.path < ${pathEnd(f.unitPath)})`);
  if (f.q !== undefined)
    out.push(
      sql<SqlBool>`(lower(opinions.content) like ${likePattern(f.q)} escape '\\' or opinions.code = ${f.q.toUpperCase()})`,
    );
  if (f.handlerPersonId !== undefined)
    out.push(sql<SqlBool>`opinions.handler_person_id = ${f.handlerPersonId}`);
  return out;
}

function opinionsInScope(db: Db, scope: TUnitScope) {
  return db
    .selectFrom('opinions')
    .innerJoin('units', 'units.id', 'opinions.unit_id')
    .leftJoin('people as handler', 'handler.id', 'opinions.handler_person_id')
    .where(inScope('units.id', scope));
}

const LINE = [
  'opinions.id',
  'opinions.code',
  'opinions.unit_id',
  'units.name as unit_name',
  'opinions.status',
  'opinions.answer_due',
  'opinions.created_at',
  'opinions.content',
  'opinions.problem_title',
  'handler.name as handler_name',
] as const;

/** One page of the inbox, the most urgent first (open before settled, earliest deadline first), with the total. */
export async function listOpinions(
  db: Db,
  scope: TUnitScope,
  f: TOpinionFilters,
  page: { offset: number; limit: number },
) {
  let counted = opinionsInScope(db, scope);
  let listed = opinionsInScope(db, scope);
  for (const c of conditions(f)) {
    counted = counted.where(c);
    listed = listed.where(c);
  }
  const { total } = await counted
    .select((eb) => eb.fn.countAll<number | string>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await listed
    .select([...LINE, opinionColourSql(f.today).as('colour')])
    .orderBy(sql`case when opinions.status in ('received', 'accepted') then 0 else 1 end`)
    .orderBy('opinions.answer_due')
    .orderBy('opinions.id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return { total: Number(total), rows };
}

/** One opinion in scope with everything the back office shows (undefined for another unit's: 404). */
export async function getOpinion(db: Db, id: number, scope: TUnitScope, today: string) {
  return opinionsInScope(db, scope)
    .leftJoin('measures', 'measures.id', 'opinions.measure_id')
    .select([
      ...LINE,
      opinionColourSql(today).as('colour'),
      'opinions.version',
      'opinions.name',
      'opinions.contact',
      'opinions.public_announcement_id',
      'opinions.problem_id',
      'opinions.measure_id',
      'measures.inspection_id as measure_inspection_id',
      'measures.content as measure_content',
      'opinions.handler_person_id',
      'opinions.triage_note',
      'opinions.answer',
      'opinions.answer_drafted_by',
      'opinions.answer_drafted_at',
      'opinions.answer_published_at',
    ])
    .where('opinions.id', '=', id)
    .executeTakeFirst();
}
export type TOpinionRow = NonNullable<Awaited<ReturnType<typeof getOpinion>>>;

/** Writes a step if the opinion is still at `version`; false when someone else changed it first. */
export async function updateOpinionIfVersion(
  db: Db,
  id: number,
  version: number,
  set: Omit<Updateable<OpinionTable>, 'id' | 'version'>,
): Promise<boolean> {
  const r = await db
    .updateTable('opinions')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The problems of a unit's inspections (numbered as in their ledger), for linking an opinion. */
export async function problemsOfUnit(db: Db, unitId: number, limit: number) {
  return db
    .selectFrom('problems')
    .innerJoin('inspections', 'inspections.id', 'problems.inspection_id')
    .select(['problems.id', 'problems.number', 'problems.title', 'inspections.title as inspection_title'])
    .where('inspections.unit_id', '=', unitId)
    .orderBy('inspections.id', 'desc')
    .orderBy('problems.ordinal')
    .limit(limit)
    .execute();
}

/** A problem or measure of the unit's inspections, or undefined. */
export async function problemOfUnit(db: Db, unitId: number, problemId: number) {
  return db
    .selectFrom('problems')
    .innerJoin('inspections', 'inspections.id', 'problems.inspection_id')
    .select(['problems.id', 'problems.number', 'problems.title'])
    .where('problems.id', '=', problemId)
    .where('inspections.unit_id', '=', unitId)
    .executeTakeFirst();
}

/** A measure of the unit's inspections (with its problem), or undefined. */
export async function measureOfUnit(db: Db, unitId: number, measureId: number) {
  return db
    .selectFrom('measures')
    .innerJoin('inspections', 'inspections.id', 'measures.inspection_id')
    .innerJoin('problems', 'problems.id', 'measures.problem_id')
    .select(['measures.id', 'measures.problem_id', 'problems.number', 'problems.title'])
    .where('measures.id', '=', measureId)
    .where('inspections.unit_id', '=', unitId)
    .executeTakeFirst();
}

/** The people of a unit, by name (the handlers to choose from). */
export async function peopleOfUnit(db: Db, unitId: number, limit: number) {
  return db
    .selectFrom('people')
    .select(['id', 'name'])
    .where('unit_id', '=', unitId)
    .where('left_at', 'is', null)
    .orderBy('name')
    .limit(limit)
    .execute();
}

/** A person of the unit, or undefined. */
export async function personOfUnit(db: Db, unitId: number, personId: number) {
  return db
    .selectFrom('people')
    .select(['id', 'name'])
    .where('id', '=', personId)
    .where('unit_id', '=', unitId)
    .where('left_at', 'is', null)
    .executeTakeFirst();
}

/** Open opinions whose answer is due on or before `until`, paged by id (the reminder job). */
export async function opinionsDueBy(db: Db, until: string, afterId: number, limit: number) {
  return db
    .selectFrom('opinions')
    .select(['id', 'code', 'unit_id', 'answer_due', 'handler_person_id', 'content'])
    .where('status', 'in', ['received', 'accepted'])
    .where('answer_due', '<=', until)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Where the figures are counted: the scope, a unit and those below it, or the unit of one inspection. */
export type TOpinionFigureFilter = { scope: TUnitScope; unitPath?: string; inspectionId?: number };

function figureBase(db: Db, f: TOpinionFigureFilter) {
  let q = db
    .selectFrom('opinions')
    .innerJoin('units', 'units.id', 'opinions.unit_id')
    .where(inScope('units.id', f.scope));
  if (f.unitPath !== undefined)
    q = q.where(sql<SqlBool>`(units.path >= ${f.unitPath} and units.path < ${pathEnd(f.unitPath)})`);
  if (f.inspectionId !== undefined)
    q = q.where(
      sql<SqlBool>`opinions.unit_id = (select fi.unit_id from inspections fi where fi.id = ${f.inspectionId})`,
    );
  return q;
}

const n = (v: string | number | null | undefined) => Number(v ?? 0);

/** Received, answered, outside the remit, open and overdue on `today`, and the ten problems most written about. */
export async function opinionFigures(db: Db, f: TOpinionFigureFilter, today: string) {
  const open = sql<SqlBool>`opinions.status in ('received', 'accepted')`;
  const total = await figureBase(db, f)
    .select([
      sql<number>`count(*)`.as('received'),
      sql<number>`sum(case when opinions.status = 'answered' then 1 else 0 end)`.as('answered'),
      sql<number>`sum(case when opinions.status = 'out_of_scope' then 1 else 0 end)`.as('out_of_scope'),
      sql<number>`sum(case when ${open} then 1 else 0 end)`.as('open'),
      sql<number>`sum(case when ${open} and opinions.answer_due < ${today} then 1 else 0 end)`.as('overdue'),
    ])
    .executeTakeFirstOrThrow();
  const byProblem = await figureBase(db, f)
    .select([
      'opinions.problem_title',
      sql<number>`count(*)`.as('received'),
      sql<number>`sum(case when ${open} then 0 else 1 end)`.as('settled'),
    ])
    .where('opinions.problem_title', 'is not', null)
    .groupBy('opinions.problem_title')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('opinions.problem_title')
    .limit(10)
    .execute();
  return {
    received: n(total.received),
    answered: n(total.answered),
    outOfScope: n(total.out_of_scope),
    open: n(total.open),
    overdue: n(total.overdue),
    byProblem: byProblem.map((p) => ({
      problemTitle: p.problem_title ?? '',
      received: n(p.received),
      settled: n(p.settled),
    })),
  };
}

/** One unit's month: opinions received, answered and found outside the remit in [from, to), open and overdue now. */
export async function monthOpinionFigures(
  db: Db,
  unitId: number,
  range: { from: string; to: string },
  asOf: string,
) {
  const inMonth = (column: 'opinions.created_at' | 'opinions.answer_published_at') =>
    sql<SqlBool>`${sql.ref(column)} >= ${range.from} and ${sql.ref(column)} < ${range.to}`;
  const row = await db
    .selectFrom('opinions')
    .select([
      sql<number>`sum(case when ${inMonth('opinions.created_at')} then 1 else 0 end)`.as('received'),
      sql<number>`sum(case when opinions.status = 'answered' and ${inMonth('opinions.answer_published_at')} then 1 else 0 end)`.as(
        'answered',
      ),
      sql<number>`sum(case when opinions.status = 'out_of_scope' and ${inMonth('opinions.answer_published_at')} then 1 else 0 end)`.as(
        'out_of_scope',
      ),
      sql<number>`sum(case when opinions.status in ('received', 'accepted') then 1 else 0 end)`.as('open'),
      sql<number>`sum(case when opinions.status in ('received', 'accepted') and opinions.answer_due < ${asOf} then 1 else 0 end)`.as(
        'overdue',
      ),
    ])
    .where('opinions.unit_id', '=', unitId)
    .executeTakeFirstOrThrow();
  return {
    received: n(row.received),
    answered: n(row.answered),
    outOfScope: n(row.out_of_scope),
    open: n(row.open),
    overdue: n(row.overdue),
  };
}
