/**
 * The changes a newer breakdown would make to an inspection's ledger: measures added, changed or removed,
 * matched by problem title and position. A measure with anything recorded on it (progress, evidence, comments,
 * requests, look-backs, outcomes) is never removed by an import.
 */
import type { Kysely } from 'kysely';
import { measureWriteRefusal } from '@shared/measure-state.ts';

import type { TImportedMeasureFields, TReimportChange } from '@shared/api.ts';
import { eachMeasure, type TImportedDocument, type TImportedMeasure } from '@shared/import-structure.ts';
import type { TMeasureState } from '@shared/domain.ts';
import type { Database } from '../../db/schema.ts';

import { measuresWithRecords } from '../../repositories/measure.repository.ts';
import { AppError } from '../../errors.ts';
import { getInspection } from '../../repositories/inspection.repository.ts';
import { ALL_UNITS } from '../../repositories/scope.ts';

import { loadLedger } from '../../repositories/ledger.repository.ts';

const key = (problemTitle: string, ordinal: number) => `${problemTitle.replace(/\s+/g, '')}#${ordinal}`;

const fieldsOf = (m: TImportedMeasure): TImportedMeasureFields => ({
  text: m.text,
  department: m.department ?? null,
  leader: m.leader ?? null,
  person: m.person ?? null,
  deadline: m.isStanding === true ? null : (m.deadline ?? null),
  isStanding: m.isStanding === true,
});

/** The fields the approved plan fixes. */
const PLAN_FIELDS: ReadonlyArray<keyof TImportedMeasureFields> = ['text', 'deadline', 'isStanding'];

const FIELD_LABELS: Record<keyof TImportedMeasureFields, string> = {
  text: '整改措施',
  department: '责任单位',
  leader: '责任领导',
  person: '责任人',
  deadline: '完成时限',
  isStanding: '长期坚持',
};

/** Lists the changes; ids are stable so the user's choice can be applied later. */
export async function planReimport(
  db: Kysely<Database>,
  inspectionId: number,
  doc: TImportedDocument,
): Promise<TReimportChange[]> {
  const inspection = await getInspection(db, inspectionId, ALL_UNITS);
  if (!inspection) throw new AppError('NOT_FOUND', '巡察不存在');
  const {
    categories,
    problems,
    measures,
    names: directory,
  } = await loadLedger(db, { id: inspectionId, unit_id: inspection.unit_id });
  const problemById = new Map(problems.map((p) => [p.id, p]));
  const categoryById = new Map(categories.map((c) => [c.id, c]));
  const hasRecords = await measuresWithRecords(db, inspectionId);

  const existing = new Map<
    string,
    {
      id: number;
      category: string;
      problem: string;
      ordinal: number;
      fields: TImportedMeasureFields;
      state: TMeasureState;
    }
  >();
  const ordinals = new Map<number, number>();
  for (const m of measures) {
    const p = problemById.get(m.problem_id);
    if (!p) continue;
    const ordinal = (ordinals.get(p.id) ?? 0) + 1;
    ordinals.set(p.id, ordinal);
    existing.set(key(p.title, ordinal), {
      id: m.id,
      category: categoryById.get(p.category_id)?.title ?? '',
      problem: p.title,
      ordinal,
      state: m.state,
      fields: {
        text: m.content,
        department: directory.departmentName(m.department_id),
        leader: directory.personName(m.leader_id),
        person: directory.personName(m.person_id),
        deadline: m.deadline,
        isStanding: m.is_standing === 1,
      },
    });
  }

  const changes: TReimportChange[] = [];
  const seen = new Set<string>();
  for (const { category, problem, index } of eachMeasure(doc)) {
    const m = problem.measures[index];
    if (!m) continue;
    const k = key(problem.title, index + 1);
    seen.add(k);
    const after = fieldsOf(m);
    const before = existing.get(k);
    if (!before) {
      changes.push({
        id: `add:${k}`,
        kind: 'added',
        category,
        problem: problem.title,
        ordinal: index + 1,
        measureId: null,
        before: null,
        after,
        fields: [],
        blockedReason: null,
      });
      continue;
    }
    const fields = (Object.keys(FIELD_LABELS) as Array<keyof TImportedMeasureFields>).filter(
      (f) => before.fields[f] !== after[f],
    );
    if (fields.length === 0) continue;
    // The same rule as an edit: frozen when closed; after plan approval, no deadline or content change by import.
    const refusal = measureWriteRefusal({
      state: before.state,
      isPlanApproved: inspection.plan_approved_at !== null,
      changesPlan: fields.some((f) => PLAN_FIELDS.includes(f)),
    });
    changes.push({
      id: `change:${before.id}`,
      kind: 'changed',
      category,
      problem: problem.title,
      ordinal: index + 1,
      measureId: before.id,
      before: before.fields,
      after,
      fields: fields.map((f) => FIELD_LABELS[f]),
      blockedReason: refusal === null ? null : `导入不能修改：${refusal}`,
    });
  }
  for (const [k, before] of existing) {
    if (seen.has(k)) continue;
    changes.push({
      id: `remove:${before.id}`,
      kind: 'removed',
      category: before.category,
      problem: before.problem,
      ordinal: before.ordinal,
      measureId: before.id,
      before: before.fields,
      after: null,
      fields: [],
      blockedReason: hasRecords.has(before.id)
        ? '该措施已有整改进展、佐证材料、意见或审批记录，导入不会删除'
        : before.state !== 'not_started'
          ? '该措施已启动整改，导入不会删除'
          : null,
    });
  }
  return changes;
}
