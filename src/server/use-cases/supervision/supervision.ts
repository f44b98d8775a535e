/**
 * Supervision orders (督办单): the inspection office issues an order to a unit about chosen measures or problems,
 * with a reason and a reply deadline; the unit's coordinator or principal replies with what was done; the office
 * closes the order (办结) or sends the reply back; interviews (约谈) are recorded against the order. Steps go through
 * `supervisionStep` (the one rule); each write checks the actor on the order's unit, writes its audit entry in the
 * same transaction and refuses a stale version. The person who issued an order cannot reply to it, and whoever
 * replied cannot decide on that reply — compared as persons, so one person's two accounts are one person.
 */
import type { Kysely } from 'kysely';
import type { TIssueSupervisionRequest } from '@shared/api.ts';
import { todayInChina } from '@shared/chinese.ts';
import { samePerson } from '@shared/measure-state.ts';
import { type TSupervisionAction, supervisionStep } from '@shared/supervision.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { can } from '../../policies/policy.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { insertNotifications } from '../../repositories/notification.repository.ts';
import {
  decideReply,
  getOrder,
  insertInterview,
  insertOrder,
  insertReply,
  measureTargetsInScope,
  moveOrderIfVersion,
  pendingReply,
  problemTargetsInScope,
  type TOrderRow,
} from '../../repositories/supervision.repository.ts';
import { accountIdentity, activeUsersOfUnit } from '../../repositories/user.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';

type Db = Kysely<Database>;

const STALE = '督办单已被他人处理，请刷新后重试';
const NOT_FOUND = '督办单不存在';

/** The step's new status, or a 409 with the reason. */
function stepOrRefuse(order: TOrderRow, action: TSupervisionAction) {
  const step = supervisionStep(order.status, action);
  if (!step.ok) throw new AppError('CONFLICT', step.reason);
  return step.to;
}

const short = (s: string, n = 40) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** Issues one order per unit the chosen measures and problems belong to; returns the orders' ids. */
export async function issueSupervision({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: TActor;
  input: TIssueSupervisionRequest;
}): Promise<number[]> {
  const forbidden = '只有巡察办可以下发督办单';
  if (input.replyDeadline < todayInChina()) throw new AppError('UNPROCESSABLE', '回复期限不能早于今天');
  const measureIds = [...new Set(input.measureIds)];
  const problemIds = [...new Set(input.problemIds)];
  return inTransaction(db, async (trx) => {
    const measures = await measureTargetsInScope(trx, actor.scope, measureIds);
    const problems = await problemTargetsInScope(trx, actor.scope, problemIds);
    // Another unit's measure answers as one that does not exist.
    if (measures.length !== measureIds.length) throw new AppError('NOT_FOUND', '所选措施不存在');
    if (problems.length !== problemIds.length) throw new AppError('NOT_FOUND', '所选问题不存在');
    const byUnit = new Map<
      number,
      Array<{ inspection_id: number; problem_id: number | null; measure_id: number | null }>
    >();
    const add = (
      unitId: number,
      item: { inspection_id: number; problem_id: number | null; measure_id: number | null },
    ) => byUnit.set(unitId, [...(byUnit.get(unitId) ?? []), item]);
    for (const m of measures)
      add(m.unit_id, { inspection_id: m.inspection_id, problem_id: null, measure_id: m.measure_id });
    for (const p of problems)
      add(p.unit_id, { inspection_id: p.inspection_id, problem_id: p.problem_id, measure_id: null });
    const at = nowIso();
    const ids: number[] = [];
    for (const [unitId, items] of [...byUnit.entries()].sort(([a], [b]) => a - b)) {
      if (!can(actor, 'supervision.issue', { unitId })) throw new AppError('FORBIDDEN', forbidden);
      const id = await insertOrder(
        trx,
        {
          unit_id: unitId,
          reason: input.reason,
          reply_deadline: input.replyDeadline,
          status: 'awaiting_reply',
          issued_by: actor.userId,
          issued_at: at,
          closed_by: null,
          closed_at: null,
        },
        items,
      );
      await appendAudit(trx, {
        kind: 'supervision.issued',
        ...auditActor(actor),
        objectType: 'supervision_order',
        objectId: id,
        unitId,
        after: {
          reason: input.reason,
          replyDeadline: input.replyDeadline,
          measureIds: items.flatMap((i) => (i.measure_id === null ? [] : [i.measure_id])),
          problemIds: items.flatMap((i) => (i.problem_id === null ? [] : [i.problem_id])),
        },
        at,
      });
      await notify(trx, await activeUsersOfUnit(trx, ['coordinator', 'principal'], unitId), {
        text: `收到督办单：${short(input.reason)}（${items.length} 项，请于 ${input.replyDeadline} 前回复）`,
        orderId: id,
        at,
      });
      ids.push(id);
    }
    return ids;
  });
}

