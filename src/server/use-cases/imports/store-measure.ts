/** Stores one imported measure with its six clarities, first progress entry and state (through the state machine). */
import type { Kysely } from 'kysely';
import type { TImportedMeasure } from '@shared/import-structure.ts';
import { decideTransition, SYSTEM_FACTS, type TMeasureAction } from '@shared/measure-state.ts';
import { isSixClear } from '@shared/six-clarities.ts';
import type { Database } from '../../db/schema.ts';
import type { TActor } from '../../policies/actor.ts';
import { insertMeasure, insertProgressEntry } from '../../repositories/measure.repository.ts';
import type { TAssigneeResolver } from './import-assignees.ts';
import { recordTransitionRow } from '../measures/apply-transition.ts';

/** What the 状态 column may say, and the transition it asks for. Close-out is never set by an import. */
const STATE_ACTIONS: Array<{ re: RegExp; action: TMeasureAction | null; note?: string }> = [
  { re: /^(未启动|未开始)$/, action: null },
  { re: /^(推进中|正在整改|整改中|进行中|反弹)$/, action: 'start' },
  { re: /^长期坚持$/, action: 'set_standing' },
  {
    re: /^(申请销号|已销号|已完成|完成|已整改)$/,
    action: 'start',
    note: '销号须提交佐证材料并经审批，导入后为推进中',
  },
];

/** Options of `storeMeasure`. */
export type TStoreMeasureOptions = {
  measure: TImportedMeasure;
  ordinal: number;
  problemId: number;
  problemTitle: string;
  inspectionId: number;
  actor: TActor;
  at: string;
  progressDate: string;
  assignees: TAssigneeResolver;
  notes: string[];
};

/** Inserts the measure and returns its id. */
export async function storeMeasure(trx: Kysely<Database>, o: TStoreMeasureOptions): Promise<number> {
  const m = o.measure;
  const departmentId = await o.assignees.department(m.department);
  const leaderId = await o.assignees.person(m.leader, null);
  const personId = await o.assignees.person(m.person, departmentId);
  const isStanding = m.isStanding === true || m.stateText === '长期坚持';
  // A breakdown carries its progress column; an announcement's measure text is what was done.
  const progress = m.progress === undefined ? m.text : m.progress;
  const clarities = {
    task: o.problemTitle,
    content: m.text,
    departmentId,
    leaderId,
    personId,
    deadline: isStanding ? null : (m.deadline ?? null),
    isStanding,
  };
  const wanted =
    STATE_ACTIONS.find((s) => s.re.test(m.stateText ?? '')) ??
    (isStanding ? { action: 'set_standing' as const } : { action: null });
  let state: 'not_started' | 'in_progress' | 'standing' = 'not_started';
  if (wanted.action !== null) {
    const decision = decideTransition('not_started', wanted.action, {
      isSixClear: isSixClear(clarities),
      actor: SYSTEM_FACTS,
    });
    if (decision.ok && (decision.to === 'in_progress' || decision.to === 'standing')) state = decision.to;
    else if (!decision.ok)
      o.notes.push(`措施“${m.text.slice(0, 20)}”状态“${m.stateText ?? ''}”未采用：${decision.reason}`);
    if ('note' in wanted && wanted.note)
      o.notes.push(`措施“${m.text.slice(0, 20)}”标为“${m.stateText ?? ''}”：${wanted.note}`);
  }
  const id = await insertMeasure(trx, {
    inspection_id: o.inspectionId,
    problem_id: o.problemId,
    ordinal: o.ordinal,
    task: clarities.task,
    content: clarities.content,
    department_id: departmentId,
    leader_id: leaderId,
    person_id: personId,
    deadline: clarities.deadline,
    is_standing: isStanding ? 1 : 0,
    state,
    progress: progress ?? null,
    is_demo: 0,
    created_at: o.at,
    created_by: o.actor.userId,
    updated_at: o.at,
    updated_by: o.actor.userId,
  });
  if (progress) {
    await insertProgressEntry(trx, {
      measure_id: id,
      entry_date: o.progressDate,
      text: progress,
      created_by: o.actor.userId,
      created_at: o.at,
      source: 'import',
    });
  }
  if (state !== 'not_started' && wanted.action !== null) {
    await recordTransitionRow(trx, o.actor, id, wanted.action, 'not_started', state, '导入', o.at);
  }
  return id;
}
