/** The audit trail: append-only. There is no update or delete here, on purpose. */
import type { Kysely } from 'kysely';
import type { TAuditKind } from '@shared/audit.ts';
import type { Database } from '../db/schema.ts';

/** One entry: who did what to which object, with the changed fields before and after. */
export type TAuditEntry = {
  kind: TAuditKind;
  actorId: number | null;
  actorLabel: string;
  ip: string | null;
  objectType: string;
  objectId: number | null;
  unitId: number | null;
  before?: unknown;
  after?: unknown;
  at: string;
};

/** The who-fields of an entry, from the acting user or system. */
export function auditActor(actor: {
  userId: number | null;
  label: string;
  ip: string | null;
}): Pick<TAuditEntry, 'actorId' | 'actorLabel' | 'ip'> {
  return { actorId: actor.userId, actorLabel: actor.label, ip: actor.ip };
}

/** Appends an entry; call inside the transaction of the write it records. */
export async function appendAudit(db: Kysely<Database>, e: TAuditEntry): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      at: e.at,
      actor_id: e.actorId,
      actor_label: e.actorLabel,
      ip: e.ip,
      kind: e.kind,
      object_type: e.objectType,
      object_id: e.objectId,
      unit_id: e.unitId,
      before_json: e.before === undefined ? null : JSON.stringify(e.before),
      after_json: e.after === undefined ? null : JSON.stringify(e.after),
    })
    .execute();
}

/** Entries about one object, oldest first (for tests and the measure timeline). */
export async function listAuditFor(db: Kysely<Database>, objectType: string, objectId: number) {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('object_type', '=', objectType)
    .where('object_id', '=', objectId)
    .orderBy('id')
    .execute();
}
