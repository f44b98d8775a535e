/** The audit page: entries of the actor's units, filtered by who, what, when and object; CSV export. */
import type { Kysely } from 'kysely';
import type { TAuditEntryView, TAuditQuery } from '@shared/api.ts';
import { beijingTime } from '@shared/audit.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { roleMay } from '../../policies/policy.ts';
import { presentAuditEntry, csvCell } from '../../presenters/audit.presenter.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { auditForExport, searchAudit } from '../../repositories/audit-trail.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';

function requireReader(actor: TActor): void {
  if (!roleMay(actor.role, 'audit.read')) throw new AppError('FORBIDDEN', '没有查看操作日志的权限');
}

/** One page of entries, newest first, and the total. */
export async function readAudit(
  db: Kysely<Database>,
  actor: TActor,
  q: TAuditQuery,
): Promise<{ total: number; entries: TAuditEntryView[] }> {
  requireReader(actor);
  const { total, rows } = await searchAudit(db, actor.scope, q, q);
  return { total, entries: rows.map(presentAuditEntry) };
}

/** All matching entries as CSV (UTF-8 with BOM for Excel, at most 50 000 rows); the export is itself audited. */
export async function exportAuditCsv(db: Kysely<Database>, actor: TActor, q: TAuditQuery): Promise<string> {
  requireReader(actor);
  const rows = await auditForExport(db, actor.scope, q, 50_000);
  const header = [
    '序号',
    '时间（北京时间）',
    '操作人',
    '账号',
    'IP',
    '操作',
    '对象类型',
    '对象',
    '对象ID',
    '单位ID',
    '修改前',
    '修改后',
  ];
  const lines = [
    header.map(csvCell).join(','),
    ...rows
      .map(presentAuditEntry)
      .map((e) =>
        [
          e.seq,
          beijingTime(e.at),
          e.actorName ?? e.actorLabel,
          e.actorLabel,
          e.ip,
          e.kindLabel,
          e.objectTypeLabel,
          e.objectName,
          e.objectId,
          e.unitId,
          e.before,
          e.after,
        ]
          .map(csvCell)
          .join(','),
      ),
  ];
  await inTransaction(db, async (trx) => {
    await appendAudit(trx, {
      kind: 'audit.exported',
      ...auditActor(actor),
      objectType: 'audit',
      objectId: null,
      unitId: null,
      after: { filters: q, rows: rows.length },
      at: nowIso(),
    });
  });
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
