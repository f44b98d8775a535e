/**
 * Messages on every step that hands work to someone: a 销号 request (or its next stage) to the reviewers of that
 * stage, its approval or send-back to the requester, an extension request to the unit's principal and its decision
 * to the requester. Written in the transaction of the step, each about its measure (the message opens it); the
 * actor is never told of their own step.
 */
import type { Kysely } from 'kysely';
import { ROLE_LABELS, type TRole } from '@shared/domain.ts';
import { STAGE_REVIEWERS, type TCloseOutStage } from '@shared/measure-state.ts';
import type { Database } from '../../db/schema.ts';
import type { TActor } from '../../policies/actor.ts';
import type { TMeasureWithUnit } from '../../repositories/measure.repository.ts';
import { insertNotifications } from '../../repositories/notification.repository.ts';
import { activeUsersCovering, activeUsersOf, activeUsersOfUnit } from '../../repositories/user.repository.ts';

/** The first words of a measure or a reason, for messages. */
export const shortText = (text: string, max = 40): string =>
  text.length > max ? `${text.slice(0, max)}…` : text;

/** Sends `text` about the measure to the accounts, once each, not to the actor. */
async function tell(
  db: Kysely<Database>,
  actor: TActor,
  m: TMeasureWithUnit,
  userIds: readonly number[],
  text: string,
  at: string,
): Promise<void> {
  const to = [...new Set(userIds)].filter((id) => id !== actor.userId);
  await insertNotifications(
    db,
    to.map((userId) => ({ user_id: userId, text, measure_id: m.id, created_at: at, read_at: null })),
  );
}

/** Who reviews a 销号 request at a stage, by the rule in `STAGE_REVIEWERS`: their accounts. */
export async function stageReviewers(
  db: Kysely<Database>,
  m: Pick<TMeasureWithUnit, 'leader_id' | 'unit_id'>,
  stage: TCloseOutStage,
): Promise<number[]> {
  const r = STAGE_REVIEWERS[stage];
  if (r.by === 'measure_leader')
    return m.leader_id === null ? [] : activeUsersOf(db, { personIds: [m.leader_id], departmentId: null });
  return r.reach === 'unit'
    ? activeUsersOfUnit(db, [r.role], m.unit_id)
    : activeUsersCovering(db, [r.role], m.unit_id);
}

const STAGE_ASK: Record<TCloseOutStage, string> = {
  leader: '请审核',
  principal: '请审批',
  office: '请确认',
};

/** A 销号 request reached a stage: its reviewers are asked to act. */
export async function noticeCloseOutStage(
  db: Kysely<Database>,
  actor: TActor,
  m: TMeasureWithUnit,
  stage: TCloseOutStage,
  at: string,
): Promise<void> {
  await tell(
    db,
    actor,
    m,
    await stageReviewers(db, m, stage),
    `【销号申请】措施“${shortText(m.content)}”申请销号，${STAGE_ASK[stage]}`,
    at,
  );
}

/** A 销号 request was approved (the measure is closed) or sent back: its requester is told. */
export async function noticeCloseOutOutcome(
  db: Kysely<Database>,
  actor: TActor,
  m: TMeasureWithUnit,
  requester: number | null,
  outcome: { approved: true } | { approved: false; reason: string },
  at: string,
): Promise<void> {
  if (requester === null) return;
  const text = outcome.approved
    ? `【已销号】措施“${shortText(m.content)}”的销号申请已批准`
    : `【退回】措施“${shortText(m.content)}”的销号申请被退回：${shortText(outcome.reason, 100)}`;
  await tell(db, actor, m, [requester], text, at);
}

/** An extension or adjustment was asked: the unit's principal decides it. */
export async function noticeExtensionRequested(
  db: Kysely<Database>,
  actor: TActor,
  m: TMeasureWithUnit,
  at: string,
): Promise<void> {
  await tell(
    db,
    actor,
    m,
    await activeUsersOfUnit(db, ['principal'], m.unit_id),
    `【延期/调整申请】措施“${shortText(m.content)}”申请延期或调整，请审批`,
    at,
  );
}

/** An extension request was decided: its requester is told. */
export async function noticeExtensionDecided(
  db: Kysely<Database>,
  actor: TActor,
  m: TMeasureWithUnit,
  requester: number | null,
  approved: boolean,
  note: string | null,
  at: string,
): Promise<void> {
  if (requester === null) return;
  const verdict = approved ? '已同意' : '未同意';
  const why = note === null || note.trim() === '' ? '' : `：${shortText(note, 100)}`;
  await tell(
    db,
    actor,
    m,
    [requester],
    `【延期/调整申请】措施“${shortText(m.content)}”的申请${verdict}${why}`,
    at,
  );
}

/**
 * A comment (意见) on a measure — a supervisor's, the office's, a leader's: the responsible side is told (the
 * responsible person and leader, or the responsible department's members when no person is named).
 */
export async function noticeComment(
  db: Kysely<Database>,
  actor: TActor,
  m: TMeasureWithUnit,
  text: string,
  at: string,
): Promise<void> {
  const people = [m.person_id, m.leader_id].filter((p): p is number => p !== null);
  const to = await activeUsersOf(db, {
    personIds: people,
    departmentId: people.length === 0 ? m.department_id : null,
  });
  const who = ROLE_LABELS[actor.role as TRole] ?? '';
  await tell(
    db,
    actor,
    m,
    to,
    `【意见】${who}对措施“${shortText(m.content)}”提出意见：${shortText(text, 80)}`,
    at,
  );
}
