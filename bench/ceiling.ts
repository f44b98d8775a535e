/**
 * The ceiling of the filtered search: a bare Fastify route running the same filtered search (推进中 + red, sorted by
 * deadline, 50 a page, with the total and the names of unit, inspection, problem, department and people) as
 * hand-written SQL on the same database — no session, no scope, no presentation. `bench/run.ts` measures the app's
 * GET /api/measures against it in the same run.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import SQLite from 'better-sqlite3';
import pg from 'pg';

// The search split as the app splits it: dated work by deadline range, standing work by its next check date (kept by
// the database). (The scale data has no archived ledger: the app then adds no condition for them either.)
const dated = (p: (n: number) => string) =>
  `m.state = 'in_progress' and m.is_standing = 0 and m.deadline < ${p(1)}`;
const standing = (p: (n: number) => string) =>
  `m.state = 'in_progress' and m.is_standing = 1 and m.check_due < ${p(1)}`;
const countSql = (p: (n: number) => string) =>
  `select (select count(*) from measures m where ${dated(p)}) + (select count(*) from measures m where ${standing(p)}) as n`;
const idsSql = (p: (n: number) => string) =>
  `select * from (select m.id, m.deadline from measures m where ${dated(p)} order by m.deadline, m.id limit 50) as a
   union all select * from (select m.id, m.deadline from measures m where ${standing(p)} order by m.deadline, m.id limit 50) as b`;
const columns = `m.*, u.name as unit_name, i.title as inspection_title, i.round, c.title as category_title,
  pr.number as problem_number, pr.title as problem_title, d.name as department_name, l.name as leader_name,
  pe.name as person_name`;
const joins = `join inspections i on i.id = m.inspection_id join units u on u.id = i.unit_id
  join problems pr on pr.id = m.problem_id join categories c on c.id = pr.category_id
  left join departments d on d.id = m.department_id left join people l on l.id = m.leader_id
  left join people pe on pe.id = m.person_id`;
const pageSql = (p: (n: number) => string) =>
  `select ${columns} from (${idsSql(p)} order by deadline asc nulls last, id limit 50) as page
   join measures m on m.id = page.id ${joins} order by m.deadline asc nulls last, m.id`;

// The public announcement page and the receipt lookup, as bare as they can be: one indexed row, HTML around it.
const PUBLIC_PAGE_SQL = 'select title, unit_name, published_at, html from public_announcements where id = ?';
const RECEIPT_SQL = `select o.code, o.status, o.created_at, o.problem_title, o.answer, o.answer_published_at,
  u.name as unit_name from opinions o left join public_units u on u.unit_id = o.unit_id where o.code = ?`;
type TSnapshot = { title: string; unit_name: string; published_at: string; html: string };
const publicPage = (a: TSnapshot | undefined) =>
  a === undefined
    ? '<!doctype html><p>未找到</p>'
    : `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${a.title}</title></head><body><h1>${a.title}</h1><p>${a.unit_name} ${a.published_at}</p><article>${a.html}</article></body></html>`;

/** The bare route on a SQLite file (its own connection) or a PostgreSQL URL (its own pool). */
export async function ceilingApp(url: string, pgSchema?: string): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  if (url.startsWith('postgres')) {
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      ...(pgSchema ? { options: `-c search_path=${pgSchema}` } : {}),
    });
    const p = (n: number) => `$${n}`;
    const count = countSql(p);
    const page = pageSql(p);
    app.get('/search', async () => {
      const t = today();
      // Named: prepared once per connection, as the app's statements are (connection.ts).
      const [n, items] = await Promise.all([
        pool.query({ name: 'ceiling_count', text: count, values: [t] }),
        pool.query({ name: 'ceiling_page', text: page, values: [t] }),
      ]);
      return { total: Number((n.rows[0] as { n: string }).n), items: items.rows };
    });
    // The public side: an announcement's snapshot as a page, and a receipt by its code.
    app.get<{ Params: { id: string } }>('/public-page/:id', async (request, reply) => {
      const r = await pool.query({
        name: 'ceiling_public_page',
        text: PUBLIC_PAGE_SQL.replace('?', '$1'),
        values: [Number(request.params.id)],
      });
      return reply.type('text/html; charset=utf-8').send(publicPage(r.rows[0] as TSnapshot | undefined));
    });
    app.get<{ Params: { code: string } }>('/receipt/:code', async (request) => {
      const r = await pool.query({
        name: 'ceiling_receipt',
        text: RECEIPT_SQL.replace('?', '$1'),
        values: [request.params.code],
      });
      return r.rows[0] ?? {};
    });
    app.addHook('onClose', async () => pool.end());
  } else {
    const db = new SQLite(url, { readonly: true });
    const p = () => '@today';
    const count = db.prepare(countSql(p));
    const page = db.prepare(pageSql(p));
    app.get('/search', () => {
      const t = { today: today() };
      return { total: (count.get(t) as { n: number }).n, items: page.all(t) };
    });
    const snapshot = db.prepare(PUBLIC_PAGE_SQL);
    const receipt = db.prepare(RECEIPT_SQL);
    app.get<{ Params: { id: string } }>('/public-page/:id', (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(publicPage(snapshot.get(Number(request.params.id)) as TSnapshot | undefined)),
    );
    app.get<{ Params: { code: string } }>(
      '/receipt/:code',
      (request) => receipt.get(request.params.code) ?? {},
    );
    app.addHook('onClose', () => Promise.resolve(db.close()).then(() => undefined));
  }
  return app;
}
