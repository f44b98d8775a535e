/**
 * `zhenggai archive --inspection ID -o FILE` as a records office receives it, on SQLite and PostgreSQL: the package
 * holds the ledger, the plan, the published announcement (Word, PDF when fonts exist, text), the evidence with its
 * index and the inspection's audit entries; `sha256sum -c SHA256SUMS` accepts it offline and rejects a changed file;
 * entries about other things are left out; bad input gets exit 2 in Chinese; making it is audited and the chain
 * still verifies.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@server/db/connection.ts';
import { migrateToLatest } from '@server/db/migrate.ts';
import { systemActor } from '@server/policies/actor.ts';
import { localDiskStorage } from '@server/storage/file-storage.ts';
import { emptyDatabase, testEngines } from '@server/test-support/databases.ts';
import { publishDemoAnnouncement } from '@server/use-cases/demo/publish-demo.ts';
import { seedDemoData } from '@server/use-cases/demo/seed-demo-data.ts';
import { uploadEvidence } from '@server/use-cases/evidence/upload-evidence.ts';
import type { TArchiveManifest } from '@server/use-cases/backup/archive-inspection.ts';
import { zhenggai } from './run-cli.ts';

describe.each(testEngines())('the archive package on %s', (engine) => {
  it('holds the ledger, documents, evidence and audit entries, and checks offline with sha256sum -c', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhenggai-archive-'));
    const database = await emptyDatabase(engine, dir, 'archive');
    const files = join(dir, 'files');
    const evidence = Buffer.from('%PDF-1.4\n% 党组会议纪要\n');
    try {
      const opened = openDatabase(database.url);
      let inspectionId = 0;
      try {
        await migrateToLatest(opened.db);
        const demo = await seedDemoData(opened.db);
        inspectionId = demo.inspectionId;
        await publishDemoAnnouncement(opened.db, localDiskStorage(files), demo);
        const measure = await opened.db
          .selectFrom('measures')
          .select('id')
          .where('inspection_id', '=', inspectionId)
          .orderBy('id')
          .executeTakeFirstOrThrow();
        await uploadEvidence({
          db: opened.db,
          storage: localDiskStorage(files),
          actor: systemActor('test'),
          measureId: measure.id,
          // A name with a path and a newline: stored as given, written into the package safely.
          fileName: '../会议\n纪要.pdf',
          bytes: new Uint8Array(evidence),
          maxBytes: 1024 * 1024,
          documentedDate: null,
          progressEntryId: null,
        });
      } finally {
        await opened.close();
      }

      const archive = join(dir, 'archive.tar');
      const env = { ZHENGGAI_AUDIT_CHECKPOINTS: join(dir, 'checkpoints.log') };
      const made = await zhenggai(
        [
          'archive',
          '--db',
          database.url,
          '--files',
          files,
          '--inspection',
          String(inspectionId),
          '-o',
          archive,
        ],
        env,
      );
      expect(made.code, made.stderr).toBe(0);
      expect(made.stdout).toContain('档案归档包');

      const out = join(dir, 'out');
      mkdirSync(out);
      execFileSync('tar', ['-xf', archive, '-C', out]);
      const check = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out, encoding: 'utf8' });
      expect(check.status, check.stdout + check.stderr).toBe(0);
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as TArchiveManifest;
      expect(check.stdout.trim().split('\n')).toHaveLength(manifest.parts.length);
      const paths = manifest.parts.map((p) => p.path);
      expect(paths).toEqual(
        expect.arrayContaining(['台账.xlsx', '整改方案.docx', '佐证材料/清单.csv', '说明.txt']),
      );
      expect(paths.some((p) => /^通报\/第1版-\d{4}-\d{2}-\d{2}\.docx$/.test(p))).toBe(true);
      expect(paths.some((p) => /^通报\/第1版-\d{4}-\d{2}-\d{2}\.txt$/.test(p))).toBe(true);

      // The evidence, byte for byte, under a safe name inside the package, listed in the index.
      const stored = readdirSync(join(out, '佐证材料')).filter((f) => f !== '清单.csv');
      expect(stored).toHaveLength(1);
      expect(stored[0]).not.toContain('/');
      expect(stored[0]).not.toContain('\n');
      const bytes = readFileSync(join(out, '佐证材料', stored[0] as string));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(
        createHash('sha256').update(evidence).digest('hex'),
      );
      expect(readFileSync(join(out, '佐证材料', '清单.csv'), 'utf8')).toContain('会议');

      // The ledger opens and holds the measures.
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(join(out, '台账.xlsx'));
      const sheetText = JSON.stringify(book.worksheets[0]?.getSheetValues());
      expect(sheetText).toContain('整改');

      // Audit entries about this inspection only: none of the accounts' or other objects' entries.
      const entries = readFileSync(join(out, '操作日志', 'entries.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { kind: string; object_type: string; seq: number; hash: string });
      expect(entries.length).toBe(manifest.auditEntries);
      expect(entries.map((e) => e.kind)).toContain('evidence.uploaded');
      for (const e of entries)
        expect([
          'inspection',
          'problem',
          'measure',
          'announcement',
          'supervision_order',
          'opinion',
        ]).toContain(e.object_type);
      expect(entries.some((e) => e.object_type === 'user')).toBe(false);

      // A file changed after the fact is caught offline.
      appendFileSync(join(out, '台账.xlsx'), 'x');
      const tampered = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out, encoding: 'utf8' });
      expect(tampered.status).not.toBe(0);
      expect(tampered.stdout).toContain('台账.xlsx: FAILED');

      // Making the package is audited, and the chain still verifies.
      const verify = await zhenggai(['audit', 'verify', '--db', database.url], env);
      expect(verify.code, verify.stdout + verify.stderr).toBe(0);
      const after = openDatabase(database.url);
      try {
        const archived = await after.db
          .selectFrom('audit_events')
          .select('after_json')
          .where('kind', '=', 'inspection.archived')
          .execute();
        expect(archived).toHaveLength(1);
      } finally {
        await after.close();
      }

      // Bad input: exit 2 with a message, and no package written.
      const missing = await zhenggai(['archive', '--db', database.url, '-o', join(dir, 'a.tar')], env);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('--inspection');
      const unknown = await zhenggai(
        [
          'archive',
          '--db',
          database.url,
          '--files',
          files,
          '--inspection',
          '99999',
          '-o',
          join(dir, 'b.tar'),
        ],
        env,
      );
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/不存在|没有/);
      expect(readdirSync(dir)).not.toContain('b.tar');
    } finally {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
