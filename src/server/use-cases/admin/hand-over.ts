/**
 * A person leaves (人员交接): in one audited step their open measures — as responsible person and as leader — go to a
 * successor of the same unit (each through `updateMeasure`, so every measure's own audit and rules hold), their open
 * opinions from the public too, their accounts are closed and signed out, and they are marked as left. History keeps
 * their name: closed measures, progress, reviews and audit entries are not rewritten.
 */
import type { Kysely } from 'kysely';
import type { THandOverResult } from '@shared/api.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import {
  closeAccountsOfPerson,
  markPersonLeft,
  moveOpenOpinions,
  openMeasuresOfPerson,
} from '../../repositories/handover.repository.ts';
import { getPerson } from '../../repositories/unit.repository.ts';
import { updateMeasure } from '../measures/update-measure.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { administrableUnit, requireAdmin } from './admin-guard.ts';

/**
 * Gives the open measures (as responsible person or leader, each through `updateMeasure`) and open opinions of one
 * person record to another. Used by the hand-over and by the merge of duplicate records.
 */
export async function moveOpenWork(
  trx: Kysely<Database>,
  actor: TActor,
  from: number,
  to: number,
): Promise<{ measures: Array<{ id: number }>; opinions: number }> {
  const measures = await openMeasuresOfPerson(trx, from);
  for (const m of measures)
    await updateMeasure({
      db: trx,
      actor,
      measureId: m.id,
      input: {
        version: m.version,
        ...(m.person_id === from ? { personId: to } : {}),
        ...(m.leader_id === from ? { leaderId: to } : {}),
      },
    });
  return { measures, opinions: await moveOpenOpinions(trx, from, to) };
}

/** Hands everything open of `personId` to `successorId`. */
export async function handOver(o: {
  db: Kysely<Database>;
  actor: TActor;
  personId: number;
  successorId: number;
}): Promise<THandOverResult> {
  requireAdmin(o.actor);
  return inTransaction(o.db, async (trx) => {
    const person = await getPerson(trx, o.personId);
    if (!person) throw new AppError('NOT_FOUND', '人员不存在');
    await administrableUnit(trx, o.actor, person.unit_id);
    const successor = await getPerson(trx, o.successorId);
    if (!successor || successor.unit_id !== person.unit_id)
      throw new AppError('UNPROCESSABLE', '接替人须是同一单位的人员');
    if (successor.id === person.id) throw new AppError('UNPROCESSABLE', '接替人不能是本人');
    if (successor.left_at !== null) throw new AppError('UNPROCESSABLE', '接替人已离任');
    const at = nowIso();
    // Marked first: a second hand-over of the same person, at the same time, stops here.
    if (!(await markPersonLeft(trx, person.id, at))) throw new AppError('CONFLICT', '该人员已办理交接');
    const { measures, opinions } = await moveOpenWork(trx, o.actor, person.id, successor.id);
    const accounts = await closeAccountsOfPerson(trx, person.id);
    await appendAudit(trx, {
      kind: 'person.handed_over',
      ...auditActor(o.actor),
      objectType: 'person',
      objectId: person.id,
      unitId: person.unit_id,
      before: { name: person.name, leftAt: null },
      after: {
        name: person.name,
        leftAt: at,
        successor: { id: successor.id, name: successor.name },
        measureIds: measures.map((m) => m.id),
        opinions,
        closedAccounts: accounts,
      },
      at,
    });
    return { measures: measures.length, opinions, accounts: accounts.length };
  });
}
