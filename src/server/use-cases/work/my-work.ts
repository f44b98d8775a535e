/**
 * 我的工作: what waits for the current user — measures they carry or lead that are red or yellow (standing ones by
 * their check period), 销号 requests at their stage, extension requests they decide, look-backs still to check,
 * unread messages. Every list is filtered, limited and counted by the database within the user's scope.
 */
import { type TMeasureSearchItem, type TMyMeasure, type TMyWork, ZMeasureSearchQuery } from '@shared/api.ts';
import { listOpinionInbox } from '../opinions/read-opinions.ts';
import { todayInChina } from '@shared/chinese.ts';
import type { TWarningColour } from '@shared/domain.ts';
import { roleMay } from '../../policies/policy.ts';
import {
  openLookbacksInScope,
  pendingExtensionsInScope,
  unreadNotifications,
} from '../../repositories/my-work.repository.ts';
import type { TReadOptions } from '../inspections/read-ledger.ts';
import { closeOutQueue } from '../measures/close-out-queue.ts';
import { searchMeasures } from '../measures/search-measures.ts';

/** How many measures of each colour the page lists (the rest are a click away in 措施查询). */
const LISTED = 20;

function myMeasure(m: TMeasureSearchItem, personId: number | null): TMyMeasure {
  return {
    id: m.id,
    inspectionId: m.inspectionId,
    unitName: m.unitName,
    content: m.content,
    deadline: m.deadline,
    isStanding: m.isStanding,
    overdueDays: m.overdueDays,
    colour: m.colour,
    state: m.state,
    isLed: personId !== null && m.leaderId === personId && m.personId !== personId,
  };
}

/** The page's data for the actor. */
export async function readMyWork(options: TReadOptions): Promise<TMyWork> {
  const { db, actor, today = todayInChina() } = options;
  const read = { ...options, today };
  const mine = async (colour: TWarningColour) => {
    if (actor.personId === null) return { total: 0, items: [] };
    const found = await searchMeasures(
      read,
      ZMeasureSearchQuery.parse({
        person: String(actor.personId),
        colour,
        sort: 'deadline',
        pageSize: LISTED,
      }),
    );
    return { total: found.total, items: found.items.map((m) => myMeasure(m, actor.personId)) };
  };
  const [red, yellow, scopeRed, closeOuts, extensions, lookbacks, unread, opinions] = await Promise.all([
    mine('red'),
    mine('yellow'),
    roleMay(actor.role, 'unit.follow')
      ? searchMeasures(read, ZMeasureSearchQuery.parse({ colour: 'red', pageSize: 1 })).then((r) => r.total)
      : null,
    closeOutQueue(db, actor),
    roleMay(actor.role, 'extension.decide') ? pendingExtensionsInScope(db, actor.scope, 50) : [],
    roleMay(actor.role, 'lookback.manage') ? openLookbacksInScope(db, actor.scope, 20) : [],
    actor.userId === null ? 0 : unreadNotifications(db, actor.userId),
    roleMay(actor.role, 'opinion.answer')
      ? listOpinionInbox(db, actor, { status: 'open', page: 1, pageSize: 10 })
      : { total: 0, items: [] },
  ]);
  return {
    today,
    red,
    yellow,
    scopeRed,
    closeOuts,
    extensions: extensions.map((e) => ({
      id: e.id,
      measureId: e.measure_id,
      inspectionId: e.inspection_id,
      content: e.content,
      reason: e.reason,
      newDeadline: e.new_deadline,
      requestedAt: e.requested_at,
      requesterName: e.requester_name,
    })),
    lookbacks: lookbacks.map((l) => ({
      id: l.id,
      inspectionId: l.inspection_id,
      inspectionTitle: l.inspection_title,
      unitName: l.unit_name,
      scheduledDate: l.scheduled_date,
      unchecked: Number(l.unchecked ?? 0),
    })),
    unread,
    opinions: { total: opinions.total, items: opinions.items },
  };
}
