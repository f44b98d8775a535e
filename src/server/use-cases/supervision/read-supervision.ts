/** Reading supervision orders: one page of the orders in the actor's scope, and one order with what the actor may do. */
import type { Kysely } from 'kysely';
import type { TSupervisionList, TSupervisionListQuery, TSupervisionOrderView } from '@shared/api.ts';
import { todayInChina } from '@shared/chinese.ts';
import { samePerson } from '@shared/measure-state.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { can, PERMISSION_MATRIX } from '../../policies/policy.ts';
import { presentOrder, presentOrderLine } from '../../presenters/supervision.presenter.ts';
import {
  getOrder,
  listOrders,
  orderInterviews,
  orderReplies,
  orderTargets,
} from '../../repositories/supervision.repository.ts';
import { getUnit } from '../../repositories/unit.repository.ts';
import { accountIdentity } from '../../repositories/user.repository.ts';

type Db = Kysely<Database>;

/** One page of the orders in the actor's scope, newest first. A unit outside the scope finds nothing. */
export async function listSupervision(
  db: Db,
  actor: TActor,
  query: TSupervisionListQuery,
): Promise<TSupervisionList> {
  const today = todayInChina();
  const page = { page: query.page, pageSize: query.pageSize };
  if (actor.role !== 'system' && PERMISSION_MATRIX[actor.role]['supervision.read'] === 'none')
    return { total: 0, ...page, items: [] };
  let unitPath: string | undefined;
  if (query.unit !== undefined) {
    const unit = await getUnit(db, query.unit, actor.scope);
    if (!unit) return { total: 0, ...page, items: [] };
    unitPath = unit.path;
  }
  const { total, rows } = await listOrders(
    db,
    actor.scope,
    {
      status: query.status,
      unitPath,
      overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
      today,
    },
    { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
  );
  return { total, ...page, items: rows.map((r) => presentOrderLine(r, today)) };
}

/** One order with what it is about, its replies and interviews, and what the actor may do now. */
export async function readSupervision(
  db: Db,
  actor: TActor,
  orderId: number,
): Promise<TSupervisionOrderView> {
  const order = await getOrder(db, orderId, actor.scope);
  if (!order || !can(actor, 'supervision.read', { unitId: order.unit_id }))
    throw new AppError('NOT_FOUND', '督办单不存在');
  const [targets, replies, interviews] = await Promise.all([
    orderTargets(db, orderId),
    orderReplies(db, orderId),
    orderInterviews(db, orderId),
  ]);
  const pending = replies.find((r) => r.decision === null);
  const me = { userId: actor.userId, personId: actor.personId };
  const issuer = order.issued_by === null ? undefined : await accountIdentity(db, order.issued_by);
  const replier =
    pending === undefined || pending.replied_by === null
      ? undefined
      : await accountIdentity(db, pending.replied_by);
  const unit = { unitId: order.unit_id };
  return presentOrder(order, {
    targets,
    replies,
    interviews,
    today: todayInChina(),
    can: {
      reply:
        order.status === 'awaiting_reply' && can(actor, 'supervision.reply', unit) && !samePerson(me, issuer),
      decide: order.status === 'replied' && can(actor, 'supervision.issue', unit) && !samePerson(me, replier),
      interview: order.status !== 'closed' && can(actor, 'supervision.issue', unit),
    },
  });
}
