/**
 * Exports an inspection's document — announcement (a published version as frozen, or the current draft),
 * monthly report, or plan — in one format, and records the export. Used by the HTTP route and the CLI.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import type { TFileStorage } from '../../storage/file-storage.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { loadInspectionFor } from '../inspections/load-inspection.ts';
import { announcementDocument, frozenAnnouncement } from './announcements.ts';
import { renderDocument, type TDocumentFormat } from './render.ts';
import { monthlyReport, planDocument } from './reports.ts';

/** The documents an inspection has, with their file names. */
export const DOCUMENT_NAMES = {
  announcement: '巡察整改进展情况的通报',
  monthly: '整改工作月报告',
  plan: '整改方案',
} as const;
export type TDocumentKind = keyof typeof DOCUMENT_NAMES;

/** Options of `exportDocument`. */
export type TExportDocumentOptions = {
  db: Kysely<Database>;
  storage: TFileStorage;
  actor: TActor;
  inspectionId: number | 'latest';
  kind: TDocumentKind;
  format: TDocumentFormat;
  /** YYYY-MM, for the monthly report. */
  month: string;
  /** A published announcement version, served as it was frozen. */
  announcementId?: number;
};

/** The bytes of the document; the export is audited. */
export async function exportDocument(
  o: TExportDocumentOptions,
): Promise<{ bytes: Uint8Array; fileName: string }> {
  const { bytes, fileName, inspection } = await renderInspectionDocument(o);
  await inTransaction(o.db, async (trx) => {
    await appendAudit(trx, {
      kind: 'document.exported',
      ...auditActor(o.actor),
      objectType: 'inspection',
      objectId: inspection.id,
      unitId: inspection.unit_id,
      after: { document: o.kind, format: o.format, ...(o.kind === 'monthly' ? { month: o.month } : {}) },
      at: nowIso(),
    });
  });
  return { bytes, fileName };
}

/** The document for reading on screen (a preview): the same bytes, and no side effect, so a GET may serve it. */
export async function previewDocument(
  o: TExportDocumentOptions,
): Promise<{ bytes: Uint8Array; fileName: string }> {
  const { bytes, fileName } = await renderInspectionDocument(o);
  return { bytes, fileName };
}

async function renderInspectionDocument(o: TExportDocumentOptions) {
  const inspection = await loadInspectionFor(o.db, o.actor, o.inspectionId);
  let bytes: Uint8Array;
  if (o.kind === 'announcement' && o.announcementId !== undefined) {
    const { row, frozen } = await frozenAnnouncement(o.db, o.storage, o.actor, o.announcementId);
    if (row.inspection_id !== inspection.id) throw new AppError('NOT_FOUND', '通报不存在');
    if (!frozen) throw new AppError('UNPROCESSABLE', '该版本尚未发布，请预览草稿');
    if (o.format === 'docx' && !frozen.docx) throw new AppError('NOT_FOUND', '文件已丢失，请联系管理员');
    if (o.format === 'pdf' && !frozen.pdf)
      throw new AppError('UNPROCESSABLE', '该版本发布时服务器未安装中文字体，未生成 PDF，请下载 Word 文档');
    bytes =
      o.format === 'docx'
        ? (frozen.docx ?? new Uint8Array())
        : o.format === 'pdf'
          ? (frozen.pdf ?? new Uint8Array())
          : new TextEncoder().encode(o.format === 'txt' ? frozen.text : frozen.html);
  } else {
    const doc =
      o.kind === 'announcement'
        ? await announcementDocument(o.db, o.actor, inspection.id)
        : o.kind === 'monthly'
          ? await monthlyReport(o.db, o.actor, inspection.id, o.month)
          : await planDocument(o.db, o.actor, inspection.id);
    bytes = await renderDocument(doc, o.format);
  }
  return { bytes, fileName: `${DOCUMENT_NAMES[o.kind]}.${o.format}`, inspection };
}
