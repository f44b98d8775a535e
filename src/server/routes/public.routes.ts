/**
 * The public pages (/public, /public/announcements/:id, /public/units/:id) and the published .docx: no login, served
 * from the public snapshots only (`repositories/public.repository.ts`), plain HTML. A withdrawn announcement's
 * address answers 已撤回 (410), never 404; an address that never existed answers 404.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import QRCode from 'qrcode';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { normaliseCode, ZOpinionRequest } from '@shared/opinions.ts';
import { AppError } from '../errors.ts';
import { formTokens, type TFormTokens } from '../public/form-token.ts';
import { lookupForm, opinionForm, receiptPage } from '../public/opinion-pages.ts';
import {
  announcementPage,
  layout,
  listPage,
  notFoundPage,
  unitPage,
  type TPublicListItem,
} from '../public/pages.ts';
import { opinionReceipt, submitOpinion } from '../use-cases/public/submit-opinion.ts';
import { bodyOf, validate } from './route-helpers.ts';
import {
  getPublicAnnouncement,
  getPublicAnnouncementPage,
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

/**
 * Registers the public pages and the opinion routes. The opinion form posts as an HTML form: its body is read as
 * URL-encoded fields (API writes still need the same-origin header, so a cross-site form cannot make one).
 */
export function publicRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<Database>; storage: TFileStorage; publicUrl: string | null; secretKey: Buffer | null },
) {
  const tokens = formTokens(deps.db, deps.secretKey);
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, next) => next(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  pages(app, { ...deps, tokens });
  opinionRoutes(app, deps.db, tokens);
}

