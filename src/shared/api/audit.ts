/** The audit page: query and entries. */
import { z } from 'zod';
import { pageNumber, pageSizeUpTo } from './fields.ts';
import { ZIsoDate } from '../domain.ts';

/** GET /api/audit query. */
export const ZAuditQuery = z.object({
  actor: z.string().trim().max(64).optional(),
  kind: z.string().trim().max(64).optional(),
  objectType: z.string().trim().max(32).optional(),
  objectId: z.coerce.number().int().positive().optional(),
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
  page: pageNumber(),
  pageSize: pageSizeUpTo(200, 50),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

/** One audit entry as the audit page shows it. */
export type TAuditEntryView = {
  seq: number;
  at: string;
  actorLabel: string;
  ip: string | null;
  kind: string;
  kindLabel: string;
  objectType: string;
  /** The object type in Chinese. */
  objectTypeLabel: string;
  objectId: number | null;
  /** What people know the object by (the measure's number and words, a name, a code), when it still exists. */
  objectName: string | null;
  /** The acting account's name, when it is an account. */
  actorName: string | null;
  unitId: number | null;
  before: string | null;
  after: string | null;
};
