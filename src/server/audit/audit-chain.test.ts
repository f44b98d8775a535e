import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { TDb } from '../db/connection.ts';
import { systemActor } from '../policies/actor.ts';
import { auditActor, appendAudit } from '../repositories/audit.repository.ts';
import { openTestDatabase, testEngines } from '../test-support/databases.ts';
import { ACCIDENTAL_ONLY, verifyAuditChain } from './audit-chain.ts';

describe.each(testEngines())('the audit chain on %s', (engine) => {
  let database: TDb & { drop: () => Promise<void> };
  beforeEach(async () => {
    database = await openTestDatabase(engine);
    const actor = systemActor('test');
    for (let i = 1; i <= 6; i += 1) {
      await appendAudit(database.db, {
        kind: 'measure.updated',
        ...auditActor(actor),
        objectType: 'measure',
        objectId: i,
        unitId: 1,
        before: { deadline: null },
        after: { deadline: `2030-01-0${i}` },
        at: new Date(Date.UTC(2026, 0, i)).toISOString(),
      });
    }
  });
  afterEach(async () => database.drop());
  const rows = () => database.db.selectFrom('audit_events').selectAll().orderBy('seq').execute();

  it('verifies an intact chain', async () => {
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, entries: 6, guarantee: ACCIDENTAL_ONLY });
    const all = await rows();
    expect(all.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(all[1]?.prev_hash).toBe(all[0]?.hash);
  });

  it('walks the trail page by page: the same verdicts across page boundaries', async () => {
    for (const pageSize of [1, 2, 4, 6, 7])
      expect(await verifyAuditChain(database.db, { pageSize })).toEqual({
        ok: true,
        entries: 6,
        guarantee: ACCIDENTAL_ONLY,
      });
    const fifth = (await rows())[4];
    await database.db
      .updateTable('audit_events')
      .set({ actor_label: 'someone else' })
      .where('id', '=', fifth?.id ?? 0)
      .execute();
    for (const pageSize of [1, 2, 4, 5])
      expect(await verifyAuditChain(database.db, { pageSize })).toMatchObject({
        ok: false,
        entries: 6,
        brokenAt: { seq: 5, id: fifth?.id },
      });
  });

  it('names the entry whose field was changed', async () => {
    const third = (await rows())[2];
    await database.db
      .updateTable('audit_events')
      .set({ after_json: '{"deadline":"2099-01-01"}' })
      .where('id', '=', third?.id ?? 0)
      .execute();
    expect(await verifyAuditChain(database.db)).toMatchObject({
      ok: false,
      brokenAt: { seq: 3, id: third?.id },
      reason: expect.stringContaining('内容被改动') as unknown,
    });
  });

  it('detects a deleted row, and a deleted last row', async () => {
    const all = await rows();
    await database.db
      .deleteFrom('audit_events')
      .where('id', '=', all[3]?.id ?? 0)
      .execute();
    expect(await verifyAuditChain(database.db)).toMatchObject({
      ok: false,
      brokenAt: { seq: 5 },
      reason: expect.stringContaining('缺失') as unknown,
    });
    await database.db.deleteFrom('audit_events').execute();
    await appendAudit(database.db, {
      kind: 'auth.login',
      ...auditActor(systemActor('x')),
      objectType: 'user',
      objectId: 1,
      unitId: null,
      at: new Date().toISOString(),
    });
    expect((await verifyAuditChain(database.db)).ok).toBe(false);
  });

  it('detects the last row deleted (the head remembers it)', async () => {
    const all = await rows();
    await database.db
      .deleteFrom('audit_events')
      .where('id', '=', all[5]?.id ?? 0)
      .execute();
    expect(await verifyAuditChain(database.db)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('最后的记录被删除') as unknown,
    });
  });

  it('detects reordered rows', async () => {
    const [a, b] = [(await rows())[1], (await rows())[2]];
    if (!a || !b) throw new Error('rows');
    // Swap the two entries' places in the chain.
    await database.db.updateTable('audit_events').set({ seq: -1 }).where('id', '=', a.id).execute();
    await database.db.updateTable('audit_events').set({ seq: a.seq }).where('id', '=', b.id).execute();
    await database.db.updateTable('audit_events').set({ seq: b.seq }).where('id', '=', a.id).execute();
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, brokenAt: { seq: 2, id: b.id } });
  });

  it('keeps one chain under concurrent appends', async () => {
    const actor = systemActor('test');
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        database.db.transaction().execute((trx) =>
          appendAudit(trx, {
            kind: 'auth.login',
            ...auditActor(actor),
            objectType: 'user',
            objectId: i,
            unitId: null,
            at: new Date().toISOString(),
          }),
        ),
      ),
    );
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, entries: 16 });
    expect(
      Number(
        (await sql<{ n: number }>`select count(distinct seq) as n from audit_events`.execute(database.db))
          .rows[0]?.n,
      ),
    ).toBe(16);
  });
});
