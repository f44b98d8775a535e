/** Sign-in, the signed-in user, password change. */
import { z } from 'zod';
import { ZRole } from '../domain.ts';

import { text } from './fields.ts';

/** POST /api/auth/login */
export const ZLoginRequest = z.object({
  username: text('用户名', 64).min(1, { message: '请输入用户名' }),
  password: z.string({ message: '请输入密码' }).min(1, { message: '请输入密码' }).max(256),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

/** The logged-in user as the UI sees it. */
export const ZMe = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: ZRole,
  roleLabel: z.string(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  personId: z.number().nullable(),
  /** What the user may do somewhere in their units, for showing menu entries. */
  canImport: z.boolean(),
  canAdminister: z.boolean(),
  canReadAudit: z.boolean(),
  /** May issue supervision orders (督办单): the inspection office. */
  canIssueSupervision: z.boolean(),
  /** May reply to supervision orders: the unit's coordinator and principal. */
  canReplySupervision: z.boolean(),
  /** May remind (催办) the carriers of measures: office, coordinator, principal, supervisors, a leader for led ones. */
  canRemind: z.boolean(),
  /** May change a measure's department, leader or person (alone or in a batch). */
  canReassign: z.boolean(),
  /** May read opinions from the public (群众意见): the unit's handlers, supervisors, the office, assignees. */
  canReadOpinions: z.boolean(),
  /** Set for accounts an administrator created or reset: the app asks for a new password before anything else. */
  mustChangePassword: z.boolean(),
  /** Upload limits: the largest evidence file, and the longest edge photos are scaled down to before upload. */
  uploads: z.object({ maxBytes: z.number(), photoMaxEdge: z.number() }),
});
export type TMe = z.infer<typeof ZMe>;

/** POST /api/auth/change-password */
export const ZChangePasswordRequest = z.object({
  currentPassword: z.string().min(1, { message: '请输入当前密码' }).max(256),
  newPassword: z.string().min(1, { message: '请输入新密码' }).max(256),
});
export type TChangePasswordRequest = z.infer<typeof ZChangePasswordRequest>;
