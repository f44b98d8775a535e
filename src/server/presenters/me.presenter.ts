/** The signed-in user as the UI sees it. */
import type { TMe } from '@shared/api.ts';
import { ROLE_LABELS } from '@shared/domain.ts';
import type { UserRow } from '../db/schema.ts';
import { roleMay } from '../policies/policy.ts';
import { passwordChangeReason, type TSessionPolicy } from '../policies/session-policy.ts';

/** The user, the name of their unit, and what the UI may offer them. */
export function presentMe(
  user: UserRow,
  unitName: string | null,
  policy: TSessionPolicy,
  uploads: TMe['uploads'],
): TMe {
  const role = user.role;
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role,
    roleLabel: ROLE_LABELS[role],
    unitId: user.unit_id,
    unitName,
    personId: user.person_id,
    canImport: roleMay(role, 'inspection.import'),
    canAdminister: role === 'admin',
    canReadAudit: roleMay(role, 'audit.read'),
    canIssueSupervision: roleMay(role, 'supervision.issue'),
    canReplySupervision: roleMay(role, 'supervision.reply'),
    canRemind: roleMay(role, 'measure.remind'),
    canReassign: roleMay(role, 'measure.update'),
    canReadOpinions: roleMay(role, 'opinion.read'),
    mustChangePassword: passwordChangeReason(user, policy) !== null,
    uploads,
  };
}
