/** Renders the permission matrix as the Markdown table in docs/permissions.md (kept in sync by a test). */
import { ROLE_LABELS, ROLES } from '@shared/domain.ts';
import {
  decideTransition,
  MEASURE_ACTION_LABELS,
  type TCloseOutStage,
  type TMeasureAction,
} from '@shared/measure-state.ts';
import type { TMeasureState, TRole } from '@shared/domain.ts';
import { actorFacts, systemActor, type TActor } from './actor.ts';
import { can, measureObject, PERMISSION_MATRIX, type TPolicyAction, type TRule } from './policy.ts';

/** Where each step of a measure is taken from, to ask the state machine who may take it. */
const STEP_FROM: Record<
  TMeasureAction,
  { state: TMeasureState; stages?: TCloseOutStage[]; via: TPolicyAction }
> = {
  start: { state: 'not_started', via: 'measure.transition' },
  record_progress: { state: 'in_progress', via: 'measure.record_progress' },
  request_close_out: { state: 'in_progress', via: 'measure.transition' },
  leader_review: { state: 'close_requested', stages: ['leader'], via: 'measure.transition' },
  approve_close_out: { state: 'close_requested', stages: ['principal'], via: 'measure.transition' },
  confirm_close_out: { state: 'close_requested', stages: ['office'], via: 'measure.transition' },
  send_back: {
    state: 'close_requested',
    stages: ['leader', 'principal', 'office'],
    via: 'measure.transition',
  },
  set_standing: { state: 'in_progress', via: 'measure.transition' },
  relapse: { state: 'closed', via: 'lookback.manage' },
};

/**
 * Who may take a step, as the state machine and the matrix decide together (the server checks both): ✓ for any
 * measure, or only for measures the actor leads / carries.
 */
export function stepRule(role: TRole, action: TMeasureAction): TRule {
  const from = STEP_FROM[action];
  // The server's own checks, on a sample measure led by person 1 and carried by person 2.
  const measure = { leader_id: 1, person_id: 2, department_id: null };
  const may = (personId: number | null) => {
    const actor: TActor = { ...systemActor('docs'), role, personId, label: role };
    if (!can(actor, from.via, measureObject(1, measure))) return false;
    // At any of the stages the step applies to (sending back: whoever reviews at the current stage).
    return (from.stages ?? [null]).some(
      (stage) =>
        decideTransition(from.state, action, {
          isSixClear: true,
          hasEvidence: true,
          actor: actorFacts(actor, measure),
          stage,
          hasRelapsedLookback: true,
        }).ok,
    );
  };
  if (may(null)) return 'all';
  if (may(1)) return 'led';
  if (may(2)) return 'own';
  return 'none';
}

const ACTION_LABELS: Record<TPolicyAction, string> = {
  'inspection.read': '查看巡察台账',
  'inspection.import': '导入台账 / 按新版分解表更新',
  'inspection.archive': '归档、恢复误建的台账，删除未填报任何内容的台账（已有整改记录的台账仅巡察办可归档）',
  'inspection.archive_worked': '归档已有整改记录的台账（被巡察单位不能自行把有记录的台账移出统计）',
  'inspection.configure': '巡察设置（销号须巡察办确认等约束被巡察单位的设置）',
  'measure.create': '新增整改措施',
  'measure.update': '修改措施（六个明确）',
  'measure.record_progress': '记录整改进展',
  'measure.transition': '状态操作（各环节谁可办理见下表，由状态机决定）',
  'problem.read_feedback': '查看反馈问题原文（保密）',
  'audit.read': '查看、导出操作日志',
  'admin.manage': '管理单位、部室、人员、用户',
  'measure.comment': '对措施发表意见',
  'lookback.manage': '安排回头看、记录巩固或反弹',
  'plan.approve': '批准整改方案',
  'outcome.manage': '登记整改成果（制度、资金、问责）',
  'outcome.read_money_source': '查看退赔资金的来源（涉及个人）',
  'announcement.edit': '起草通报、月报告',
  'announcement.approve': '审批通报',
  'announcement.publish': '发布、撤回通报',
  'report.issue': '签发月报告',
  'evidence.upload': '上传佐证材料',
  'extension.request': '申请延期或调整措施',
  'extension.decide': '审批延期与调整申请',
  'supervision.read': '查看督办单',
  'supervision.issue': '下发、办结、退回督办单，记录约谈',
  'supervision.reply': '回复督办单',
  'measure.remind': '催办整改措施（向责任人、责任领导发送消息）',
  'unit.follow': '跟踪本单位整体整改情况（“我的工作”显示红灯总数）',
  'opinion.read': '查看群众监督意见（本人承办：仅指定给本人的）',
  'opinion.read_contact': '查看意见提出人的姓名和联系方式',
  'opinion.handle': '受理、指定承办人、发布答复群众监督意见',
  'opinion.answer': '拟写群众监督意见的答复',
};
const RULE_TEXT: Record<TRule, string> = {
  all: '✓',
  led: '本人牵头的措施',
  own: '本人或本部室负责的措施（意见：指定本人承办的）',
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
    '## 销号与状态操作',
    '',
    'Derived from the state machine (`src/shared/measure-state.ts`) together with the matrix above: exactly what the server accepts.',
    '',
    header,
    sep,
    ...(Object.keys(STEP_FROM) as TMeasureAction[]).map(
      (a) => `| ${MEASURE_ACTION_LABELS[a]} | ${ROLES.map((r) => RULE_TEXT[stepRule(r, a)]).join(' | ')} |`,
    ),
    '',
    'The close-out chain (销号): the responsible person (or department) requests with evidence and a summary → the',
    "measure's leader reviews → the principal approves → the inspection office confirms (when the inspection office has",
    'set 销号须巡察办确认). Each step is taken by a different person — compared as persons, so two accounts of one person',
    'are one person: the requester cannot review, approve, confirm or send back; the reviewer cannot approve; the',
    'approver cannot confirm. When the unit has too few people for a step (no leader other than the requester, no',
    "principal who has not acted), that step is skipped and the inspection office's confirmation is required instead.",
    'Changing the responsible person, department or leader while a request is pending voids it. Every decision takes an',
    'opinion; sending back requires one.',
    '',
  ].join('\n');
}
