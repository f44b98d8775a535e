/**
 * The 国密 option (ZHENGGAI_CRYPTO=sm), on both databases: new audit entries are hashed with SM3 and signed with
 * HMAC-SM3, checkpoints are signed with HMAC-SM3, and `audit verify` reads a trail that began under SHA-256 and went
 * on under SM3 — and still finds a changed entry; evidence is sealed with SM4 at rest (the plain text is not on disk,
 * a changed byte is refused) and its SM3 digest is recorded and audited; a misconfiguration is refused in Chinese.
 */
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TMeasureDetail } from '@shared/api.ts';
import { verifyAuditChain } from './audit/audit-chain.ts';
import { configureAuditKey } from './audit/audit-key.ts';
import { readCheckpoints, writeCheckpoint } from './audit/checkpoints.ts';
import { evidenceCipherFor, evidenceKeyFromEnv } from './crypto/evidence-cipher.ts';
import { configureCryptoSuite, cryptoSuiteFromEnv } from './crypto/suite.ts';
import { openTestDatabase, testEngines } from './test-support/databases.ts';
import { authed, buildFixture, testConfig, type TFixture } from './test-support/factories.ts';

const AUDIT_KEY = Buffer.from('sm-suite-test-audit-key-0123456789abcdef');
const EVIDENCE_KEY = Buffer.from('sm-suite-test-evidence-key-0123456789abcdef');

