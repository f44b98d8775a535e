/**
 * The demo's public side: the seed's announcement, drafted by the import, is submitted, approved and published
 * through the same steps a unit takes (as the demo system), and the demo unit is made public, so a newcomer sees
 * /public working at once.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { systemActor } from '../../policies/actor.ts';
import { latestAnnouncement } from '../../repositories/announcement.repository.ts';
import { ALL_UNITS } from '../../repositories/scope.ts';
import { getUnit } from '../../repositories/unit.repository.ts';
import type { TFileStorage } from '../../storage/file-storage.ts';
import { updateUnit } from '../admin/update-unit.ts';
import { announcementStep } from '../documents/announcement-step.ts';

/** Publishes the demo inspection's announcement and makes its unit public. */
export async function publishDemoAnnouncement(
  db: Kysely<Database>,
  storage: TFileStorage,
  demo: { inspectionId: number; unitId: number },
): Promise<void> {
  const actor = systemActor('system:demo');
  const draft = await latestAnnouncement(db, demo.inspectionId);
  if (draft?.status === 'draft')
    for (const step of ['submit', 'approve', 'publish'] as const)
      await announcementStep({ db, storage, actor, announcementId: draft.id, step });
  const unit = await getUnit(db, demo.unitId, ALL_UNITS);
  if (unit && unit.is_public !== 1)
    await updateUnit({ db, actor, unitId: unit.id, input: { version: unit.version, isPublic: true } });
}
