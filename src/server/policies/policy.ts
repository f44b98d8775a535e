/**
 * The permission matrix: `can(actor, action, object)`, pure and unit-scoped. Routes check a coarse permission;
 * use cases call `can` on the object; presenters send the allowed actions to the UI.
 */
import type { TRole } from '@shared/domain.ts';
import { isInScope, type TActor } from './actor.ts';

/** Actions guarded by the policy. */
export type TPolicyAction =
  | 'inspection.read'
  | 'inspection.import'
  | 'inspection.configure'
  /** Archive, restore or (untouched) delete a ledger created by mistake; one with recorded work: the office only. */
  | 'inspection.archive'
  /** Archive a ledger that already has recorded work: the inspection office's alone (a unit cannot hide its own). */
  | 'inspection.archive_worked'
  | 'measure.create'
  | 'measure.update'
  | 'measure.record_progress'
  | 'measure.transition'
  | 'problem.read_feedback'
  | 'audit.read'
  | 'admin.manage'
  | 'measure.comment'
  | 'lookback.manage'
  | 'plan.approve'
  | 'outcome.manage'
  | 'outcome.read_money_source'
  | 'announcement.edit'
  | 'announcement.approve'
  | 'announcement.publish'
  | 'report.issue'
  | 'evidence.upload'
  | 'extension.request'
  | 'extension.decide'
  | 'supervision.read'
  | 'supervision.issue'
  | 'supervision.reply'
  /** 催办: remind the people carrying a measure, now. */
  | 'measure.remind'
  /** Follow the whole unit's work: its red count on 我的工作. */
  | 'unit.follow'
  /** Read opinions from the public (群众监督意见) in the inbox; `own`: those assigned to the reader. */
  | 'opinion.read'
  /** See the submitter's name and contact. */
  | 'opinion.read_contact'
  /** Triage (受理 / 不属于受理范围), assign and publish answers. */
  | 'opinion.handle'
  /** Draft the answer; `own`: to opinions assigned to the writer. */
  | 'opinion.answer';

/** What the policy needs to know about the object. */
export type TPolicyObject = {
  unitId: number;
  leaderId?: number | null;
  personId?: number | null;
  departmentId?: number | null;
};

export type TRule = 'all' | 'led' | 'own' | 'none';

