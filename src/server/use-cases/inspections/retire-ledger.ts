/**
 * A ledger created by mistake (the wrong document, the wrong unit, a trial import): archived, it stays readable with
 * its history but leaves every working list, figure and reminder and takes no more writes until restored; while
 * nothing has been recorded on it since its import, it may be deleted outright. A ledger with recorded work can be
 * archived by the inspection office only: a unit cannot take its own overdue work out of the office's sight.
 * Each step is audited in its transaction; the audit entries of a deleted ledger stay in the chain.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { can } from '../../policies/policy.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import {
  getInspection,
  lockInspectionRow,
  type TInspectionWithUnit,
} from '../../repositories/inspection.repository.ts';
import {
  deleteLedgerRows,
  ledgerSize,
  ledgerTouches,
  lockLedgerForDeletion,
  setLedgerArchived,
} from '../../repositories/ledger-retirement.repository.ts';
import { cachedFigures } from '../figures-cache.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { isPostgres } from './load-inspection.ts';

/** What the actor may do with the ledger, and what has been recorded on it (shown in the ledger's header). */
export type TLedgerRetirement = {
  canArchive: boolean;
  canRestore: boolean;
  canDelete: boolean;
  /** Work recorded since the import (empty: untouched); only computed for those who may archive. */
  touches: string[];
};

type TOptions = { db: Kysely<Database>; actor: TActor; inspectionId: number; version: number };

/** Whether the actor may archive a ledger of this unit that already has recorded work. */
const mayArchiveTouched = (actor: TActor, unitId: number) =>
  can(actor, 'inspection.archive_worked', { unitId });

/** The retirement actions the actor has on the ledger. */
export async function ledgerRetirementFor(
  db: Kysely<Database>,
  actor: TActor,
  inspection: TInspectionWithUnit,
): Promise<TLedgerRetirement> {
  if (!can(actor, 'inspection.archive', { unitId: inspection.unit_id }))
    return { canArchive: false, canRestore: false, canDelete: false, touches: [] };
  // Advice for the buttons, kept until the next write (figures-cache.ts); each retirement step checks the ledger's
  // recorded work again inside its own transaction.
  const touches = await cachedFigures(db, `ledger-touches|${inspection.id}`, () =>
    ledgerTouches(db, inspection.id),
  );
  const archived = inspection.archived_at !== null;
  return {
    canArchive: !archived && (touches.length === 0 || mayArchiveTouched(actor, inspection.unit_id)),
    canRestore: archived,
    canDelete: touches.length === 0,
    touches,
  };
}

/** The inspection for a retirement step: in scope, permitted, at the version the actor saw; its row held. */
async function loadForRetirement(
  trx: Kysely<Database>,
  actor: TActor,
  inspectionId: number,
  version: number,
  lock: (trx: Kysely<Database>, id: number) => Promise<void>,
): Promise<TInspectionWithUnit> {
  if (isPostgres(trx)) await lock(trx, inspectionId);
  const inspection = await getInspection(trx, inspectionId, actor.scope);
  if (!inspection || !can(actor, 'inspection.read', { unitId: inspection.unit_id }))
    throw new AppError('NOT_FOUND', '巡察不存在');
  if (!can(actor, 'inspection.archive', { unitId: inspection.unit_id }))
    throw new AppError('FORBIDDEN', '没有归档或删除该台账的权限');
  if (inspection.version !== version)
    throw new AppError('CONFLICT', '该台账已被他人修改，请刷新后再操作', {
      currentVersion: inspection.version,
    });
  return inspection;
}

const reasonOf = (reason: string): string => {
  const r = reason.trim();
  if (r.length < 2)
    throw new AppError('UNPROCESSABLE', '请说明原因（如：导入了错误的文件、导入到了错误的单位）');
  return r;
};

/** Archives the ledger with a reason. */
export async function archiveLedger(o: TOptions & { reason: string }): Promise<void> {
  const reason = reasonOf(o.reason);
  await inTransaction(o.db, async (trx) => {
    const inspection = await loadForRetirement(trx, o.actor, o.inspectionId, o.version, lockInspectionRow);
    if (inspection.archived_at !== null) throw new AppError('CONFLICT', '该台账已归档');
    const touches = await ledgerTouches(trx, inspection.id);
    if (touches.length > 0 && !mayArchiveTouched(o.actor, inspection.unit_id))
      throw new AppError(
        'FORBIDDEN',
        `该台账已有整改记录（${touches.join('、')}），只能由巡察办归档；误建的台账请在未填报任何内容前归档或删除`,
      );
    const at = nowIso();
    if (
      !(await setLedgerArchived(trx, inspection.id, inspection.version, {
        archived_at: at,
        archived_by: o.actor.userId,
        archive_reason: reason,
      }))
    )
      throw new AppError('CONFLICT', '该台账已被他人修改，请刷新后再操作');
    await appendAudit(trx, {
      kind: 'inspection.ledger_archived',
      ...auditActor(o.actor),
      objectType: 'inspection',
      objectId: inspection.id,
      unitId: inspection.unit_id,
      before: { archivedAt: null },
      after: { archivedAt: at, reason, recorded: touches },
      at,
    });
  });
}

/** Restores an archived ledger to the working lists. */
export async function restoreLedger(o: TOptions): Promise<void> {
  await inTransaction(o.db, async (trx) => {
    const inspection = await loadForRetirement(trx, o.actor, o.inspectionId, o.version, lockInspectionRow);
    if (inspection.archived_at === null) throw new AppError('CONFLICT', '该台账未归档');
    const at = nowIso();
    if (
      !(await setLedgerArchived(trx, inspection.id, inspection.version, {
        archived_at: null,
        archived_by: null,
        archive_reason: null,
      }))
    )
      throw new AppError('CONFLICT', '该台账已被他人修改，请刷新后再操作');
    await appendAudit(trx, {
      kind: 'inspection.ledger_restored',
      ...auditActor(o.actor),
      objectType: 'inspection',
      objectId: inspection.id,
      unitId: inspection.unit_id,
      before: { archivedAt: inspection.archived_at, reason: inspection.archive_reason },
      after: { archivedAt: null },
      at,
    });
  });
}

/** Deletes an untouched ledger (archived or not) with a reason. */
export async function deleteLedger(o: TOptions & { reason: string }): Promise<void> {
  const reason = reasonOf(o.reason);
  await inTransaction(o.db, async (trx) => {
    const inspection = await loadForRetirement(
      trx,
      o.actor,
      o.inspectionId,
      o.version,
      lockLedgerForDeletion,
    );
    const touches = await ledgerTouches(trx, inspection.id);
    if (touches.length > 0)
      throw new AppError(
        'CONFLICT',
        `该台账已有整改记录（${touches.join('、')}），不能删除；如系误建，请归档`,
      );
    const size = await ledgerSize(trx, inspection.id);
    await deleteLedgerRows(trx, inspection.id);
    const at = nowIso();
    await appendAudit(trx, {
      kind: 'inspection.ledger_deleted',
      ...auditActor(o.actor),
      objectType: 'inspection',
      objectId: inspection.id,
      unitId: inspection.unit_id,
      before: {
        title: inspection.title,
        sourceTitle: inspection.source_title,
        unit: inspection.unit_name,
        createdAt: inspection.created_at,
        ...size,
      },
      after: { reason },
      at,
    });
  });
}
