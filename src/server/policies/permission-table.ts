/** Renders the permission matrix as the Markdown table in docs/permissions.md (kept in sync by a test). */
import { ROLE_LABELS, ROLES } from '@shared/domain.ts';
import { PERMISSION_MATRIX, type TPolicyAction, type TRule } from './policy.ts';

const ACTION_LABELS: Record<TPolicyAction, string> = {
  'inspection.read': '查看巡察台账',
  'inspection.import': '导入台账 / 按新版分解表更新',
  'inspection.configure': '巡察设置（销号须巡察办确认等约束被巡察单位的设置）',
  'measure.create': '新增整改措施',
  'measure.update': '修改措施（六个明确）',
  'measure.record_progress': '记录整改进展',
  'measure.transition': '启动整改、转为长期坚持',
  'problem.read_feedback': '查看反馈问题原文（保密）',
  'audit.read': '查看、导出操作日志',
  'admin.manage': '管理单位、部室、人员、用户',
  'measure.comment': '对措施发表意见',
  'lookback.manage': '安排回头看、记录巩固或反弹',
  'plan.approve': '批准整改方案、审批延期与调整',
  'outcome.manage': '登记整改成果（制度、资金、问责）',
  'outcome.read_money_source': '查看退赔资金的来源（涉及个人）',
  'announcement.edit': '起草通报、月报告',
  'announcement.approve': '审批通报',
  'announcement.publish': '发布、撤回通报，签发月报告',
};
const RULE_TEXT: Record<TRule, string> = {
  all: '✓',
  led: '本人牵头的措施',
  own: '本人或本部室负责的措施',
  none: '—',
};

/** The Markdown document. */
export function renderPermissionDoc(): string {
  const actions = Object.keys(ACTION_LABELS) as TPolicyAction[];
  const header = `| 操作 | ${ROLES.map((r) => ROLE_LABELS[r]).join(' | ')} |`;
  const sep = `|---|${ROLES.map(() => '---').join('|')}|`;
  const rows = actions.map(
    (a) => `| ${ACTION_LABELS[a]} | ${ROLES.map((r) => RULE_TEXT[PERMISSION_MATRIX[r][a]]).join(' | ')} |`,
  );
  return [
    '# Permissions',
    '',
    'Generated from `src/server/policies/policy.ts` (`npm run docs:permissions`); a test fails when this file and the code disagree.',
    '',
    "Every permission holds only inside the user's units: the unit they are assigned to and everything below it (a system",
    'administrator without a unit: all units). Objects of other units answer 404, never 403. Discipline supervisors and the',
    'inspection office read everything in their scope and write nothing in the ledger.',
    '',
    header,
    sep,
    ...rows,
    '',
  ].join('\n');
}
