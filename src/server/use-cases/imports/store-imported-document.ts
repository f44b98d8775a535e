/** Stores a parsed announcement or feedback document as a new inspection ledger, all or nothing. */
import type { Kysely } from 'kysely';
import type { TImportedDocument, TImportedProblem } from '@shared/import-structure.ts';
import type { TInspectionKind } from '@shared/domain.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { isInScope, type TActor } from '../../policies/actor.ts';
import { can } from '../../policies/policy.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import {
  findSameInspection,
  lockUnitForImport,
  insertCategory,
  insertInspection,
  insertProblem,
} from '../../repositories/inspection.repository.ts';
import { assigneeResolver, type TImportMappings } from './import-assignees.ts';
import { storeMeasure } from './store-measure.ts';
import { draftFromImport } from '../documents/announcements.ts';
import { fillUnitContact, findUnitByName, getUnit, insertUnit } from '../../repositories/unit.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';

/** Options for `storeImportedDocument`. */
export type TStoreImportOptions = {
  db: Kysely<Database>;
  actor: TActor;
  document: TImportedDocument;
  /** Store under this unit; otherwise the unit named by the document is found or created. */
  unitId?: number;
  /** Parent for a newly created unit. */
  parentUnitId?: number | null;
  /** How department and people names map to existing ones (else matched by name or created). */
  mappings?: TImportMappings;
};

/** The ids of everything created. */
export type TStoreImportResult = {
  unitId: number;
  inspectionId: number;
  categoryIds: number[];
  problemIds: number[];
  measureIds: number[];
  /** Things the user should know: created departments and people, states not applied. */
  notes: string[];
};

/** 中共南通市文学艺术界联合会党组 → 南通市文学艺术界联合会 */
export function unitNameFromPartyOrg(partyOrg: string): string {
  return partyOrg.replace(/^中共/, '').replace(/(党组|党委|党工委|党总支|党支部|机关党委)$/, '') || partyOrg;
}

/** Imports the document; progress text of each measure becomes its first progress entry. */
export async function storeImportedDocument(options: TStoreImportOptions): Promise<TStoreImportResult> {
  const { db, actor, document: doc } = options;
  if (doc.categories.length === 0) {
    throw new AppError('UNPROCESSABLE', '文件中没有可导入的问题清单，无法建立整改台账');
  }
  return inTransaction(db, async (trx) => {
    const at = nowIso();
    let unitId = options.unitId;
    if (unitId !== undefined) {
      const unit = await getUnit(trx, unitId, actor.scope);
      if (!unit) throw new AppError('NOT_FOUND', '单位不存在');
    } else {
      const name = doc.unit ?? '未命名单位';
      const existing = await findUnitByName(trx, name);
      // Another unit's name answers exactly as a name that does not exist: no probing for units.
      const unknown = `单位“${name}”不存在或不在您的管理范围内，请联系系统管理员`;
      if (existing && isInScope(actor, existing.id)) unitId = existing.id;
      else if (existing) throw new AppError('FORBIDDEN', unknown);
      else {
        if (actor.role !== 'system' && actor.role !== 'admin') throw new AppError('FORBIDDEN', unknown);
        unitId = await insertUnit(trx, {
          parentId: options.parentUnitId ?? null,
          name: unitNameFromPartyOrg(name),
          partyOrgName: doc.unit,
          phone: null,
          address: null,
          email: null,
          at,
        });
        await appendAudit(trx, {
          kind: 'unit.created',
          ...auditActor(actor),
          objectType: 'unit',
          objectId: unitId,
          unitId,
          after: { name: doc.unit },
          at,
        });
      }
    }
    if (!can(actor, 'inspection.import', { unitId }))
      throw new AppError('FORBIDDEN', '没有为该单位导入巡察台账的权限');
    await fillUnitContact(trx, unitId, doc.contact);

    // The same document twice is never a silent second ledger: the preview offers it as an update of the first.
    await lockUnitForImport(trx, unitId);
    const same = await findSameInspection(trx, unitId, doc.inspection);
    if (same)
      throw new AppError(
        'CONFLICT',
        `该文件描述的巡察已导入为台账“${same.title}”（编号 ${same.id}）：请在预览中作为该台账的更新导入，不要重复建立台账`,
      );
    const kind: TInspectionKind = doc.inspection.kind ?? '巡察';
    const title = [doc.inspection.round, doc.inspection.group, `${kind}反馈意见整改`]
      .filter((x) => x !== null)
      .join(' ');
    const inspectionId = await insertInspection(trx, {
      unit_id: unitId,
      kind,
      title,
      round: doc.inspection.round,
      group_name: doc.inspection.group,
      start_date: doc.inspection.startDate,
      end_date: doc.inspection.endDate,
      feedback_date: doc.inspection.feedbackDate,
      deadline: null,
      source_title: doc.title,
      published_date: doc.publishedDate,
      statistics_json: JSON.stringify(doc.statistics),
      created_at: at,
      created_by: actor.userId,
    });
    const result: TStoreImportResult = {
      unitId,
      inspectionId,
      categoryIds: [],
      problemIds: [],
      measureIds: [],
      notes: [],
    };
    const assignees = assigneeResolver(trx, unitId, options.mappings);
    const progressDate = doc.publishedDate ?? at.slice(0, 10);
    let problemOrdinal = 0;

    const storeProblem = async (
      p: TImportedProblem,
      categoryId: number,
      parentId: number | null,
    ): Promise<void> => {
      problemOrdinal += 1;
      const problemId = await insertProblem(trx, {
        inspection_id: inspectionId,
        category_id: categoryId,
        parent_id: parentId,
        ordinal: problemOrdinal,
        number: p.number,
        title: p.title,
        intro: p.intro,
        feedback_text: null,
      });
      result.problemIds.push(problemId);
      for (const [i, m] of p.measures.entries()) {
        const measureId = await storeMeasure(trx, {
          measure: m,
          ordinal: i + 1,
          problemId,
          problemTitle: p.title,
          inspectionId,
          actor,
          at,
          progressDate,
          assignees,
          notes: result.notes,
        });
        result.measureIds.push(measureId);
      }
      for (const s of p.subproblems) await storeProblem(s, categoryId, problemId);
    };

    for (const [ci, c] of doc.categories.entries()) {
      const categoryId = await insertCategory(trx, {
        inspection_id: inspectionId,
        ordinal: ci + 1,
        title: c.title,
      });
      result.categoryIds.push(categoryId);
      for (const p of c.problems) await storeProblem(p, categoryId, null);
    }
    if (doc.sections) await draftFromImport(trx, inspectionId, actor.userId, doc.sections);
    if (assignees.created.departments.length > 0)
      result.notes.push(`新建部室：${assignees.created.departments.join('、')}`);
    if (assignees.created.people.length > 0)
      result.notes.push(`新建人员：${assignees.created.people.join('、')}`);
    await appendAudit(trx, {
      kind: 'inspection.imported',
      ...auditActor(actor),
      objectType: 'inspection',
      objectId: inspectionId,
      unitId,
      after: {
        title: doc.title,
        categories: result.categoryIds.length,
        problems: result.problemIds.length,
        measures: result.measureIds.length,
      },
      at,
    });
    return result;
  });
}
