/**
 * The round summary (轮次整改情况汇总) of one round across the inspections in the actor's scope (optionally a unit
 * and below), counted by the database and written as an official document in txt, html or .docx; audited.
 */
import type { Kysely } from 'kysely';
import { buildRoundSummary } from '@documents/round-summary.ts';
import { todayInChina } from '@shared/chinese.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { inspectionConditions } from '../../repositories/measure-search.repository.ts';
import { roundExists, outcomeTotals, roundUnitFigures } from '../../repositories/round-summary.repository.ts';
import { getUnit, rootUnit } from '../../repositories/unit.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { renderDocument, type TDocumentFormat } from './render.ts';

/** The summary's bytes and file name; the export is audited. */
export async function exportRoundSummary(o: {
  db: Kysely<Database>;
  actor: TActor;
  round: string;
  unit?: number | undefined;
  format: TDocumentFormat;
  asOf?: string;
}): Promise<{ bytes: Uint8Array; fileName: string }> {
  const { db, actor } = o;
  const onInspections = await inspectionConditions(db, { scope: actor.scope, unit: o.unit, round: o.round });
  if (onInspections === null || !(await roundExists(db, onInspections)))
    throw new AppError('NOT_FOUND', `没有可查看的“${o.round}”巡察`);
  const [units, outcomes] = await Promise.all([
    roundUnitFigures(db, onInspections),
    outcomeTotals(db, onInspections),
  ]);
  // Issued in the name of the unit the reader works for (the office's committee), or the root of the tree.
  const own = actor.scope.kind === 'subtree' ? await getUnit(db, actor.scope.rootId, actor.scope) : undefined;
  const issuerUnit = own ?? (await rootUnit(db));
  const org = issuerUnit?.party_org_name ?? issuerUnit?.name ?? '';
  const issuer = actor.role === 'inspection_office' ? `${org}巡察工作领导小组办公室` : org;
  const doc = buildRoundSummary({
    round: o.round,
    issuer,
    asOf: o.asOf ?? todayInChina(),
    units: units.map((u) => ({
      unitName: u.unit_name,
      problems: Number(u.problems),
      completed: Number(u.completed),
      continuing: Number(u.continuing),
      measures: Number(u.measures),
      closed: Number(u.closed),
    })),
    ...outcomes,
  });
  const bytes = await renderDocument(doc, o.format);
  await inTransaction(db, async (trx) => {
    await appendAudit(trx, {
      kind: 'document.exported',
      ...auditActor(actor),
      objectType: 'round',
      objectId: null,
      unitId: issuerUnit?.id ?? null,
      after: {
        document: 'round',
        round: o.round,
        unit: o.unit ?? null,
        format: o.format,
        units: units.length,
      },
      at: nowIso(),
    });
  });
  return { bytes, fileName: `${o.round}整改情况汇总.${o.format}` };
}
