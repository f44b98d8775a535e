/** Documents (announcement, monthly report, plan) in txt/html/docx; announcement versions; monthly reports. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';

import { todayInChina } from '@shared/chinese.ts';
import type { TConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { requireActor } from '../plugins/auth.plugin.ts';
import type { TFileStorage } from '../storage/file-storage.ts';
import { listAnnouncements, saveAnnouncementDraft } from '../use-cases/documents/announcements.ts';
import { announcementStep } from '../use-cases/documents/announcement-step.ts';
import { previewDocument, type TDocumentKind } from '../use-cases/documents/export-document.ts';
import { CONTENT_TYPES, type TDocumentFormat } from '../use-cases/documents/render.ts';
import { issueMonthlyReport, listMonthlyReports } from '../use-cases/documents/reports.ts';
import { idParam, bodyOf } from './route-helpers.ts';

/** Registers the routes. */
export function documentRoutes(
  app: FastifyInstance,
  { db, storage }: { db: Kysely<Database>; config: TConfig; storage: TFileStorage },
): void {
  app.get('/api/inspections/:id/documents/:file', async (request, reply) => {
    const actor = requireActor(request);
    const inspectionId = idParam(request.params);
    const file = (request.params as { file?: string }).file ?? '';
    // Reading on screen only (HTML, text): a GET has no side effect. Word files are exported by POST /api/exports.
    const m = /^(announcement|monthly|plan)\.(txt|html)$/.exec(file);
    if (!m)
      throw new AppError(
        'NOT_FOUND',
        file.endsWith('.docx') ? 'Word 文件请通过“导出”按钮下载' : '文书不存在',
      );
    const kind = m[1] as TDocumentKind;
    const format = m[2] as TDocumentFormat;
    const query = request.query as Record<string, string | undefined>;
    const month = query.month ?? todayInChina().slice(0, 7);
    if (kind === 'monthly' && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
      throw new AppError('BAD_REQUEST', '月份格式应为 YYYY-MM');
    const { bytes, fileName } = await previewDocument({
      db,
      storage,
      actor,
      inspectionId,
      kind,
      format,
      month,
      ...(kind === 'announcement' && query.version ? { announcementId: idParam({ id: query.version }) } : {}),
    });
    const disposition = 'inline';
    return reply
      .header('content-type', CONTENT_TYPES[format])
      .header(
        'content-disposition',
        `${disposition}; filename="document.${format}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      )
      .send(Buffer.from(bytes));
  });

  app.get('/api/inspections/:id/announcements', async (request) =>
    listAnnouncements(db, requireActor(request), idParam(request.params)),
  );

  app.put('/api/inspections/:id/announcements/draft', async (request) => {
    const id = await saveAnnouncementDraft({
      db,
      actor: requireActor(request),
      inspectionId: idParam(request.params),
      input: bodyOf(request, 'PUT /api/inspections/:id/announcements/draft'),
    });
    return { id };
  });

  app.post('/api/announcements/:id/:step', async (request) => {
    const step = (request.params as { step?: string }).step;
    if (
      step !== 'submit' &&
      step !== 'approve' &&
      step !== 'return' &&
      step !== 'publish' &&
      step !== 'withdraw'
    )
      throw new AppError('NOT_FOUND', '操作不存在');
    const { opinion } = bodyOf(request, 'POST /api/announcements/:id/:step');
    await announcementStep({
      db,
      storage,
      actor: requireActor(request),
      announcementId: idParam(request.params),
      step,
      ...(opinion === undefined ? {} : { opinion }),
    });
    return { ok: true };
  });

  app.get('/api/inspections/:id/monthly-reports', async (request) =>
    listMonthlyReports(db, requireActor(request), idParam(request.params)),
  );

  app.post('/api/inspections/:id/monthly-reports', async (request, reply) => {
    const { month, summary } = bodyOf(request, 'POST /api/inspections/:id/monthly-reports');
    const id = await issueMonthlyReport({
      db,
      actor: requireActor(request),
      inspectionId: idParam(request.params),
      month,
      summary,
    });
    void reply.code(201);
    return { id };
  });
}
