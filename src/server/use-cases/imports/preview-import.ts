/** Previews an upload: parse it, find the target unit, match names, and for a re-import list the changes. Writes nothing. */
import type { Kysely } from 'kysely';
import type { TImportPreview, TNameMatch } from '@shared/api.ts';
import { countImported, eachMeasure } from '@shared/import-structure.ts';
import { importBytes } from '@importers/import-file.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { can } from '../../policies/policy.ts';

import { findUnitByName, getUnit, listDepartments, listPeople } from '../../repositories/unit.repository.ts';
import { unitChoices } from '../../repositories/choices.repository.ts';
import { planReimport } from './plan-reimport.ts';
import { findSameInspection } from '../../repositories/inspection.repository.ts';
import { loadInspectionFor } from '../inspections/load-inspection.ts';

/** Options of `previewImport`. */
export type TPreviewImportOptions = {
  db: Kysely<Database>;
  actor: TActor;
  fileName: string;
  bytes: Uint8Array;
  /** Re-import into this inspection (shows a diff). */
  inspectionId?: number;
  /** Import into this unit. */
  unitId?: number;
};

/** Parses and explains what an import would do. 422 with the importer's Chinese message for a bad file. */
export async function previewImport(o: TPreviewImportOptions): Promise<TImportPreview> {
  const parsed = await importBytes(o.fileName, o.bytes);
  if (!parsed.ok)
    throw new AppError(parsed.isTooLarge === true ? 'TOO_LARGE' : 'UNPROCESSABLE', parsed.error);
  const document = parsed.document;
  let unit: { id: number; name: string } | null = null;
  let reimport: TImportPreview['reimport'] = null;
  if (o.inspectionId !== undefined) {
    const inspection = await loadInspectionFor(o.db, o.actor, o.inspectionId, { write: true });
    unit = { id: inspection.unit_id, name: inspection.unit_name };
  } else if (o.unitId !== undefined) {
    const u = await getUnit(o.db, o.unitId, o.actor.scope);
    if (!u) throw new AppError('NOT_FOUND', '单位不存在');
    unit = { id: u.id, name: u.name };
  } else if (document.unit !== null) {
    const u = await findUnitByName(o.db, document.unit);
    const visible = u ? await getUnit(o.db, u.id, o.actor.scope) : undefined;
    if (visible) unit = { id: visible.id, name: visible.name };
  }
  if (unit && !can(o.actor, 'inspection.import', { unitId: unit.id }))
    throw new AppError('FORBIDDEN', '没有为该单位导入台账的权限');

  const unitDepartments = unit ? await listDepartments(o.db, [unit.id]) : [];
  const unitPeople = unit ? await listPeople(o.db, [unit.id]) : [];
  const departments = new Map<string, TNameMatch>();
  const people = new Map<string, TNameMatch>();
  const tally = (
    map: Map<string, TNameMatch>,
    name: string | null | undefined,
    find: (n: string) => number | null,
  ) => {
    if (!name) return;
    const entry = map.get(name) ?? { name, matchId: find(name), count: 0 };
    entry.count += 1;
    map.set(name, entry);
  };
  const findDepartment = (n: string) => unitDepartments.find((d) => d.name === n)?.id ?? null;
  const findPerson = (n: string) => unitPeople.find((p) => p.name === n)?.id ?? null;
  for (const { problem, index } of eachMeasure(document)) {
    const m = problem.measures[index];
    if (!m) continue;
    tally(departments, m.department, findDepartment);
    tally(people, m.leader, findPerson);
    tally(people, m.person, findPerson);
    if (unit && m.department && findDepartment(m.department) === null) {
      m.warnings = [
        ...(m.warnings ?? []),
        `部室“${m.department}”不在本单位名单中：请选择对应部室，或确认新建`,
      ];
    }
  }
  // A document already imported for the unit is offered as an update of that ledger, never as a second one.
  const same =
    o.inspectionId === undefined && unit
      ? await findSameInspection(o.db, unit.id, document.inspection)
      : undefined;
  const target = o.inspectionId ?? same?.id;
  if (target !== undefined)
    reimport = { inspectionId: target, changes: await planReimport(o.db, target, document) };
  // A first page of the units the reader may import into (the matched one first); the page finds others by words
  // (GET /api/choices/units), never a list of every unit in scope.
  const firstUnits = await unitChoices(o.db, o.actor.scope, {
    limit: 30,
    ...(unit ? { selected: String(unit.id) } : {}),
  });
  return {
    fileName: o.fileName,
    format: parsed.format,
    document,
    counts: countImported(document),
    unit,
    units: firstUnits.items.map((u) => ({ id: Number(u.value), name: u.label })),
    departments: [...departments.values()],
    people: [...people.values()],
    unitDepartments: unitDepartments.map((d) => ({ id: d.id, name: d.name })),
    unitPeople: unitPeople.map((p) => ({ id: p.id, name: p.name, position: p.position })),
    reimport,
    duplicateOf: same ? { inspectionId: same.id, title: same.title } : null,
  };
}