/** Role × action. `led`: only measures the actor leads; `own`: only measures the actor (or their department) carries. */
export const PERMISSION_MATRIX: Record<TRole, Record<TPolicyAction, TRule>> = {
  admin: {
    'inspection.read': 'all',
    'inspection.import': 'all',
    'inspection.archive': 'all',
    'inspection.archive_worked': 'none',
    'inspection.configure': 'none',
    'measure.create': 'all',
    'measure.update': 'all',
    'measure.record_progress': 'all',
    'measure.transition': 'all',
    'problem.read_feedback': 'all',
    'audit.read': 'all',
    'admin.manage': 'all',
    'measure.comment': 'all',
    'lookback.manage': 'all',
    'plan.approve': 'none',
    'outcome.manage': 'all',
    'outcome.read_money_source': 'all',
    'announcement.edit': 'all',
    'announcement.approve': 'none',
    'announcement.publish': 'none',
    'report.issue': 'none',
    'evidence.upload': 'all',
    'extension.request': 'all',
    'extension.decide': 'none',
    'supervision.read': 'all',
    'supervision.issue': 'none',
    'supervision.reply': 'none',
    'measure.remind': 'none',
    'unit.follow': 'all',
    'opinion.read': 'none',
    'opinion.read_contact': 'none',
    'opinion.handle': 'none',
    'opinion.answer': 'none',
  },
  inspection_office: {
    'inspection.read': 'all',
    'inspection.import': 'all',
    'inspection.archive': 'all',
    'inspection.archive_worked': 'all',
    'inspection.configure': 'all',
    'measure.create': 'none',
    'measure.update': 'none',
    'measure.record_progress': 'none',
    'measure.transition': 'all',
    'problem.read_feedback': 'all',
    'audit.read': 'all',
    'admin.manage': 'none',
    'measure.comment': 'all',
    'lookback.manage': 'all',
    'plan.approve': 'none',
    'outcome.manage': 'none',
    'outcome.read_money_source': 'all',
    'announcement.edit': 'none',
    'announcement.approve': 'none',
    'announcement.publish': 'none',
    'report.issue': 'none',
    'evidence.upload': 'none',
    'extension.request': 'none',
    'extension.decide': 'none',
    'supervision.read': 'all',
    'supervision.issue': 'all',
    'supervision.reply': 'none',
    'measure.remind': 'all',
    'unit.follow': 'all',
    'opinion.read': 'all',
    'opinion.read_contact': 'none',
    'opinion.handle': 'none',
    'opinion.answer': 'none',
  },
  coordinator: {
    'inspection.read': 'all',
    'inspection.import': 'all',
    'inspection.archive': 'all',
    'inspection.archive_worked': 'none',
    'inspection.configure': 'none',
    'measure.create': 'all',
    'measure.update': 'all',
    'measure.record_progress': 'all',
    'measure.transition': 'all',
    'problem.read_feedback': 'all',
    'audit.read': 'none',
    'admin.manage': 'none',
    'measure.comment': 'all',
    'lookback.manage': 'all',
    'plan.approve': 'none',
    'outcome.manage': 'all',
    'outcome.read_money_source': 'all',
    'announcement.edit': 'all',
    'announcement.approve': 'none',
    'announcement.publish': 'all',
    'report.issue': 'all',
    'evidence.upload': 'all',
    'extension.request': 'all',
    'extension.decide': 'none',
    'supervision.read': 'all',
    'supervision.issue': 'none',
    'supervision.reply': 'all',
    'measure.remind': 'all',
    'unit.follow': 'all',
    'opinion.read': 'all',
    'opinion.read_contact': 'all',
    'opinion.handle': 'all',
    'opinion.answer': 'all',
  },
  principal: {
    'inspection.read': 'all',
    'inspection.import': 'none',
    'inspection.archive': 'none',
    'inspection.archive_worked': 'none',
    'inspection.configure': 'none',
    'measure.create': 'all',
    'measure.update': 'all',
    'measure.record_progress': 'all',
    'measure.transition': 'all',
    'problem.read_feedback': 'all',
    'audit.read': 'all',
    'admin.manage': 'none',
    'measure.comment': 'all',
    'lookback.manage': 'none',
    'plan.approve': 'all',
    'outcome.manage': 'all',
    'outcome.read_money_source': 'all',
    'announcement.edit': 'all',
    'announcement.approve': 'all',
    'announcement.publish': 'all',
    'report.issue': 'all',
    'evidence.upload': 'all',
    'extension.request': 'all',
    'extension.decide': 'all',
    'supervision.read': 'all',
    'supervision.issue': 'none',
    'supervision.reply': 'all',
    'measure.remind': 'all',
    'unit.follow': 'all',
    'opinion.read': 'all',
    'opinion.read_contact': 'all',
    'opinion.handle': 'all',
    'opinion.answer': 'all',
  },
  leader: {
    'inspection.read': 'all',
    'inspection.import': 'none',
    'inspection.archive': 'none',
    'inspection.archive_worked': 'none',
    'inspection.configure': 'none',
    'measure.create': 'none',
    'measure.update': 'led',
    'measure.record_progress': 'led',
    'measure.transition': 'led',
    'problem.read_feedback': 'all',
    'audit.read': 'none',
    'admin.manage': 'none',
    'measure.comment': 'all',
    'lookback.manage': 'none',
    'plan.approve': 'none',
    'outcome.manage': 'none',
    'outcome.read_money_source': 'none',
    'announcement.edit': 'none',
    'announcement.approve': 'none',
    'announcement.publish': 'none',
    'report.issue': 'none',
    'evidence.upload': 'led',
    'extension.request': 'led',
    'extension.decide': 'none',
    'supervision.read': 'all',
    'supervision.issue': 'none',
    'supervision.reply': 'none',
    'measure.remind': 'led',
    'unit.follow': 'none',
    'opinion.read': 'own',
    'opinion.read_contact': 'own',
    'opinion.handle': 'none',
    'opinion.answer': 'own',
  },
  responsible: {
    'inspection.read': 'all',
    'inspection.import': 'none',
    'inspection.archive': 'none',
    'inspection.archive_worked': 'none',
    'inspection.configure': 'none',
    'measure.create': 'none',
    'measure.update': 'none',
    'measure.record_progress': 'own',
    'measure.transition': 'own',
    'problem.read_feedback': 'none',
    'audit.read': 'none',
    'admin.manage': 'none',
    'measure.comment': 'all',
    'lookback.manage': 'none',
    'plan.approve': 'none',
    'outcome.manage': 'none',
    'outcome.read_money_source': 'none',
    'announcement.edit': 'none',
    'announcement.approve': 'none',
    'announcement.publish': 'none',
    'report.issue': 'none',
    'evidence.upload': 'own',
    'extension.request': 'own',
    'extension.decide': 'none',
    'supervision.read': 'all',
    'supervision.issue': 'none',
    'supervision.reply': 'none',
    'measure.remind': 'none',
    'unit.follow': 'none',
    'opinion.read': 'own',
    'opinion.read_contact': 'own',
    'opinion.handle': 'none',
    'opinion.answer': 'own',
  },
  supervisor: {
    'inspection.read': 'all',
    'inspection.import': 'none',
    'inspection.archive': 'none',
    'inspection.archive_worked': 'none',
    'inspection.configure': 'none',
    'measure.create': 'none',
    'measure.update': 'none',
    'measure.record_progress': 'none',
    'measure.transition': 'none',
    'problem.read_feedback': 'all',
    'audit.read': 'all',
    'admin.manage': 'none',
    'measure.comment': 'all',
    'lookback.manage': 'none',
    'plan.approve': 'none',
    'outcome.manage': 'none',
    'outcome.read_money_source': 'all',
    'announcement.edit': 'none',
    'announcement.approve': 'none',
    'announcement.publish': 'none',
    'report.issue': 'none',
    'evidence.upload': 'none',
    'extension.request': 'none',
    'extension.decide': 'none',
    'supervision.read': 'all',
    'supervision.issue': 'none',
    'supervision.reply': 'none',
    'measure.remind': 'all',
    'unit.follow': 'all',
    'opinion.read': 'all',
    'opinion.read_contact': 'all',
    'opinion.handle': 'none',
    'opinion.answer': 'none',
  },
};