describe.each(testEngines())('the 国密 suite on %s', (engine) => {
  let fx: TFixture;
  let drop: () => Promise<void>;
  const dir = mkdtempSync(join(tmpdir(), 'zhenggai-sm-'));
  const checkpointFile = join(dir, 'checkpoints.log');
  beforeAll(async () => {
    const database = await openTestDatabase(engine);
    drop = database.drop;
    configureAuditKey(AUDIT_KEY);
    // The ledger and accounts are made under the standard suite; the rest of the trail under SM3.
    fx = await buildFixture(
      database.db,
      testConfig({
        filesDir: join(dir, 'files'),
        cryptoSuite: 'sm',
        evidenceCipher: evidenceCipherFor('sm', EVIDENCE_KEY),
      }),
    );
    await writeCheckpoint(fx.db, AUDIT_KEY, checkpointFile);
    configureCryptoSuite('sm');
  });
  afterAll(async () => {
    configureCryptoSuite('standard');
    configureAuditKey(null);
    await fx.app.close();
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hashes and signs new audit entries and checkpoints with SM3; verify reads both kinds and finds a change', async () => {
    const cookie = await fx.login('coordinator');
    const measureId = fx.measureIds[0] ?? 0;
    const detail = (
      await fx.app.inject({ method: 'GET', url: `/api/measures/${measureId}`, headers: authed(cookie) })
    ).json<TMeasureDetail>();
    const progress = await fx.app.inject({
      method: 'POST',
      url: `/api/measures/${measureId}/progress`,
      headers: authed(cookie),
      payload: { entryDate: '2026-12-01', text: '国密模式下的进展。', version: detail.measure.version },
    });
    expect(progress.statusCode).toBe(201);
    const rows = await fx.db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
    const first = rows[0];
    const last = rows.at(-1);
    expect(first?.hash).toMatch(/^[0-9a-f]{64}$/); // made under SHA-256
    expect(last?.hash).toMatch(/^sm3:[0-9a-f]{64}$/);
    // Recomputed independently: SM3 over the same content as the SHA-256 chain, and HMAC-SM3 over the hash.
    if (!last) throw new Error('no entries');
    const content = [
      last.seq,
      last.at,
      last.actor_id,
      last.actor_label,
      last.ip,
      last.kind,
      last.object_type,
      last.object_id,
      last.unit_id,
      last.before_json,
      last.after_json,
      last.prev_hash,
    ];
    expect(last.hash).toBe(`sm3:${createHash('sm3').update(JSON.stringify(content)).digest('hex')}`);
    expect(last.mac).toBe(createHmac('sm3', AUDIT_KEY).update(`entry|${last.hash}`).digest('hex'));

    const checkpoint = await writeCheckpoint(fx.db, AUDIT_KEY, checkpointFile);
    expect(checkpoint?.alg).toBe('sm3');
    const read = readCheckpoints(AUDIT_KEY, checkpointFile);
    expect(read).toMatchObject({ forged: 0 });
    expect(read.valid.map((c) => c.alg ?? 'sha256')).toEqual(['sha256', 'sm3']);
    expect(await verifyAuditChain(fx.db, { key: AUDIT_KEY, checkpointFile })).toMatchObject({ ok: true });

    // A changed SM3 entry is found; a forged SM3 checkpoint line is counted.
    await fx.db
      .updateTable('audit_events')
      .set({ after_json: '{"改":1}' })
      .where('id', '=', last.id)
      .execute();
    const broken = await verifyAuditChain(fx.db, { key: AUDIT_KEY, checkpointFile });
    expect(broken).toMatchObject({ ok: false, brokenAt: { seq: last.seq } });
    await fx.db
      .updateTable('audit_events')
      .set({ after_json: last.after_json })
      .where('id', '=', last.id)
      .execute();
    const forged = { ...checkpoint, seq: (checkpoint?.seq ?? 0) + 1 };
    writeFileSync(checkpointFile, `${readFileSync(checkpointFile, 'utf8')}${JSON.stringify(forged)}\n`);
    expect(readCheckpoints(AUDIT_KEY, checkpointFile).forged).toBe(1);
  });

  it('seals evidence with SM4 at rest, serves it plain, records and audits its SM3 digest', async () => {
    const cookie = await fx.login('coordinator');
    const measureId = fx.measureIds[1] ?? 0;
    const bytes = Buffer.from('%PDF-1.4\n% 国密佐证：党组会议纪要（秘密内容）\n');
    const upload = await fx.app.inject({
      method: 'POST',
      url: `/api/measures/${measureId}/evidence`,
      headers: {
        ...authed(cookie),
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent('纪要.pdf'),
      },
      payload: bytes,
    });
    expect(upload.statusCode).toBe(201);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const evidence = upload.json<TMeasureDetail>().evidence.find((e) => e.sha256 === sha);
    expect(evidence?.sm3).toBe(createHash('sm3').update(bytes).digest('hex'));
    const onDisk = readFileSync(join(dir, 'files', sha.slice(0, 2), sha));
    expect(onDisk.subarray(0, 5).toString('latin1')).toBe('ZGSM4');
    expect(onDisk.includes(Buffer.from('秘密内容'))).toBe(false);
    const download = await fx.app.inject({
      method: 'GET',
      url: `/api/evidence/${evidence?.id}?download=1`,
      headers: authed(cookie),
    });
    expect(download.statusCode).toBe(200);
    expect(Buffer.from(download.rawPayload).equals(bytes)).toBe(true);
    const audit = await fx.db
      .selectFrom('audit_events')
      .select('after_json')
      .where('kind', '=', 'evidence.uploaded')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.after_json).toContain(evidence?.sm3 ?? 'missing');

    // One changed byte of the sealed file: refused, never served.
    const changed = Buffer.from(onDisk);
    changed[changed.length - 40] = (changed[changed.length - 40] ?? 0) ^ 1;
    writeFileSync(join(dir, 'files', sha.slice(0, 2), sha), changed);
    const refused = await fx.app.inject({
      method: 'GET',
      url: `/api/evidence/${evidence?.id}?download=1`,
      headers: authed(cookie),
    });
    expect(refused.statusCode).toBeGreaterThanOrEqual(500);
    expect(refused.body).not.toContain('秘密内容');
  });

  it('refuses a misconfiguration with a message naming the setting', () => {
    expect(() => cryptoSuiteFromEnv({ ZHENGGAI_CRYPTO: 'md5' })).toThrow('ZHENGGAI_CRYPTO');
    expect(cryptoSuiteFromEnv({})).toBe('standard');
    expect(() => evidenceCipherFor('sm', null)).toThrow('ZHENGGAI_EVIDENCE_KEY');
    expect(() => evidenceKeyFromEnv({ ZHENGGAI_EVIDENCE_KEY: 'short' })).toThrow('至少');
    // Under the standard suite a configured key still opens files sealed earlier, and seals nothing new.
    const reader = evidenceCipherFor('standard', EVIDENCE_KEY);
    const sealed = evidenceCipherFor('sm', EVIDENCE_KEY)?.seal(Buffer.from('旧文件')) ?? new Uint8Array();
    expect(Buffer.from(reader?.open(sealed) ?? []).toString()).toBe('旧文件');
    expect(Buffer.from(reader?.seal(Buffer.from('新文件')) ?? []).toString()).toBe('新文件');
  });
});
