/**
 * `zhenggai backup` and `zhenggai restore` as an operator runs them, on SQLite and PostgreSQL: the archive holds the
 * database, the evidence and the audit checkpoints with a manifest `sha256sum -c` accepts; a restore into empty
 * targets brings back every measure and file with a verified audit chain; it refuses a target that is not empty, an
 * archive of the other engine and a damaged archive — with exit 2 and a Chinese message, writing nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@server/db/connection.ts';
import { localDiskStorage } from '@server/storage/file-storage.ts';
import { emptyDatabase, testEngines } from '@server/test-support/databases.ts';
import { zhenggai } from './run-cli.ts';

const SEED = new URL('../../demo/seed-announcement.txt', import.meta.url).pathname;
const KEY = 'backup-test-audit-key-0123456789abcdef';

async function measureCount(url: string): Promise<number> {
  const database = openDatabase(url);
  try {
    return (await database.db.selectFrom('measures').select('id').execute()).length;
  } finally {
    await database.close();
  }
}

describe.each(testEngines())('backup and restore on %s', (engine) => {
  it('archives everything with a checkable manifest and restores it into empty targets, refusing anything else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhenggai-backup-'));
    const source = await emptyDatabase(engine, dir, 'backup_src');
    const target = await emptyDatabase(engine, dir, 'backup_dst');
    try {
      const env = { ZHENGGAI_AUDIT_KEY: KEY, ZHENGGAI_AUDIT_CHECKPOINTS: join(dir, 'cp.log') };
      expect((await zhenggai(['import', SEED, '--db', source.url], env)).code).toBe(0);
      expect((await zhenggai(['audit', 'checkpoint', '--db', source.url], env)).code).toBe(0);
      const evidence = await localDiskStorage(join(dir, 'files')).put(new TextEncoder().encode('佐证材料'));
      const archive = join(dir, 'backup.tar');
      const made = await zhenggai(
        ['backup', '--db', source.url, '--files', join(dir, 'files'), '-o', archive],
        env,
      );
      expect(made.code, made.stderr).toBe(0);
      expect(made.stdout).toContain('1 个佐证文件');

      // A third party checks the parts offline.
      const unpacked = join(dir, 'unpacked');
      mkdirSync(unpacked);
      execFileSync('tar', ['-xf', archive, '-C', unpacked]);
      expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: unpacked, encoding: 'utf8' })).toContain(
        `files/${evidence.slice(0, 2)}/${evidence}: OK`,
      );
      const manifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8')) as {
        engine: string;
        auditHead: { seq: number } | null;
      };
      expect(manifest.engine).toBe(engine);
      expect(manifest.auditHead?.seq).toBeGreaterThan(0);

      const into = { ZHENGGAI_AUDIT_KEY: KEY, ZHENGGAI_AUDIT_CHECKPOINTS: join(dir, 'restored-cp.log') };
      const files = join(dir, 'restored-files');
      const restored = await zhenggai(['restore', archive, '--db', target.url, '--files', files], into);
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toContain('哈希链校验通过');
      expect(await measureCount(target.url)).toBe(await measureCount(source.url));
      expect(readFileSync(join(files, evidence.slice(0, 2), evidence), 'utf8')).toBe('佐证材料');
      expect(existsSync(join(dir, 'restored-cp.log'))).toBe(true);
      expect((await zhenggai(['audit', 'verify', '--db', target.url], into)).code).toBe(0);

      // Never over anything: the same targets again are refused.
      const again = await zhenggai(['restore', archive, '--db', target.url, '--files', files], into);
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/不为空|已存在/);

      // A damaged archive is refused before anything is written.
      writeFileSync(join(unpacked, 'files', evidence.slice(0, 2), evidence), '被改过的材料');
      const damaged = join(dir, 'damaged.tar');
      execFileSync('tar', ['-cf', damaged, '-C', unpacked, '.']);
      const fresh = await emptyDatabase(engine, dir, 'backup_fresh');
      try {
        const bad = await zhenggai(['restore', damaged, '--db', fresh.url, '--files', join(dir, 'f2')], {
          ...into,
          ZHENGGAI_AUDIT_CHECKPOINTS: join(dir, 'cp2.log'),
        });
        expect(bad.code).toBe(2);
        expect(bad.stderr).toContain('已损坏');
        expect(existsSync(join(dir, 'f2'))).toBe(false);
        // The other engine's archive, or no archive at all.
        const other = engine === 'sqlite' ? 'postgres://postgres@127.0.0.1:5432/none' : join(dir, 'other.db');
        expect(
          (await zhenggai(['restore', archive, '--db', other, '--files', join(dir, 'f3')], into)).code,
        ).toBe(2);
        expect((await zhenggai(['restore', join(dir, 'missing.tar'), '--db', fresh.url], into)).code).toBe(2);
        expect((await zhenggai(['backup', '--db', source.url])).code).toBe(2);
      } finally {
        await fresh.drop();
      }
    } finally {
      await source.drop();
      await target.drop();
    }
  });
});
