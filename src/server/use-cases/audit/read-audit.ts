/** The audit page: entries of the actor's units, filtered by who, what, when and object; CSV export. */
import type { Kysely } from 'kysely';
import type { TAuditEntryView, TAuditQuery } from '@shared/api.ts';
import { AUDIT_KINDS } from '@shared/audit.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { roleMay } from '../../policies/policy.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';

function filtered(db: Kysely<Database>, actor: TActor, q: TAuditQuery) {
  let query = db.selectFrom('audit_events').selectAll();
  // Entries about no unit (e.g. a global administrator's login) are for global readers only.
  if (actor.scope.kind !== 'all')
    query = query.where('unit_id', 'in', actor.scope.unitIds.length > 0 ? [...actor.scope.unitIds] : [0]);
  if (q.actor) query = query.where('actor_label', 'like', `%${q.actor.replace(/[%_]/g, '')}%`);
  if (q.kind) query = query.where('kind', '=', q.kind);
  if (q.objectType) query = query.where('object_type', '=', q.objectType);
  if (q.objectId !== undefined) query = query.where('object_id', '=', q.objectId);
  if (q.from) query = query.where('at', '>=', `${q.from}T00:00:00`);
  if (q.to) query = query.where('at', '<=', `${q.to}T23:59:59.999Z`);
  return query;
}

const label = (kind: string): string =>
  kind in AUDIT_KINDS ? AUDIT_KINDS[kind as keyof typeof AUDIT_KINDS] : kind;

type TRow = {
  seq: number;
  at: string;
  actor_label: string;
  ip: string | null;
  kind: string;
  object_type: string;
  object_id: number | null;
  unit_id: number | null;
  before_json: string | null;
  after_json: string | null;
};

function present(r: TRow): TAuditEntryView {
  return {
    seq: r.seq,
    at: r.at,
    actorLabel: r.actor_label,
    ip: r.ip,
    kind: r.kind,
    kindLabel: label(r.kind),
    objectType: r.object_type,
    objectId: r.object_id,
    unitId: r.unit_id,
    before: r.before_json,
    after: r.after_json,
  };
}

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
  const total = await filtered(db, actor, q)
    .clearSelect()
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await filtered(db, actor, q)
    .orderBy('seq', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { total: Number(total.n), entries: rows.map(present) };
}

/** A CSV cell, quoted; formula-looking text is prefixed so spreadsheets do not run it. */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** All matching entries as CSV (UTF-8 with BOM for Excel, at most 50 000 rows); the export is itself audited. */
export async function exportAuditCsv(db: Kysely<Database>, actor: TActor, q: TAuditQuery): Promise<string> {
  requireReader(actor);
  const rows = await filtered(db, actor, q).orderBy('seq').limit(50_000).execute();
  const header = ['序号', '时间', '操作人', 'IP', '操作', '对象类型', '对象ID', '单位ID', '修改前', '修改后'];
  const lines = [
    header.map(csvCell).join(','),
    ...rows
      .map(present)
      .map((e) =>
        [e.seq, e.at, e.actorLabel, e.ip, e.kindLabel, e.objectType, e.objectId, e.unitId, e.before, e.after]
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
