/** Who may decide an announcement version: separation of duties between writing, submitting and approving. */
import { samePerson, type TIdentity } from '@shared/measure-state.ts';
import type { AnnouncementRow } from '../db/schema.ts';
import type { TActor } from './actor.ts';

/** The people and names behind the accounts a version names. */
export type TAccountLookup = {
  identity: (id: number | null) => TIdentity | null;
  name: (id: number | null) => string | null;
};

/**
 * Why this actor may not approve (or return) the version: the one who wrote it last or submitted it is not the
 * one who approves it. Null when the actor may.
 */
export function approvalRefusal(
  r: Pick<AnnouncementRow, 'edited_by' | 'created_by' | 'submitted_by'>,
  actor: TActor,
  accounts: TAccountLookup,
): string | null {
  if (actor.role === 'system') return null;
  const me: TIdentity = { userId: actor.userId, personId: actor.personId };
  if (samePerson(me, accounts.identity(r.edited_by ?? r.created_by)))
    return '起草或最后修改通报的人不能审批同一通报，请由其他负责人审批';
  if (samePerson(me, accounts.identity(r.submitted_by)))
    return '提交通报审批的人不能审批同一通报，请由其他负责人审批';
  return null;
}
