/** Administration routes added since the office's file filled: the hand-over of a person who leaves. */
import { insertPerson } from '../repositories/unit.repository.ts';
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
};
