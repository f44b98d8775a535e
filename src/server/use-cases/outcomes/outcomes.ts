/**
 * Outcomes of rectification: rules made or revised, money returned or recovered (the source is personal and shown
 * only to permitted roles), people held accountable — each optionally linked to the measure it came from.
 */
import type { Kysely } from 'kysely';
import type { TOutcomesView } from '@shared/api.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { can } from '../../policies/policy.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';

import { getMeasure } from '../../repositories/measure.repository.ts';
import {
  insertOutcomeAccountability,
  insertOutcomeMoney,
  insertOutcomeRule,
  listOutcomesOf,
} from '../../repositories/outcome.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { loadInspectionFor } from '../inspections/load-inspection.ts';

async function inspectionFor(
  db: Kysely<Database>,
  actor: TActor,
  inspectionId: number,
  options: { write?: boolean } = {},
) {
  return loadInspectionFor(db, actor, inspectionId, options);
}

/** The outcomes of an inspection with their totals. */
export async function listOutcomes(
  db: Kysely<Database>,
  actor: TActor,
  inspectionId: number,
): Promise<TOutcomesView> {
  const inspection = await inspectionFor(db, actor, inspectionId);
  const { rules, money, accountability } = await listOutcomesOf(db, inspection.id);
  const canSeeMoneySource = can(actor, 'outcome.read_money_source', { unitId: inspection.unit_id });
  return {
    rules: rules.map((r) => ({
      id: r.id,
      title: r.title,
      docNumber: r.doc_number,
      issuedDate: r.issued_date,
      kind: r.kind as 'new' | 'revised',
      measureId: r.measure_id,
    })),
    money: money.map((m) => ({
      id: m.id,
      kind: m.kind,
      amountYuan: m.amount_fen / 100,
      fromWhom: canSeeMoneySource ? m.from_whom : null,
      measureId: m.measure_id,
    })),
    accountability: accountability.map((a) => ({
      id: a.id,
      kind: a.kind,
      people: a.people,
      measureId: a.measure_id,
    })),
    totals: {
      rulesNew: rules.filter((r) => r.kind === 'new').length,
      rulesRevised: rules.filter((r) => r.kind === 'revised').length,
      moneyYuan: money.reduce((sum, m) => sum + m.amount_fen, 0) / 100,
      people: accountability.reduce((sum, a) => sum + a.people, 0),
    },
    canManage: can(actor, 'outcome.manage', { unitId: inspection.unit_id }),
    canSeeMoneySource,
  };
}

/** One outcome to record. */
export type TNewOutcome =
  | {
      type: 'rule';
      title: string;
      docNumber: string | null;
      issuedDate: string | null;
      kind: 'new' | 'revised';
      measureId: number | null;
    }
  | { type: 'money'; kind: string; amountYuan: number; fromWhom: string | null; measureId: number | null }
  | { type: 'accountability'; kind: string; people: number; measureId: number | null };

/** Records an outcome; returns its id. */
export async function recordOutcome({
  db,
  actor,
  inspectionId,
  outcome,
}: {
  db: Kysely<Database>;
  actor: TActor;
  inspectionId: number;
  outcome: TNewOutcome;
}): Promise<number> {
  return inTransaction(db, async (trx) => {
    const inspection = await inspectionFor(trx, actor, inspectionId, { write: true });
    if (!can(actor, 'outcome.manage', { unitId: inspection.unit_id }))
      throw new AppError('FORBIDDEN', '没有登记整改成果的权限');
    if (outcome.measureId !== null) {
      const m = await getMeasure(trx, outcome.measureId, actor.scope);
      if (!m || m.inspection_id !== inspectionId)
        throw new AppError('UNPROCESSABLE', '关联的措施不属于该巡察');
    }
    const at = nowIso();
    const base = {
      inspection_id: inspectionId,
      measure_id: outcome.measureId,
      created_by: actor.userId,
      created_at: at,
    };
    let id: number;
    switch (outcome.type) {
      case 'rule':
        id = await insertOutcomeRule(trx, {
          ...base,
          title: outcome.title,
          doc_number: outcome.docNumber,
          issued_date: outcome.issuedDate,
          kind: outcome.kind,
          evidence_id: null,
        });
        break;
      case 'money':
        id = await insertOutcomeMoney(trx, {
          ...base,
          kind: outcome.kind,
          amount_fen: Math.round(outcome.amountYuan * 100),
          from_whom: outcome.fromWhom,
        });
        break;
      case 'accountability':
        id = await insertOutcomeAccountability(trx, { ...base, kind: outcome.kind, people: outcome.people });
        break;
    }
    // The source of money is personal: the audit entry keeps the amount and kind, not the name.
    const logged =
      outcome.type === 'money'
        ? {
            type: outcome.type,
            kind: outcome.kind,
            amountYuan: outcome.amountYuan,
            measureId: outcome.measureId,
          }
        : outcome;
    await appendAudit(trx, {
      kind: 'outcome.recorded',
      ...auditActor(actor),
      objectType: 'inspection',
      objectId: inspectionId,
      unitId: inspection.unit_id,
      after: { id, ...logged },
      at,
    });
    return id;
  });
}
