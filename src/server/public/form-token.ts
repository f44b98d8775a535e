/**
 * The opinion form's token: the time the form was shown and what it is about, signed (HMAC-SHA256) by the server.
 * It makes the minimum fill time real (a script cannot claim it saw the form earlier) and turns away forms posted
 * from other sites (they have no token). The key comes from ZHENGGAI_SECRET_KEY when set, else from a key the
 * application keeps in its database, so several processes sign and check alike.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { keyNamed } from '../repositories/app-key.repository.ts';

/** What a form is about, as signed. */
export type TFormTarget = { announcementId: number } | { unitId: number };

const targetText = (t: TFormTarget) => ('announcementId' in t ? `a:${t.announcementId}` : `u:${t.unitId}`);
const mac = (key: Buffer, shownAt: number, t: TFormTarget) =>
  createHmac('sha256', key)
    .update(`opinion-form:${shownAt}:${targetText(t)}`)
    .digest('base64url');

/** Signs and checks form tokens with one key, read once. */
export function formTokens(db: Kysely<Database>, secretKey: Buffer | null) {
  let key: Promise<Buffer> | null = null;
  const keyOf = () =>
    (key ??= secretKey
      ? Promise.resolve(createHmac('sha256', secretKey).update('zhenggai:opinion-form').digest())
      : keyNamed(db, 'opinion-form', randomBytes(32).toString('base64')).then((v) =>
          Buffer.from(v, 'base64'),
        ));
  return {
    /** The token of a form shown at `shownAt` (ms since the epoch). */
    async sign(shownAt: number, t: TFormTarget): Promise<string> {
      return `${shownAt}.${mac(await keyOf(), shownAt, t)}`;
    },
    /** The time the form was shown, when the token is the server's own for this target; else null. */
    async shownAt(token: string, t: TFormTarget): Promise<number | null> {
      const m = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!m) return null;
      const at = Number(m[1]);
      const expected = Buffer.from(mac(await keyOf(), at, t));
      const given = Buffer.from(m[2] ?? '');
      return given.length === expected.length && timingSafeEqual(given, expected) ? at : null;
    },
  };
}
export type TFormTokens = ReturnType<typeof formTokens>;
