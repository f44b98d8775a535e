/**
 * Confirms a previewed import: a new ledger (the whole corrected document, one transaction), or for a re-import
 * only the changes the user accepted. Everything lands together or not at all.
 */
import type { Kysely } from 'kysely';
import type { TImportConfirmRequest, TImportConfirmResult } from '@shared/api.ts';
import { eachMeasure } from '@shared/import-structure.ts';
import type { Database, MeasureUpdate } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { can } from '../../policies/policy.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import {
  insertCategory,
  insertProblem,
  listCategories,
  listProblems,
} from '../../repositories/inspection.repository.ts';
import {
  deleteImportedMeasure,
  getMeasure,
  nextMeasureOrdinal,
} from '../../repositories/measure.repository.ts';
import { updateMeasureAudited, voidCloseOutOnReassignment } from '../measures/measure-snapshot.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { assigneeResolver } from './import-assignees.ts';
import { planReimport } from './plan-reimport.ts';
import { storeImportedDocument } from './store-imported-document.ts';
import { storeMeasure } from './store-measure.ts';
import { loadInspectionFor } from '../inspections/load-inspection.ts';

/** Options of `confirmImport`. */
export type TConfirmImportOptions = { db: Kysely<Database>; actor: TActor; request: TImportConfirmRequest };

/** Applies the import. */
export async function confirmImport({
  db,
  actor,
  request,
}: TConfirmImportOptions): Promise<TImportConfirmResult> {
  if (request.inspectionId !== null) return applyReimport(db, actor, request.inspectionId, request);
  if (request.unitId === null && request.document.unit === null)
    throw new AppError('UNPROCESSABLE', '请选择导入到哪个单位');
  const result = await storeImportedDocument({
    db,
    actor,
    document: request.document,
    ...(request.unitId !== null ? { unitId: request.unitId } : {}),
    mappings: request.mappings,
  });
  return {
    inspectionId: result.inspectionId,
    unitId: result.unitId,
    created: result.measureIds.length,
    changed: 0,
    removed: 0,
    notes: result.notes,
  };
}

async function applyReimport(
  db: Kysely<Database>,
  actor: TActor,
  inspectionId: number,
  request: TImportConfirmRequest,
): Promise<TImportConfirmResult> {
  return inTransaction(db, async (trx) => {
    const inspection = await loadInspectionFor(trx, actor, inspectionId, { write: true });
    if (!can(actor, 'inspection.import', { unitId: inspection.unit_id }))
      throw new AppError('FORBIDDEN', '没有更新该台账的权限');
    // The plan is made again inside the transaction, so what is applied is what the ledger holds now.
    const changes = await planReimport(trx, inspectionId, request.document);
    const accepted = new Set(request.acceptedChanges);
    const unknown = [...accepted].filter((id) => !changes.some((c) => c.id === id));
    if (unknown.length > 0) throw new AppError('CONFLICT', '台账在预览后已有变化，请重新上传预览');
    const at = nowIso();
    const assignees = assigneeResolver(trx, inspection.unit_id, request.mappings);
    const notes: string[] = [];
    const counts = { created: 0, changed: 0, removed: 0 };
    const sources = new Map(
      eachMeasure(request.document).map((e) => [`${e.problem.title.replace(/\s+/g, '')}#${e.index + 1}`, e]),
    );
    let categories = await listCategories(trx, inspectionId);
    let problems = await listProblems(trx, inspectionId);
    for (const change of changes.filter((c) => accepted.has(c.id))) {
      if (change.blockedReason)
        throw new AppError(
          'UNPROCESSABLE',
          `${change.problem}（第${change.ordinal}条措施）：${change.blockedReason}`,
        );
      if (change.kind === 'added') {
        const source = sources.get(change.id.slice('add:'.length));
        const m = source?.problem.measures[source.index];
        if (!source || !m) continue;
        let category = categories.find((c) => c.title === change.category);
        if (!category) {
          await insertCategory(trx, {
            inspection_id: inspectionId,
            ordinal: categories.length + 1,
            title: change.category,
          });
          categories = await listCategories(trx, inspectionId);
          category = categories.find((c) => c.title === change.category);
        }
        let problem = problems.find((p) => p.title === change.problem);
        if (!problem && category) {
          await insertProblem(trx, {
            inspection_id: inspectionId,
            category_id: category.id,
            parent_id: null,
            ordinal: problems.length + 1,
            number: source.problem.number,
            title: change.problem,
            intro: source.problem.intro,
            feedback_text: null,
          });
          problems = await listProblems(trx, inspectionId);
          problem = problems.find((p) => p.title === change.problem);
        }
        if (!problem) continue;
        await storeMeasure(trx, {
          measure: m,
          ordinal: await nextMeasureOrdinal(trx, problem.id),
          problemId: problem.id,
          problemTitle: problem.title,
          inspectionId,
          actor,
          at,
          progressDate: at.slice(0, 10),
          assignees,
          notes,
        });
        counts.created += 1;
      } else if (change.kind === 'changed' && change.measureId !== null && change.after) {
        const before = await getMeasure(trx, change.measureId, actor.scope);
        if (!before) continue;
        const departmentId = await assignees.department(change.after.department);
        const patch: MeasureUpdate = {
          content: change.after.text,
          department_id: departmentId,
          leader_id: await assignees.person(change.after.leader, null),
          person_id: await assignees.person(change.after.person, departmentId),
          deadline: change.after.isStanding ? null : change.after.deadline,
          is_standing: change.after.isStanding ? 1 : 0,
          updated_at: at,
          updated_by: actor.userId,
        };
        await voidCloseOutOnReassignment(trx, actor, before, patch);
        await updateMeasureAudited(trx, actor, before, patch, '台账在预览后已有变化，请重新上传预览');
        counts.changed += 1;
      } else if (change.kind === 'removed' && change.measureId !== null) {
        await deleteImportedMeasure(trx, change.measureId);
        counts.removed += 1;
      }
    }
    await appendAudit(trx, {
      kind: 'inspection.reimported',
      ...auditActor(actor),
      objectType: 'inspection',
      objectId: inspectionId,
      unitId: inspection.unit_id,
      after: { accepted: [...accepted], ...counts },
      at,
    });
    return { inspectionId, unitId: inspection.unit_id, ...counts, notes };
  });
}