/** The policy object of a measure of the given unit (its leader, person and department decide item-level rules). */
export function measureObject(
  unitId: number,
  m: { leader_id: number | null; person_id: number | null; department_id: number | null },
): TPolicyObject {
  return { unitId, leaderId: m.leader_id, personId: m.person_id, departmentId: m.department_id };
}

/** True when the actor may do `action` on `object`. */
export function can(actor: TActor, action: TPolicyAction, object: TPolicyObject): boolean {
  if (!isInScope(actor, object.unitId)) return false;
  if (actor.role === 'system') return true;
  const rule = PERMISSION_MATRIX[actor.role][action];
  switch (rule) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'led':
      return actor.personId !== null && object.leaderId === actor.personId;
    case 'own':
      return (
        (actor.personId !== null && object.personId === actor.personId) ||
        (actor.departmentId !== null && object.departmentId === actor.departmentId)
      );
  }
}

/** The role's rule for an action (`all` for the system). */
export function ruleOf(role: TRole | 'system', action: TPolicyAction): TRule {
  return role === 'system' ? 'all' : PERMISSION_MATRIX[role][action];
}

/** True when the role may do the action somewhere (the coarse check on routes). */
export function roleMay(role: TRole | 'system', action: TPolicyAction): boolean {
  return role === 'system' || PERMISSION_MATRIX[role][action] !== 'none';
}
