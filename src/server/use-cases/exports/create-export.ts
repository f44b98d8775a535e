/**
 * Exports by POST only: the export is made and audited here, stored by content, and a short-lived ticket lets the
 * browser fetch the file with a plain GET that writes nothing. Opening a page or a cross-site link never exports.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { TExportRequest, TExportTicket } from '@shared/api.ts';
import { ZAuditQuery } from '@shared/api.ts';
import { todayInChina } from '@shared/chinese.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { findExportTicket, insertExportTicket } from '../../repositories/export-ticket.repository.ts';
import type { TFileStorage } from '../../storage/file-storage.ts';
import { exportAuditCsv } from '../audit/read-audit.ts';
import { exportDocument } from '../documents/export-document.ts';
import { exportRoundSummary } from '../documents/round-summary.ts';
import { exportLedger } from '../inspections/export-ledger.ts';
import { nowIso } from '../transaction.ts';

/** How long a ticket can be used. */
export const EXPORT_TICKET_SECONDS = 120;

const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  txt: 'text/plain; charset=utf-8',
  html: 'text/html; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
} as const;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Makes the export (audited by the export itself) and returns the ticket's link. */
export async function createExport(o: {
  db: Kysely<Database>;
  storage: TFileStorage;
  actor: TActor;
  request: TExportRequest;
}): Promise<TExportTicket> {
  if (o.actor.userId === null) throw new AppError('UNAUTHENTICATED', '请先登录');
  const r = o.request;
  let made: { bytes: Uint8Array; fileName: string; type: string };
  switch (r.what) {
    case 'document': {
      const { bytes, fileName } = await exportDocument({
        db: o.db,
        storage: o.storage,
        actor: o.actor,
        inspectionId: r.inspectionId,
        kind: r.kind,
        format: r.format,
        month: r.month ?? todayInChina().slice(0, 7),
        ...(r.kind === 'announcement' && r.version !== undefined ? { announcementId: r.version } : {}),
      });
      made = { bytes, fileName, type: CONTENT_TYPES[r.format] };
      break;
    }
    case 'round_summary': {
      const { bytes, fileName } = await exportRoundSummary({
        db: o.db,
        actor: o.actor,
        round: r.round,
        unit: r.unit,
        format: r.format,
      });
      made = { bytes, fileName, type: CONTENT_TYPES[r.format] };
      break;
    }
    case 'ledger': {
      const { bytes, fileName } = await exportLedger({
        db: o.db,
        actor: o.actor,
        inspectionId: r.inspectionId,
      });
      made = { bytes, fileName, type: CONTENT_TYPES.xlsx };
      break;
    }
    case 'audit': {
      const csv = await exportAuditCsv(o.db, o.actor, ZAuditQuery.parse(r.query));
      made = { bytes: new TextEncoder().encode(csv), fileName: '操作日志.csv', type: CONTENT_TYPES.csv };
      break;
    }
  }
  const sha256 = await o.storage.put(made.bytes);
  const token = randomBytes(24).toString('base64url');
  const at = nowIso();
  const expiresAt = new Date(Date.parse(at) + EXPORT_TICKET_SECONDS * 1000).toISOString();
  await insertExportTicket(o.db, {
    token_hash: hashToken(token),
    user_id: o.actor.userId,
    sha256,
    file_name: made.fileName,
    content_type: made.type,
    created_at: at,
    expires_at: expiresAt,
  });
  return { url: `/api/exports/${token}`, fileName: made.fileName, expiresAt };
}

/** The file of a ticket, for its own user only while it lasts; 404 otherwise. Writes nothing. */
export async function readExport(o: {
  db: Kysely<Database>;
  storage: TFileStorage;
  actor: TActor;
  token: string;
}): Promise<{ bytes: Uint8Array; fileName: string; type: string }> {
  const ticket =
    o.actor.userId === null
      ? undefined
      : await findExportTicket(o.db, hashToken(o.token), o.actor.userId, nowIso());
  if (!ticket) throw new AppError('NOT_FOUND', '下载链接已失效，请重新导出');
  const bytes = await o.storage.get(ticket.sha256);
  if (!bytes) throw new AppError('NOT_FOUND', '文件已丢失，请重新导出');
  return { bytes, fileName: ticket.file_name, type: ticket.content_type };
}
