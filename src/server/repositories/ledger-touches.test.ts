/**
 * What has been recorded on a ledger since its import (`ledgerTouches`), on both databases: each kind of work on a
 * measure of the ledger is found and named, an imported progress entry is not work, and work on another ledger's
 * measure never counts for this one. Each row is written in a transaction that is rolled back.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { testEngines } from '../test-support/databases.ts';
import type { TFixture } from '../test-support/factories.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';
import { ledgerTouches } from './ledger-retirement.repository.ts';

const at = '2026-12-01T08:00:00.000Z';
const file = { sha256: 'a'.repeat(64), file_name: '佐证.pdf', mime: 'application/pdf', size: 10 };

/** One row of recorded work on `measureId` (of the ledger's problem `problemId`), and the label it is shown by. */
const WORK: Array<
  [string, (db: Kysely<Database>, measureId: number, problemId: number) => Promise<unknown>]
> = [
  [
    '已填报进展',
    (db, measureId) =>
      db
        .insertInto('progress_entries')
        .values({
          measure_id: measureId,
          entry_date: '2026-12-01',
          text: '已开展',
          created_by: null,
          created_at: at,
          source: 'user',
        })
        .execute(),
  ],
  [
    '已上传佐证材料',
    (db, measureId) =>
      db
        .insertInto('evidence')
        .values({
          ...file,
          measure_id: measureId,
          progress_entry_id: null,
          documented_date: null,
          uploaded_by: null,
          uploaded_at: at,
        })
        .execute(),
  ],
  [
    '已有上传中的材料',
    (db, measureId) =>
      db
        .insertInto('staged_uploads')
        .values({
          ...file,
          token: `t-${measureId}`,
          user_id: 1,
          measure_id: measureId,
          original_sha256: null,
          created_at: at,
        })
        .execute(),
  ],
  [
    '已申请延期',
    (db, measureId) =>
      db
        .insertInto('extension_requests')
        .values({
          measure_id: measureId,
          new_deadline: '2027-06-30',
          new_is_standing: null,
          new_content: null,
          reason: '客观原因',
          status: 'pending',
          deadline_at_request: null,
          was_overdue: 0,
          requested_by: null,
          requested_at: at,
          decided_by: null,
          decided_at: null,
          decision_note: null,
        })
        .execute(),
  ],
  [
    '已有批示或评论',
    (db, measureId) =>
      db
        .insertInto('measure_comments')
        .values({ measure_id: measureId, author_id: null, text: '请加快进度', created_at: at })
        .execute(),
  ],
  [
    '已收到群众意见',
    (db, _measureId, problemId) =>
      db
        .insertInto('opinions')
        .values({
          code: `Y${problemId}`,
          unit_id: 1,
          public_announcement_id: null,
          problem_id: problemId,
          problem_title: null,
          content: '意见',
          name: null,
          contact: null,
          content_hash: 'c',
          address_hash: 'a',
          status: 'received',
          answer: null,
          answer_published_at: null,
          created_at: at,
          answer_due: '2026-12-16',
        })
        .execute(),
  ],
];

describe.each(testEngines())('recorded work on a ledger on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  beforeAll(() => {
    fx = fixture();
  });

  /** The touches of both ledgers with one row written on the other ledger's first measure, then rolled back. */
  const touchesWith = async (
    write: (db: Kysely<Database>, measureId: number, problemId: number) => Promise<unknown>,
  ) => {
    const rollback = new Error('rollback');
    let seen: { own: string[]; other: string[] } = { own: [], other: [] };
    const other = await fx.db
      .selectFrom('measures')
      .select(['id', 'problem_id'])
      .where('inspection_id', '=', fx.otherInspectionId)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await expect(
      fx.db.transaction().execute(async (trx) => {
        await write(trx, other.id, other.problem_id);
        seen = {
          own: await ledgerTouches(trx, fx.inspectionId),
          other: await ledgerTouches(trx, fx.otherInspectionId),
        };
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    return seen;
  };

  it('finds nothing on a ledger as imported (its imported progress is not work)', async () => {
    expect(await ledgerTouches(fx.db, fx.inspectionId)).toEqual([]);
    expect(await ledgerTouches(fx.db, fx.otherInspectionId)).toEqual([]);
  });

  it.each(WORK)('names %s on its own ledger only', async (label, write) => {
    const seen = await touchesWith(write);
    expect(seen.other).toEqual([label]);
    expect(seen.own).toEqual([]);
  });

  it('does not count a progress entry an import wrote', async () => {
    const seen = await touchesWith((db, measureId) =>
      db
        .insertInto('progress_entries')
        .values({
          measure_id: measureId,
          entry_date: '2026-12-01',
          text: '已开展',
          created_by: null,
          created_at: at,
          source: 'import',
        })
        .execute(),
    );
    expect(seen).toEqual({ own: [], other: [] });
  });
});
