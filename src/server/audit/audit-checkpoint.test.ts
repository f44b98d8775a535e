import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TDb } from '../db/connection.ts';
import { systemActor } from '../policies/actor.ts';
import { appendAudit, auditActor } from '../repositories/audit.repository.ts';
import { openTestDatabase, testEngines } from '../test-support/databases.ts';
import { ACCIDENTAL_ONLY, entryHash, GENESIS_HASH, verifyAuditChain } from './audit-chain.ts';
import { configureAuditKey } from './audit-key.ts';
import { writeCheckpoint } from './checkpoints.ts';

const KEY = Buffer.from('a-test-audit-key-of-at-least-32-characters');

/**
 * The audit trail against someone who can write to the database but does not hold the audit key: each rewrite the
 * probe tried — emptying it, cutting the tail and rewinding the head, editing a row and recomputing every hash,
 * appending a forged entry, stripping signatures, forging a checkpoint — is caught with the key and checkpoints.
 */
describe.each(testEngines())('keyed audit checkpoints on %s', (engine) => {
  let database: TDb & { drop: () => Promise<void> };
  let file: string;
  beforeEach(async () => {
    database = await openTestDatabase(engine);
    file = join(mkdtempSync(join(tmpdir(), 'zhenggai-checkpoints-')), 'audit-checkpoints.log');
    configureAuditKey(KEY);
    await database.db
      .insertInto('users')
      .values({
        username: 'someone',
        display_name: '某人',
        password_hash: 'x',
        role: 'coordinator',
        unit_id: null,
        person_id: null,
        is_active: 1,
        is_demo: 0,
        created_at: new Date().toISOString(),
        locked_until: null,
        password_changed_at: null,
      })
      .execute();
    for (let i = 1; i <= 20; i += 1)
      await appendAudit(database.db, {
        kind: 'measure.updated',
        ...auditActor(systemActor('test')),
        objectType: 'measure',
        objectId: i,
        unitId: 1,
        after: { deadline: `2030-01-${String(i).padStart(2, '0')}` },
        at: new Date(Date.UTC(2026, 0, i)).toISOString(),
      });
    await writeCheckpoint(database.db, KEY, file);
  });
  afterEach(async () => {
    configureAuditKey(null);
    await database.drop();
  });
  const verify = () => verifyAuditChain(database.db, { key: KEY, checkpointFile: file });
  const rows = () => database.db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
  /** Recomputes every hash from `fromSeq` on, as a writer without the key would, and moves the head along. */
  const rehash = async () => {
    let prev = GENESIS_HASH;
    for (const r of await rows()) {
      const hash = entryHash(r, prev);
      await database.db
        .updateTable('audit_events')
        .set({ prev_hash: prev, hash })
        .where('id', '=', r.id)
        .execute();
      prev = hash;
    }
    const all = await rows();
    await database.db
      .updateTable('audit_head')
      .set({ last_seq: all.length, last_hash: prev })
      .where('id', '=', 1)
      .execute();
  };

  it('passes an intact trail and says what it guarantees', async () => {
    const verdict = await verify();
    expect(verdict).toMatchObject({ ok: true, entries: 20 });
    expect(verdict.ok && verdict.guarantee).toContain('截至检查点第 20 条');
    // Without the key the same trail passes with the weaker guarantee spelled out.
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, guarantee: ACCIDENTAL_ONLY });
  });

  it('fails a database with data whose trail was emptied, head and all', async () => {
    await database.db.deleteFrom('audit_events').execute();
    await database.db.deleteFrom('audit_head').execute();
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false });
    expect(await verify()).toMatchObject({ ok: false });
  });

  it('catches the last ten rows deleted and the head rewound', async () => {
    const all = await rows();
    await database.db.deleteFrom('audit_events').where('seq', '>', 10).execute();
    await database.db
      .updateTable('audit_head')
      .set({ last_seq: 10, last_hash: all[9]?.hash ?? '' })
      .where('id', '=', 1)
      .execute();
    // The hash chain alone cannot tell; the checkpoint can.
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, guarantee: ACCIDENTAL_ONLY });
    const verdict = await verify();
    expect(verdict).toMatchObject({ ok: false, brokenAt: { seq: 20 } });
    expect(verdict.ok === false && verdict.reason).toContain('被删除');
  });

  it('catches a middle row edited and every hash recomputed', async () => {
    await database.db
      .updateTable('audit_events')
      .set({ actor_label: 'nobody' })
      .where('seq', '=', 7)
      .execute();
    await rehash();
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
    expect(await verify()).toMatchObject({ ok: false, brokenAt: { seq: 7 } });
  });

  it('catches a forged entry appended after the last checkpoint, and signatures stripped', async () => {
    const head = await database.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    const forged = {
      seq: head.last_seq + 1,
      at: new Date().toISOString(),
      actor_id: null,
      actor_label: 'admin',
      ip: null,
      kind: 'measure.updated',
      object_type: 'measure',
      object_id: 1,
      unit_id: 1,
      before_json: null,
      after_json: '{"state":"closed"}',
    };
    const hash = entryHash(forged, head.last_hash);
    await database.db
      .insertInto('audit_events')
      .values({ ...forged, prev_hash: head.last_hash, hash, mac: null })
      .execute();
    await database.db.updateTable('audit_head').set({ last_seq: forged.seq, last_hash: hash }).execute();
    expect(await verify()).toMatchObject({ ok: false, brokenAt: { seq: 21 } });
    await database.db.deleteFrom('audit_events').where('seq', '=', 21).execute();
    await database.db.updateTable('audit_head').set({ last_seq: 20, last_hash: head.last_hash }).execute();
    await database.db.updateTable('audit_events').set({ mac: null }).execute();
    expect(await verify()).toMatchObject({ ok: false, brokenAt: { seq: 1 } });
  });

  it('refuses a checkpoint line written without the key', async () => {
    appendFileSync(
      file,
      `${JSON.stringify({ seq: 3, hash: 'x', at: 'now', macFrom: 1, mac: 'f'.repeat(64) })}\n`,
    );
    const verdict = await verify();
    expect(verdict.ok === false && verdict.reason).toContain('签名无效');
  });
});
