/** Exports an inspection's ledger as the .xlsx responsibility breakdown; the export is audited. */
import type { Kysely } from 'kysely';
import { formatDocumentDate } from '@shared/chinese.ts';
import { MEASURE_STATE_LABELS } from '@shared/domain.ts';
import { writeLedgerXlsx, type TLedgerSheet } from '@documents/ledger-xlsx.ts';
import type { Database, ProblemRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';

import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { latestInspectionId, type TInspectionWithUnit } from '../../repositories/inspection.repository.ts';

import { inTransaction, nowIso } from '../transaction.ts';
import { loadInspectionFor } from './load-inspection.ts';
import { loadLedger } from '../../repositories/ledger.repository.ts';

/** Title and facts line of an inspection's documents. */
export function ledgerHeading(i: TInspectionWithUnit): { title: string; subtitle: string | null } {
  const org = i.party_org_name ?? i.unit_name;
  const title = `${org}关于${i.group_name ?? ''}${i.kind}反馈意见整改责任分解表`;
  const facts: string[] = [];
  if (i.group_name && i.start_date && i.end_date) {
    facts.push(
      `${i.group_name}于${formatDocumentDate(i.start_date)}至${formatDocumentDate(i.end_date)}对${i.unit_name}进行${i.kind}`,
    );
  }
  if (i.feedback_date)
    facts.push(`${formatDocumentDate(i.feedback_date)}${i.group_name ?? ''}反馈${i.kind}意见`);
  return { title, subtitle: facts.length > 0 ? `${facts.join('，')}。` : null };
}

/** The sheet's content, read within the actor's scope. 404 outside it. */
export async function buildLedgerSheet(
  db: Kysely<Database>,
  actor: TActor,
  inspectionId: number,
): Promise<{ sheet: TLedgerSheet; inspection: TInspectionWithUnit }> {
  const inspection = await loadInspectionFor(db, actor, inspectionId);
  const {
    categories,
    problems,
    measures,
    names: directory,
  } = await loadLedger(db, { id: inspectionId, unit_id: inspection.unit_id });
  const sheetProblem = (p: ProblemRow, number: string, title: string) => ({
    number,
    title,
    measures: measures
      .filter((m) => m.problem_id === p.id)
      .map((m) => ({
        text: m.content,
        department: directory.departmentName(m.department_id),
        leader: directory.personName(m.leader_id),
        person: directory.personName(m.person_id),
        deadline: m.deadline,
        isStanding: m.is_standing === 1,
        progress: m.progress,
        state: MEASURE_STATE_LABELS[m.state],
      })),
  });
  const { title, subtitle } = ledgerHeading(inspection);
  const sheet: TLedgerSheet = {
    title,
    subtitle,
    categories: categories.map((c) => ({
      title: c.title,
      problems: problems
        .filter((p) => p.category_id === c.id && p.parent_id === null)
        .flatMap((p) => [
          sheetProblem(p, p.number, p.title),
          // The sheet has no sub-problem column: sub-problems follow their problem as 1(1), 1(2) …
          ...problems
            .filter((s) => s.parent_id === p.id)
            .map((s) => sheetProblem(s, `${p.number}(${s.number})`, s.title)),
        ]),
    })),
  };
  return { sheet, inspection };
}

/** Options of `exportLedger`. */
export type TExportLedgerOptions = { db: Kysely<Database>; actor: TActor; inspectionId: number | 'latest' };

/** The .xlsx bytes and a file name. */
export async function exportLedger({
  db,
  actor,
  inspectionId,
}: TExportLedgerOptions): Promise<{ bytes: Uint8Array; fileName: string; inspectionId: number }> {
  const id = inspectionId === 'latest' ? await latestInspectionId(db, actor.scope) : inspectionId;
  if (id === undefined) throw new AppError('NOT_FOUND', '没有可导出的巡察台账');
  const { sheet, inspection } = await buildLedgerSheet(db, actor, id);
  const bytes = await writeLedgerXlsx(sheet);
  await inTransaction(db, async (trx) => {
    await appendAudit(trx, {
      kind: 'inspection.exported',
      ...auditActor(actor),
      objectType: 'inspection',
      objectId: id,
      unitId: inspection.unit_id,
      after: { format: 'xlsx' },
      at: nowIso(),
    });
  });
  return { bytes, fileName: `${inspection.unit_name}整改台账.xlsx`, inspectionId: id };
}
