/** Builds what the state machine needs to know about a measure and the actor: one query path for every caller. */
import type { Kysely } from 'kysely';
import type { TMeasureAction, TTransitionContext } from '@shared/measure-state.ts';
import type { Database } from '../../db/schema.ts';
import { actorFacts, type TActor } from '../../policies/actor.ts';
import {
  closeOutCandidates,
  closeOutFacts,
  type TMeasureWithUnit,
} from '../../repositories/measure.repository.ts';
import { rowIsSixClear } from './measure-snapshot.ts';

/**
 * The full context for one measure. For the steps that pick the next stage of the close-out chain, it also says
 * whether anyone other than those who already acted (the actor included) can take the leader and principal stages.
 */
export async function transitionContext(
  db: Kysely<Database>,
  actor: TActor,
  m: TMeasureWithUnit,
  action?: TMeasureAction,
): Promise<TTransitionContext> {
  const facts = (await closeOutFacts(db, { measureId: m.id }))(m.id);
  const ctx: TTransitionContext = { isSixClear: rowIsSixClear(m), actor: actorFacts(actor, m), ...facts };
  if (actor.role !== 'system' && (action === 'request_close_out' || action === 'leader_review')) {
    const me = { userId: actor.userId, personId: actor.personId };
    const excluded =
      action === 'request_close_out'
        ? [me]
        : [me, ...(facts.chain?.requester ? [facts.chain.requester] : [])];
    ctx.available = await closeOutCandidates(db, m, excluded);
  }
  return ctx;
}
