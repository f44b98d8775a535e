/** Kinds of audit entries. Every write appends exactly one entry of one of these kinds, in its transaction. */
export const AUDIT_KINDS = {
  'auth.login': '登录成功',
  'auth.login_failed': '登录失败',
  'auth.logout': '退出登录',
  'auth.logout_all': '退出所有设备上的登录',
  'auth.password_changed': '修改密码',
  'user.updated': '修改用户（角色、范围、启用停用）',
  'user.password_reset': '管理员重置用户密码',
  'unit.updated': '修改单位',
  'department.created': '新增部室',
  'person.created': '新增人员',
  'user.created': '创建用户',
  'unit.created': '创建单位',
  'inspection.imported': '导入通报、反馈意见或责任分解表，建立巡察台账',
  'inspection.reimported': '按新版责任分解表更新台账（仅确认的增改删）',
  'inspection.exported': '导出台账',
  'measure.created': '新增整改措施',
  'measure.updated': '修改整改措施（六个明确等）',
  'measure.progress_recorded': '记录整改进展',
  'measure.transitioned': '措施状态变更',
  'demo.seeded': '生成演示数据',
} as const;
export type TAuditKind = keyof typeof AUDIT_KINDS;