/** The announcement and unit pages. */
function pages(
  app: FastifyInstance,
  {
    db,
    storage,
    publicUrl,
    tokens,
  }: { db: Kysely<Database>; storage: TFileStorage; publicUrl: string | null; tokens: TFormTokens },
) {
  // A unit's QR code for posters: the absolute address of its public page, as SVG (sharp at any print size).
  app.get('/public/units/:id/qr.svg', async (request, reply) => {
    const id = idOf(request.params);
    const unit = id === null ? undefined : await getPublicUnit(db, id);
    if (!unit || id === null) return html(reply, 404, notFoundPage());
    const base = (publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
    const svg = await QRCode.toString(`${base}/public/units/${id}`, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
    return reply
      .header('content-type', 'image/svg+xml; charset=utf-8')
      .header('content-disposition', `inline; filename="unit-${id}-qr.svg"`)
      .header('cache-control', 'public, max-age=3600')
      .send(svg);
  });

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
    return html(
      reply,
      200,
      listPage({ items: rows.map(item), total, page, pageSize: PAGE_SIZE, q, extra: lookupForm() }),
    );
  });

  app.get('/public/announcements/:id', async (request, reply) => {
    const id = idOf(request.params);
    const a = id === null ? undefined : await getPublicAnnouncementPage(db, id);
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
        hasPdf: a.pdf_sha !== null,
        withdrawnAt: a.withdrawn_at,
        replacedBy: a.replaced_by,
        extra:
          a.withdrawn_at === null
            ? opinionForm({
                target: { announcementId: a.id },
                problems: problemsOf(a.problems_json),
                token: await tokens.sign(Date.now(), { announcementId: a.id }),
              })
            : '',
      }),
    );
  });

  app.get('/public/announcements/:id/pdf', async (request, reply) => {
    const id = idOf(request.params);
    const a = id === null ? undefined : await getPublicAnnouncement(db, id);
    if (!a || a.withdrawn_at !== null || a.pdf_sha === null) return html(reply, 404, notFoundPage());
    const bytes = await storage.get(a.pdf_sha);
    if (!bytes) return html(reply, 404, notFoundPage());
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(`${a.title}.pdf`)}`)
      .send(Buffer.from(bytes));
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
        id,
        name: unit.name,
        partyOrgName: unit.party_org_name,
        phone: unit.phone,
        address: unit.address,
        email: unit.email,
        items: rows.map(item),
        extra: opinionForm({
          target: { unitId: id },
          problems: [],
          token: await tokens.sign(Date.now(), { unitId: id }),
        }),
      }),
    );
  });
}

/** The problems an announcement's snapshot offers. */
const problemsOf = (json: string | null) =>
  JSON.parse(json ?? '[]') as Array<{ id: number; number: string; title: string }>;

/** The :code of the address, as text. */
const codeParam = (params: unknown) => {
  const code = (params as { code?: unknown }).code;
  return typeof code === 'string' ? code : '';
};

/** A form field as text. */
const field = (body: Record<string, unknown>, name: string) => {
  const v = body[name];
  return typeof v === 'string' ? v : '';
};

/** The opinion routes: the JSON API, the HTML form's post, and the receipt by code. */
function opinionRoutes(app: FastifyInstance, db: Kysely<Database>, tokens: TFormTokens) {
  app.post('/api/public/opinions', async (request, reply) => {
    const input = bodyOf(request, 'POST /api/public/opinions');
    const r = await submitOpinion(db, input, { address: request.ip });
    void reply.code(r.isDuplicate ? 200 : 201);
    return r;
  });

  app.get('/api/public/opinions/:code', async (request) => opinionReceipt(db, codeParam(request.params)));

  // The form on the public pages: on success to the receipt (303), on refusal the form again with the reason.
  app.post('/public/opinions', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const number = (name: string) =>
      /^[1-9]\d{0,9}$/.test(field(body, name)) ? Number(field(body, name)) : undefined;
    const draft = {
      content: field(body, 'content'),
      name: field(body, 'name'),
      contact: field(body, 'contact'),
      problemId: number('problemId') ?? null,
    };
    const announcementId = number('announcementId');
    const unitId = number('unitId');
    const target = announcementId !== undefined ? { announcementId } : { unitId: unitId ?? 0 };
    try {
      // The form's own signed token says when it was shown; a form without one did not come from this site.
      const shownAt = await tokens.shownAt(field(body, 'token'), target);
      if (shownAt === null) throw new AppError('BAD_REQUEST', '页面已过期或来源不明，请刷新页面后重新填写');
      const input = validate(ZOpinionRequest, {
        ...(announcementId === undefined ? {} : { announcementId }),
        ...(unitId === undefined ? {} : { unitId }),
        problemId: draft.problemId,
        content: draft.content,
        name: draft.name,
        contact: draft.contact,
        website: field(body, 'website'),
        shownAt,
      });
      const r = await submitOpinion(db, input, { address: request.ip });
      return reply.code(303).header('location', `/public/opinions/${r.code}?new=1`).send();
    } catch (e) {
      const error = e instanceof AppError ? e : new AppError('BAD_REQUEST', '提交未成功，请检查后重试');
      const a = announcementId === undefined ? undefined : await getPublicAnnouncement(db, announcementId);
      const form = opinionForm({
        target,
        problems: problemsOf(a?.problems_json ?? null),
        token: await tokens.sign(Date.now(), target),
        error: error.message,
        draft,
      });
      return html(reply, error.status, layout('监督意见', form));
    }
  });

  app.get('/public/opinions', async (request, reply) => {
    const raw = (request.query as { code?: unknown }).code;
    const code = typeof raw === 'string' ? normaliseCode(raw) : null;
    if (code === null)
      return html(
        reply,
        400,
        layout('查询', `<div class="card"><p>查询码格式不正确，请核对后重新输入。</p></div>${lookupForm()}`),
      );
    return reply.code(303).header('location', `/public/opinions/${code}`).send();
  });

  app.get('/public/opinions/:code', async (request, reply) => {
    const isNew = (request.query as { new?: unknown }).new === '1';
    try {
      const receipt = await opinionReceipt(db, codeParam(request.params));
      return reply
        .code(200)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(receiptPage(receipt, isNew));
    } catch {
      return html(
        reply,
        404,
        layout('查询', `<div class="card"><p>查询码不存在，请核对后重新输入。</p></div>${lookupForm()}`),
      );
    }
  });
}
