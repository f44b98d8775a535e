/** Builds what the state machine needs to know about a measure and the actor: one query path for every caller. */
import type { Kysely } from 'kysely';
import type { TTransitionContext } from '@shared/measure-state.ts';
import type { Database, MeasureRow } from '../../db/schema.ts';
import { actorFacts, type TActor } from '../../policies/actor.ts';
import { closeOutFacts } from '../../repositories/measure.repository.ts';
import { rowIsSixClear } from './measure-snapshot.ts';

/** The full context for one measure. */
export async function transitionContext(
  db: Kysely<Database>,
  actor: TActor,
  m: MeasureRow,
): Promise<TTransitionContext> {
  const facts = (await closeOutFacts(db, [m.id]))(m.id);
  return { isSixClear: rowIsSixClear(m), actor: actorFacts(actor, m), ...facts };
}
