/** One delivery queued for one user on one channel: the same row whether sent at once or in the daily digest. */
import type { Insertable } from 'kysely';
import type { DeliveryTable } from '../../db/schema.ts';

/** The row, or null when the channel cannot reach the user (e-mail without an address). */
export function newDelivery(
  channel: string,
  user: { user_id: number; email: string | null; display_name: string },
  message: { subject: string; body: string; link: string | null },
  at: string,
): Insertable<DeliveryTable> | null {
  if (channel === 'email' && (user.email ?? '') === '') return null;
  return {
    channel,
    user_id: user.user_id,
    target: channel === 'email' ? (user.email ?? '') : user.display_name,
    ...message,
    status: 'pending',
    attempts: 0,
    next_attempt_at: at,
    claimed_until: null,
    last_error: null,
    created_at: at,
    sent_at: null,
  };
}
