/**
 * The scheduler inside the server: every few minutes it runs the daily jobs that are due. Each job is idempotent
 * and claims its day in the database, so several processes on one database run it once between them; a job that
 * fails is logged and tried again at the next tick. Operators who prefer cron run `zhenggai jobs run` instead.
 */
import { purgeStagedUploads } from '../repositories/progress.repository.ts';
import type { Kysely } from 'kysely';
import { todayInChina } from '@shared/chinese.ts';
import type { TConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { takeDailySnapshot } from '../use-cases/jobs/daily-snapshot.ts';
import { sendReminders } from '../use-cases/jobs/send-reminders.ts';
import { deliverDue, dispatchMessages } from '../use-cases/channels/deliver.ts';
import { queueDigests } from '../use-cases/channels/digest.ts';

/** The hour (Beijing) from which the day's digests go out: the working day is over. */
export const DIGEST_HOUR = 18;

/** The hour of the day in Beijing (UTC+8, no daylight saving). */
export function hourInChina(now: Date): number {
  return (now.getUTCHours() + 8) % 24;
}

/** Whether the day's figures are due at `now`: from the configured hour on. */
export function isSnapshotDue(now: Date, snapshotHour: number): boolean {
  return hourInChina(now) >= snapshotHour;
}

/** How long a staged file waits for the progress entry it was chosen for. */
export const STAGED_UPLOAD_HOURS = 24;

/** Runs the due jobs once. */
export async function runDueJobs(
  db: Kysely<Database>,
  config: Pick<TConfig, 'yellowDays' | 'snapshotHour' | 'reminderHour'>,
  now: Date = new Date(),
): Promise<void> {
  // Today's reminders from the configured hour on; a day missed while the server was down needs no run of its own:
  // today's rules find everything still due, and nothing already sent is sent again.
  if (hourInChina(now) >= config.reminderHour)
    await sendReminders({ db, day: todayInChina(now), today: todayInChina(now), now });
  if (hourInChina(now) >= DIGEST_HOUR) await queueDigests(db, { day: todayInChina(now), now });
  // Files staged for a progress entry nobody saved are forgotten after a day (the content store keeps the bytes).
  await purgeStagedUploads(db, new Date(now.getTime() - STAGED_UPLOAD_HOURS * 3_600_000).toISOString());
  if (isSnapshotDue(now, config.snapshotHour))
    await takeDailySnapshot({
      db,
      yellowDays: config.yellowDays,
      day: todayInChina(now),
      today: todayInChina(now),
    });
}

/** Queues the new messages for the channels and sends what is due, once (the deliveries' own tick). */
export async function runDeliveries(db: Kysely<Database>, config: Pick<TConfig, 'publicUrl'>): Promise<void> {
  await dispatchMessages(db, { publicUrl: config.publicUrl });
  await deliverDue(db);
}

/** Starts the ticks (daily jobs every 10 minutes, deliveries every 30 seconds); returns a function that stops them. */
export function startScheduler(
  db: Kysely<Database>,
  config: Pick<TConfig, 'yellowDays' | 'snapshotHour' | 'reminderHour' | 'publicUrl'>,
  onError: (e: unknown) => void,
  everyMs = 10 * 60_000,
): () => void {
  const tick = () => void runDueJobs(db, config).catch(onError);
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  let isDelivering = false;
  const deliver = () => {
    if (isDelivering) return;
    isDelivering = true;
    void runDeliveries(db, config)
      .catch(onError)
      .finally(() => {
        isDelivering = false;
      });
  };
  const deliveries = setInterval(deliver, 30_000);
  deliveries.unref();
  return () => {
    clearInterval(timer);
    clearInterval(deliveries);
  };
}
