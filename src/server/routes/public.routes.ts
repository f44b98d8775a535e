/**
 * The public pages (/public, /public/announcements/:id, /public/units/:id) and the published .docx: no login, served
 * from the public snapshots only (`repositories/public.repository.ts`), plain HTML. A withdrawn announcement's
 * address answers 已撤回 (410), never 404; an address that never existed answers 404.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { announcementPage, listPage, notFoundPage, unitPage, type TPublicListItem } from '../public/pages.ts';
import {
  getPublicAnnouncement,
  getPublicUnit,
  listPublicAnnouncements,
} from '../repositories/public.repository.ts';
import type { TFileStorage } from '../storage/file-storage.ts';

const PAGE_SIZE = 20;

/** A positive id from the address, or null. */
const idOf = (params: unknown): number | null => {
  const raw = (params as { id?: unknown }).id;
  return typeof raw === 'string' && /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : null;
};

const html = (reply: FastifyReply, status: number, body: string) =>
  reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'public, max-age=60')
    .send(body);

const item = (r: {
  id: number;
  unit_id: number;
  unit_name: string;
  title: string;
  round: string | null;
  published_at: string;
}): TPublicListItem => ({
  id: r.id,
  unitId: r.unit_id,
  unitName: r.unit_name,
  title: r.title,
  round: r.round,
  publishedAt: r.published_at,
});

/** Registers the public pages. */
export function publicRoutes(
  app: FastifyInstance,
  { db, storage }: { db: Kysely<Database>; storage: TFileStorage },
) {
  app.get('/public', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const q = typeof query.q === 'string' ? query.q.trim().slice(0, 50) : '';
    const page = typeof query.page === 'string' && /^[1-9]\d{0,4}$/.test(query.page) ? Number(query.page) : 1;
    const { total, rows } = await listPublicAnnouncements(db, {
      words: q === '' ? null : q,
      unitId: null,
      offset: (page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
    });
    return html(reply, 200, listPage({ items: rows.map(item), total, page, pageSize: PAGE_SIZE, q }));
  });

  app.get('/public/announcements/:id', async (request, reply) => {
    const id = idOf(request.params);
    const a = id === null ? undefined : await getPublicAnnouncement(db, id);
    if (!a) return html(reply, 404, notFoundPage());
    return html(
      reply,
      a.withdrawn_at === null ? 200 : 410,
      announcementPage({
        id: a.id,
        unitId: a.unit_id,
        unitName: a.unit_name,
        title: a.title,
        round: a.round,
        publishedAt: a.published_at,
        html: a.html,
        hasDocx: a.docx_sha !== null,
        withdrawnAt: a.withdrawn_at,
        replacedBy: a.replaced_by,
      }),
    );
  });

  app.get('/public/announcements/:id/docx', async (request, reply) => {
    const id = idOf(request.params);
    const a = id === null ? undefined : await getPublicAnnouncement(db, id);
    if (!a || a.withdrawn_at !== null || a.docx_sha === null) return html(reply, 404, notFoundPage());
    const bytes = await storage.get(a.docx_sha);
    if (!bytes) return html(reply, 404, notFoundPage());
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${a.title}.docx`)}`)
      .send(Buffer.from(bytes));
  });

  app.get('/public/units/:id', async (request, reply) => {
    const id = idOf(request.params);
    const unit = id === null ? undefined : await getPublicUnit(db, id);
    if (!unit || id === null) return html(reply, 404, notFoundPage());
    const { rows } = await listPublicAnnouncements(db, { words: null, unitId: id, offset: 0, limit: 100 });
    return html(
      reply,
      200,
      unitPage({
        name: unit.name,
        partyOrgName: unit.party_org_name,
        phone: unit.phone,
        address: unit.address,
        email: unit.email,
        items: rows.map(item),
      }),
    );
  });
}