/** The unit replies with what was done. */
export async function replySupervision({
  db,
  actor,
  orderId,
  text,
  version,
}: {
  db: Db;
  actor: TActor;
  orderId: number;
  text: string;
  version: number;
}): Promise<void> {
  await inTransaction(db, async (trx) => {
    const order = await getOrder(trx, orderId, actor.scope);
    if (!order) throw new AppError('NOT_FOUND', NOT_FOUND);
    if (!can(actor, 'supervision.reply', { unitId: order.unit_id }))
      throw new AppError('FORBIDDEN', '只有被督办单位的整改联络员或第一责任人可以回复督办单');
    const issuer = order.issued_by === null ? undefined : await accountIdentity(trx, order.issued_by);
    if (samePerson(actor, issuer)) throw new AppError('UNPROCESSABLE', '下发督办单的人不能回复本督办单');
    const to = stepOrRefuse(order, 'reply');
    if (order.version !== version) throw new AppError('CONFLICT', STALE);
    const at = nowIso();
    if (!(await moveOrderIfVersion(trx, orderId, version, { status: to })))
      throw new AppError('CONFLICT', STALE);
    await insertReply(trx, {
      order_id: orderId,
      text,
      replied_by: actor.userId,
      replied_at: at,
      decision: null,
      decision_note: null,
      decided_by: null,
      decided_at: null,
    });
    await appendAudit(trx, {
      kind: 'supervision.replied',
      ...auditActor(actor),
      objectType: 'supervision_order',
      objectId: orderId,
      unitId: order.unit_id,
      before: { status: order.status },
      after: { status: to, text },
      at,
    });
    await notify(trx, order.issued_by === null ? [] : [order.issued_by], {
      text: `${order.unit_name}已回复督办单：${short(order.reason)}，请审核`,
      orderId,
      at,
    });
  });
}

/** The office closes the order on the reply, or sends the reply back with a reason. */
export async function decideSupervision({
  db,
  actor,
  orderId,
  accept,
  note,
  version,
}: {
  db: Db;
  actor: TActor;
  orderId: number;
  accept: boolean;
  note: string | null;
  version: number;
}): Promise<void> {
  const forbidden = '只有巡察办可以办结或退回督办单';
  await inTransaction(db, async (trx) => {
    const order = await getOrder(trx, orderId, actor.scope);
    if (!order) throw new AppError('NOT_FOUND', NOT_FOUND);
    if (!can(actor, 'supervision.issue', { unitId: order.unit_id }))
      throw new AppError('FORBIDDEN', forbidden);
    const to = stepOrRefuse(order, accept ? 'accept' : 'send_back');
    if (order.version !== version) throw new AppError('CONFLICT', STALE);
    const reply = await pendingReply(trx, orderId);
    if (!reply) throw new AppError('CONFLICT', '被督办单位尚未回复');
    const replier = reply.replied_by === null ? undefined : await accountIdentity(trx, reply.replied_by);
    if (samePerson(actor, replier)) throw new AppError('UNPROCESSABLE', '回复督办单的人不能审核自己的回复');
    if (!accept && (note ?? '') === '') throw new AppError('UNPROCESSABLE', '退回须填写退回理由');
    const at = nowIso();
    const moved = await moveOrderIfVersion(trx, orderId, version, {
      status: to,
      ...(accept ? { closed_by: actor.userId, closed_at: at } : {}),
    });
    if (!moved) throw new AppError('CONFLICT', STALE);
    await decideReply(trx, reply.id, {
      decision: accept ? 'accepted' : 'returned',
      note,
      by: actor.userId,
      at,
    });
    await appendAudit(trx, {
      kind: accept ? 'supervision.closed' : 'supervision.returned',
      ...auditActor(actor),
      objectType: 'supervision_order',
      objectId: orderId,
      unitId: order.unit_id,
      before: { status: order.status },
      after: { status: to, note },
      at,
    });
    const recipients = await activeUsersOfUnit(trx, ['coordinator', 'principal'], order.unit_id);
    await notify(trx, [...recipients, ...(reply.replied_by === null ? [] : [reply.replied_by])], {
      text: accept
        ? `督办单已办结：${short(order.reason)}`
        : `督办单回复被退回，请重新回复：${short(order.reason)}（${note ?? ''}）`,
      orderId,
      at,
    });
  });
}

/** Records an interview (约谈) of the unit's principal against the order; returns its id. */
export async function recordInterview({
  db,
  actor,
  orderId,
  input,
}: {
  db: Db;
  actor: TActor;
  orderId: number;
  input: { heldOn: string; interviewee: string; interviewers: string; summary: string };
}): Promise<number> {
  const forbidden = '只有巡察办可以记录约谈';
  return inTransaction(db, async (trx) => {
    const order = await getOrder(trx, orderId, actor.scope);
    if (!order) throw new AppError('NOT_FOUND', NOT_FOUND);
    if (!can(actor, 'supervision.issue', { unitId: order.unit_id }))
      throw new AppError('FORBIDDEN', forbidden);
    stepOrRefuse(order, 'interview');
    if (input.heldOn > todayInChina()) throw new AppError('UNPROCESSABLE', '约谈日期不能晚于今天');
    const at = nowIso();
    const id = await insertInterview(trx, {
      order_id: orderId,
      held_on: input.heldOn,
      interviewee: input.interviewee,
      interviewers: input.interviewers,
      summary: input.summary,
      recorded_by: actor.userId,
      recorded_at: at,
    });
    await appendAudit(trx, {
      kind: 'supervision.interview_recorded',
      ...auditActor(actor),
      objectType: 'supervision_order',
      objectId: orderId,
      unitId: order.unit_id,
      after: { interviewId: id, ...input },
      at,
    });
    return id;
  });
}

/** Messages to the given accounts, each leading to the order. */
async function notify(db: Db, userIds: number[], m: { text: string; orderId: number; at: string }) {
  await insertNotifications(
    db,
    [...new Set(userIds)].map((userId) => ({
      user_id: userId,
      text: m.text,
      measure_id: null,
      link: `/supervision/${m.orderId}`,
      created_at: m.at,
      read_at: null,
    })),
  );
}
