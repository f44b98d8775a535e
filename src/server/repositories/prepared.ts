/**
 * Queries built and compiled once, run many times. Kysely builds a query's tree and compiles it to SQL at every
 * call: for one measure's detail (nine subqueries) that took 0.38 ms of a 1.3 ms request, more than the database
 * took to answer it. A prepared query is built once per engine and shape with placeholders standing for its values;
 * each call puts its own values where the placeholders landed in the compiled parameter list, and runs the same
 * SQL text (which both engines then find among their prepared statements, see connection.ts).
 *
 * The rules of a builder: a value may only be handed to Kysely (compared, inserted, limited by), never looked at in
 * JavaScript, since at build time it is a placeholder; whatever changes the SQL's shape (which filters, which sort,
 * which scope) comes as the shape, part of the key. Under tests every call is also built the ordinary way and must
 * compile to the same SQL and parameters, so a builder that breaks the rule fails the test that reaches it.
 */
import { type Compilable, type CompiledQuery, createQueryId, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

/** What stands for one value while the query is built. */
class Placeholder {
  constructor(readonly name: string) {}
}

/** The values a prepared query takes, by name. */
type TValues = Record<string, string | number | null>;

type TTemplate = { compiled: CompiledQuery; slots: Array<string | null> };

/** Every call is checked against an ordinary build while tests run (see the module's comment). */
const CHECK = process.env.VITEST !== undefined;

/** How many shapes one prepared query keeps per engine: shapes come from a small set of options, never from data. */
const MAX_SHAPES = 500;

/**
 * A query built by `build(db, values, shape)` and compiled once per engine and `shapeKey(shape)`; the returned
 * function runs it with the given values and answers its rows.
 */
export function preparedQuery<V extends TValues, O, S = undefined>(
  build: (db: Db, values: V, shape: S) => Compilable<O>,
  shapeKey: (shape: S) => string = () => '',
): (db: Db, values: V, ...shape: S extends undefined ? [] : [S]) => Promise<O[]> {
  // Per engine (the adapter's class: SQLite and PostgreSQL compile differently), then per shape.
  const templates = new Map<unknown, Map<string, TTemplate>>();
  const templateOf = (db: Db, values: V, shape: S, key: string): TTemplate => {
    const engine = db.getExecutor().adapter.constructor;
    let byShape = templates.get(engine);
    if (byShape === undefined) {
      byShape = new Map();
      templates.set(engine, byShape);
    }
    const known = byShape.get(key);
    if (known !== undefined) return known;
    const placeholders = Object.fromEntries(
      Object.keys(values).map((name) => [name, new Placeholder(name)]),
    ) as unknown as V;
    const compiled = build(db, placeholders, shape).compile();
    const slots = compiled.parameters.map((p) => (p instanceof Placeholder ? p.name : null));
    const template = { compiled, slots };
    if (byShape.size >= MAX_SHAPES) byShape.clear();
    byShape.set(key, template);
    return template;
  };
  return async (db, values, ...rest) => {
    const shape = rest[0] as S;
    const { compiled, slots } = templateOf(db, values, shape, shapeKey(shape));
    const parameters = compiled.parameters.map((p, i) => {
      const slot = slots[i];
      return slot === null || slot === undefined ? p : values[slot];
    });
    const query: CompiledQuery<O> = {
      query: compiled.query,
      queryId: createQueryId(),
      sql: compiled.sql,
      parameters,
    };
    if (CHECK) {
      const direct = build(db, values, shape).compile();
      if (direct.sql !== query.sql || JSON.stringify(direct.parameters) !== JSON.stringify(parameters))
        throw new Error(`prepared query differs from its ordinary build:\n${direct.sql}\n${query.sql}`);
    }
    return (await db.executeQuery(query)).rows;
  };
}
