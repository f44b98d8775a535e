/** Administration routes added since the office's file filled: hand-over, editing and merging people and departments. */
import { ensureDepartment, insertPerson } from '../repositories/unit.repository.ts';
import { adminOnly, type TRule, unitOf } from './permission-rules.ts';

export const ADMIN_ROUTE_RULES: Record<string, TRule> = {
  'POST /api/admin/people/:id/handover': {
    request: async (c) => {
      const person = (name: string) =>
        insertPerson(c.fx.db, { unitId: unitOf(c), departmentId: null, name, position: null, isDemo: false });
      const leaving = await person(`离任${c.n}`);
      const successor = await person(`接替${c.n}`);
      return {
        method: 'POST',
        url: `/api/admin/people/${leaving}/handover`,
        payload: { successorId: successor },
      };
    },
    expect: adminOnly(200),
  },
  'PATCH /api/admin/people/:id': {
    request: async (c) => {
      const id = await insertPerson(c.fx.db, {
        unitId: unitOf(c),
        departmentId: null,
        name: `更名${c.n}`,
        position: null,
        isDemo: false,
      });
      return { method: 'PATCH', url: `/api/admin/people/${id}`, payload: { version: 1, name: `新名${c.n}` } };
    },
    expect: adminOnly(200),
  },
  'POST /api/admin/people/:id/merge': {
    request: async (c) => {
      const person = (name: string) =>
        insertPerson(c.fx.db, { unitId: unitOf(c), departmentId: null, name, position: null, isDemo: false });
      const duplicate = await person(`重复${c.n}`);
      const real = await person(`本人${c.n}`);
      return {
        method: 'POST',
        url: `/api/admin/people/${duplicate}/merge`,
        payload: { version: 1, intoId: real },
      };
    },
    expect: adminOnly(200),
  },
  'PATCH /api/admin/departments/:id': {
    request: async (c) => {
      const id = await ensureDepartment(c.fx.db, unitOf(c), `部室${c.n}`, false);
      return {
        method: 'PATCH',
        url: `/api/admin/departments/${id}`,
        payload: { version: 1, name: `新部室${c.n}` },
      };
    },
    expect: adminOnly(200),
  },
  'POST /api/admin/departments/:id/merge': {
    request: async (c) => {
      const from = await ensureDepartment(c.fx.db, unitOf(c), `撤并${c.n}`, false);
      const into = await ensureDepartment(c.fx.db, unitOf(c), `保留${c.n}`, false);
      return {
        method: 'POST',
        url: `/api/admin/departments/${from}/merge`,
        payload: { version: 1, intoId: into },
      };
    },
    expect: adminOnly(200),
  },
};
