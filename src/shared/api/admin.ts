/** Administration: units, departments, people, accounts. */
import { z } from 'zod';
import { ZRole } from '../domain.ts';

import { optionalText, text } from './fields.ts';

/** POST /api/admin/units */
export const ZCreateUnitRequest = z.object({
  parentId: z.number().int().positive().nullable(),
  name: text('单位名称', 100).min(1, { message: '请填写单位名称' }),
  partyOrgName: optionalText('党组织名称', 100),
  phone: optionalText('联系电话', 50),
  address: optionalText('通信地址', 200),
  email: optionalText('电子邮箱', 100),
});
export type TCreateUnitRequest = z.infer<typeof ZCreateUnitRequest>;

/** PATCH /api/admin/units/:id */
export const ZUpdateUnitRequest = ZCreateUnitRequest.omit({ parentId: true })
  .partial()
  .extend({
    version: z.number().int().positive({ message: '缺少版本号' }),
    /** Whether the unit's published announcements go public (on /public), with its contact. */
    isPublic: z.boolean().optional(),
  });
export type TUpdateUnitRequest = z.infer<typeof ZUpdateUnitRequest>;

/** POST /api/admin/units/:id/departments */
export const ZCreateDepartmentRequest = z.object({
  name: text('部室名称', 60).min(1, { message: '请填写部室名称' }),
});

/** PATCH /api/admin/departments/:id — rename, close (停用: no new work) or reopen. */
export const ZUpdateDepartmentRequest = z
  .object({
    version: z.number().int().positive({ message: '缺少版本号' }),
    name: text('部室名称', 60).min(1, { message: '请填写部室名称' }).optional(),
    isActive: z.boolean().optional(),
  })
  .refine((v) => v.name !== undefined || v.isActive !== undefined, { message: '请填写要修改的内容' });

/** POST /api/admin/departments/:id/merge and /api/admin/people/:id/merge — this record's work goes into another. */
export const ZMergeRequest = z.object({
  version: z.number().int().positive({ message: '缺少版本号' }),
  intoId: z.number({ message: '请选择合并到哪一个' }).int().positive({ message: '请选择合并到哪一个' }),
});
/** What a merge moved. */
export type TMergeResult = { measures: number; people: number; opinions: number; accounts: number };

/** PATCH /api/admin/people/:id — correct the name, position or department. */
export const ZUpdatePersonRequest = z
  .object({
    version: z.number().int().positive({ message: '缺少版本号' }),
    name: text('姓名', 40).min(1, { message: '请填写姓名' }).optional(),
    position: text('职务', 60).nullable().optional(),
    departmentId: z.number().int().positive().nullable().optional(),
  })
  .refine((v) => v.name !== undefined || v.position !== undefined || v.departmentId !== undefined, {
    message: '请填写要修改的内容',
  });

/** POST /api/admin/units/:id/people */
/** POST /api/admin/people/:id/handover — the person leaves; their open work goes to the successor. */
export const ZHandOverRequest = z.object({
  successorId: z.number({ message: '请选择接替人' }).int().positive({ message: '请选择接替人' }),
});
/** What a hand-over moved. */
export type THandOverResult = { measures: number; opinions: number; accounts: number };

export const ZCreatePersonRequest = z.object({
  name: text('姓名', 40).min(1, { message: '请填写姓名' }),
  position: optionalText('职务', 60),
  departmentId: z.number().int().positive().nullable().default(null),
});

/** POST /api/admin/users */
export const ZCreateUserRequest = z.object({
  username: text('用户名', 64).min(2, { message: '用户名至少 2 位' }),
  displayName: text('姓名', 60).min(1, { message: '请填写姓名' }),
  role: ZRole,
  unitId: z.number().int().positive().nullable(),
  personId: z.number().int().positive().nullable().default(null),
  password: z.string().min(1, { message: '请设置初始密码' }).max(256),
});
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequest>;

/** PATCH /api/admin/users/:id */
export const ZUpdateUserRequest = z.object({
  displayName: text('姓名', 60).min(1).optional(),
  role: ZRole.optional(),
  unitId: z.number().int().positive().nullable().optional(),
  personId: z.number().int().positive().nullable().optional(),
  isActive: z.boolean().optional(),
});
export type TUpdateUserRequest = z.infer<typeof ZUpdateUserRequest>;

/** POST /api/admin/users/:id/reset-password */
export const ZResetPasswordRequest = z.object({
  password: z.string().min(1, { message: '请设置新密码' }).max(256),
});

/** A unit in the administration tree. */
export type TAdminUnit = {
  id: number;
  parentId: number | null;
  name: string;
  partyOrgName: string | null;
  phone: string | null;
  address: string | null;
  email: string | null;
  /** Its published announcements are public (on /public). */
  isPublic: boolean;
  version: number;
  departments: Array<{
    id: number;
    name: string;
    version: number;
    /** When it was closed or merged (no new work); null while active. */
    inactiveAt: string | null;
    /** The department it was merged into. */
    mergedIntoId: number | null;
  }>;
  people: Array<{
    id: number;
    name: string;
    position: string | null;
    departmentId: number | null;
    /** When the person left (handed over, or merged into another record); null while serving. */
    leftAt: string | null;
    version: number;
    /** The record this duplicate was merged into. */
    mergedIntoId: number | null;
  }>;
};

/** A user in the administration list. */
export type TAdminUser = {
  id: number;
  username: string;
  displayName: string;
  role: string;
  roleLabel: string;
  unitId: number | null;
  unitName: string | null;
  personId: number | null;
  isActive: boolean;
  isLocked: boolean;
  mustChangePassword: boolean;
  createdAt: string;
};
