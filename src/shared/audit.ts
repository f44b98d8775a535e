/** Kinds of audit entries. Every write appends exactly one entry of one of these kinds, in its transaction. */
export const AUDIT_KINDS = {
  'auth.login': '登录成功',
  'auth.login_failed': '登录失败',
  'auth.logout': '退出登录',
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
