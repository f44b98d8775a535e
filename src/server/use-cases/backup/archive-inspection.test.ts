/**
 * The archive reads the inspection's audit entries a page at a time: read in pages of two, the entries file and
 * the table are the same bytes as read in one page (every entry once, in chain order), and the manifest's hashes
 * and sizes are those of the files written. Both databases.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { describe, expect, it } from 'vitest';
import { systemActor } from '../../policies/actor.ts';
import { auditEntriesOfInspection } from '../../repositories/archive.repository.ts';
import { localDiskStorage } from '../../storage/file-storage.ts';
import { testEngines } from '../../test-support/databases.ts';
import { authed } from '../../test-support/factories.ts';
import { useRouteFixture } from '../../test-support/route-suite.ts';
import { archiveInspection } from './archive-inspection.ts';

describe.each(testEngines())('archive audit entries in pages on %s', (engine) => {
  const fixture = useRouteFixture(engine);

  it('writes the same entries, in chain order, whatever the page size', async () => {
    const fx = fixture();
    // Entries about the ledger's measures besides its import: a principal's comments, each audited.
    const cookie = await fx.login('principal');
    for (const [i, id] of fx.measureIds.entries()) {
      const res = await fx.app.inject({
        method: 'POST',
        url: `/api/measures/${id}/comments`,
        headers: authed(cookie),
        payload: { text: `请抓紧落实（${i + 1}）` },
      });
      expect(res.statusCode, res.body).toBeLessThan(300);
    }
    const pages: number[][] = [];
    for await (const page of auditEntriesOfInspection(fx.db, fx.inspectionId, 2))
      pages.push(page.map((e) => e.seq));
    const seqs = pages.flat();
    expect(seqs.length).toBeGreaterThan(4);
    expect(pages.slice(0, -1).every((p) => p.length === 2)).toBe(true);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    const whole: number[] = [];
    for await (const page of auditEntriesOfInspection(fx.db, fx.inspectionId))
      whole.push(...page.map((e) => e.seq));
    expect(whole).toEqual(seqs);

    const unpack = async (auditPageSize: number) => {
      const dir = mkdtempSync(join(tmpdir(), 'zhenggai-archive-test-'));
      const output = join(dir, 'a.tar');
      const manifest = await archiveInspection({
        db: fx.db,
        storage: localDiskStorage(join(dir, 'files')),
        actor: systemActor('test'),
        inspectionId: fx.inspectionId,
        output,
        auditPageSize,
      });
      await tar.x({ file: output, cwd: dir });
      const read = (path: string) => readFileSync(join(dir, path));
      for (const part of manifest.parts.filter((p) => p.path.startsWith('操作日志/'))) {
        const bytes = read(part.path);
        expect(part.size, part.path).toBe(bytes.length);
        expect(part.sha256, part.path).toBe(createHash('sha256').update(bytes).digest('hex'));
      }
      return {
        manifest,
        jsonl: read('操作日志/entries.jsonl').toString('utf8'),
        table: read('操作日志/操作日志.csv').toString('utf8'),
      };
    };
    const small = await unpack(2);
    // Making a package is itself audited (about the inspection), so the second package holds one entry more.
    const large = await unpack(1000);
    expect(small.manifest.auditEntries).toBe(seqs.length);
    expect(large.manifest.auditEntries).toBe(seqs.length + 1);
    expect(large.jsonl.startsWith(small.jsonl)).toBe(true);
    expect(large.jsonl.trim().split('\n')).toHaveLength(seqs.length + 1);
    expect(small.table.startsWith('\uFEFF"序号","时间（北京时间）"')).toBe(true);
    const smallRows = small.table.split('\r\n');
    expect(large.table.startsWith(smallRows.slice(0, -1).join('\r\n'))).toBe(true);
    expect(smallRows).toHaveLength(seqs.length + 2);
  });
});
