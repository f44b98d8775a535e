/** Audit entries as the audit page and its CSV export show them. */
import type { TAuditEntryView } from '@shared/api.ts';
import { AUDIT_KINDS, AUDIT_OBJECT_LABELS } from '@shared/audit.ts';
import type { TNamedAuditRow } from '../repositories/audit-trail.repository.ts';

const label = (kind: string): string =>
  kind in AUDIT_KINDS ? AUDIT_KINDS[kind as keyof typeof AUDIT_KINDS] : kind;

/** One entry for the audit page and its CSV. */
export function presentAuditEntry(r: TNamedAuditRow): TAuditEntryView {
  return {
    seq: r.seq,
    at: r.at,
    actorLabel: r.actor_label,
    ip: r.ip,
    kind: r.kind,
    kindLabel: label(r.kind),
    objectType: r.object_type,
    objectTypeLabel: AUDIT_OBJECT_LABELS[r.object_type] ?? r.object_type,
    objectId: r.object_id,
    objectName: r.object_name,
    actorName: r.actor_name,
    unitId: r.unit_id,
    before: r.before_json,
    after: r.after_json,
  };
}

/** A CSV cell, quoted; formula-looking text is prefixed so spreadsheets do not run it. */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}
