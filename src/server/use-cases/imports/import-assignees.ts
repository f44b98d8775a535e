/** Turns the department and people names of an import into ids: mapped by the user, else matched by name, else created. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import {
  ensureDepartment,
  findDepartmentByName,
  findPersonByName,
  getDepartment,
  getPerson,
  insertPerson,
} from '../../repositories/unit.repository.ts';

/** What the user chose in the preview: an existing id, or 'new' to create one with that name. */
export type TImportMappings = {
  departments?: Record<string, number | 'new'>;
  people?: Record<string, number | 'new'>;
};

/** Resolvers that cache per import. */
export type TAssigneeResolver = {
  department: (name: string | null | undefined) => Promise<number | null>;
  person: (name: string | null | undefined, departmentId: number | null) => Promise<number | null>;
  created: { departments: string[]; people: string[] };
};

/** Builds the resolvers for one unit. */
export function assigneeResolver(
  db: Kysely<Database>,
  unitId: number,
  mappings: TImportMappings = {},
): TAssigneeResolver {
  const departments = new Map<string, number>();
  const people = new Map<string, number>();
  const created = { departments: [] as string[], people: [] as string[] };
  const checkOwn = async (table: 'departments' | 'people', id: number, label: string) => {
    const row = table === 'departments' ? await getDepartment(db, id) : await getPerson(db, id);
    if (!row || row.unit_id !== unitId) throw new AppError('UNPROCESSABLE', `${label}不属于本单位`);
  };
  return {
    created,
    department: async (name) => {
      const key = name?.trim() ?? '';
      if (key === '') return null;
      const cached = departments.get(key);
      if (cached !== undefined) return cached;
      const mapped = mappings.departments?.[key];
      let id: number;
      if (typeof mapped === 'number') {
        await checkOwn('departments', mapped, `责任单位“${key}”的对应部室`);
        id = mapped;
      } else {
        const before = await findDepartmentByName(db, unitId, key);
        id = before?.id ?? (await ensureDepartment(db, unitId, key, false));
        if (!before) created.departments.push(key);
      }
      departments.set(key, id);
      return id;
    },
    person: async (name, departmentId) => {
      const key = name?.trim() ?? '';
      if (key === '') return null;
      const cached = people.get(key);
      if (cached !== undefined) return cached;
      const mapped = mappings.people?.[key];
      let id: number;
      if (typeof mapped === 'number') {
        await checkOwn('people', mapped, `“${key}”的对应人员`);
        id = mapped;
      } else {
        const existing = mapped === 'new' ? undefined : await findPersonByName(db, unitId, key);
        id =
          existing?.id ??
          (await insertPerson(db, { unitId, departmentId, name: key, position: null, isDemo: false }));
        if (!existing) created.people.push(key);
      }
      people.set(key, id);
      return id;
    },
  };
}
