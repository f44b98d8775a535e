import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TImportedDocument } from '@shared/import-structure.ts';
import { openDatabase } from '@server/db/connection.ts';
import { buildZip, deflatedZeros } from '@importers/zip-fixtures.ts';
import { pdfFonts } from '@server/use-cases/documents/render.ts';
import { zhenggai } from './run-cli.ts';

const SEED = new URL('../../demo/seed-announcement.txt', import.meta.url).pathname;

describe('zhenggai export ledger and .xlsx import', () => {
  it('exports the ledger and imports the workbook back (dry run) with the same counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhenggai-cli-'));
    const db = join(dir, 'x.db');
    expect((await zhenggai(['import', SEED, '--db', db])).code).toBe(0);
    const file = join(dir, 'ledger.xlsx');
    const exported = await zhenggai(['export', 'ledger', '--db', db, '--inspection', 'latest', '-o', file]);
    expect(exported.code).toBe(0);
    const { code, stdout } = await zhenggai(['import', file, '--dry-run', '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as TImportedDocument;
    expect(doc.categories.flatMap((c) => c.problems.flatMap((p) => p.measures))).toHaveLength(48);
    expect(doc.unit).toBe('中共南通市文学艺术界联合会党组');
  });

  it('exits 2 on bad arguments', async () => {
    expect((await zhenggai(['export', 'ledger', '--inspection', 'abc', '-o', '/tmp/x.xlsx'])).code).toBe(2);
    expect((await zhenggai(['export', 'ledger', '--inspection', 'latest'])).code).toBe(2);
    expect((await zhenggai(['export', 'nothing'])).code).toBe(2);
    const empty = join(mkdtempSync(join(tmpdir(), 'zhenggai-cli-')), 'empty.db');
    const none = await zhenggai(['export', 'ledger', '--db', empty, '-o', join(tmpdir(), 'none.xlsx')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/没有可导出的巡察台账/);
  });
});

describe('zhenggai report', () => {
  it('prints the announcement, the plan and the monthly report in each format, and exits 2 on bad options', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhenggai-cli-'));
    const db = join(dir, 'x.db');
    expect((await zhenggai(['import', SEED, '--db', db])).code).toBe(0);
    const txt = join(dir, 'a.txt');
    expect(
      (
        await zhenggai([
          'report',
          'announcement',
          '--db',
          db,
          '--inspection',
          'latest',
          '--format',
          'txt',
          '-o',
          txt,
        ])
      ).code,
    ).toBe(0);
    const text = readFileSync(txt, 'utf8');
    expect(text.split('\n')[0]).toBe('中共南通市文学艺术界联合会党组 关于巡察整改进展情况的通报');
    expect(text).toContain('（一）贯彻落实上级决策部署、推动深化改革有差距');
    const docx = join(dir, 'p.docx');
    expect(
      (await zhenggai(['report', 'plan', '--db', db, '--inspection', '1', '--format', 'docx', '-o', docx]))
        .code,
    ).toBe(0);
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
    expect(
      (
        await zhenggai([
          'report',
          'monthly',
          '--db',
          db,
          '--month',
          '2021-12',
          '--format',
          'html',
          '-o',
          join(dir, 'm.html'),
        ])
      ).code,
    ).toBe(0);
    expect(
      (
        await zhenggai([
          'report',
          'monthly',
          '--db',
          db,
          '--month',
          '2021-13',
          '--format',
          'html',
          '-o',
          join(dir, 'm.html'),
        ])
      ).code,
    ).toBe(2);
    expect(
      (await zhenggai(['report', 'announcement', '--db', db, '--format', 'odt', '-o', join(dir, 'a.odt')]))
        .code,
    ).toBe(2);
    // PDF from the same document model (CI has the CJK fonts; without them the CLI says so and exits 2).
    const pdf = await zhenggai(['report', 'plan', '--db', db, '--format', 'pdf', '-o', join(dir, 'p.pdf')]);
    if (pdfFonts() === null) expect(pdf.code).toBe(2);
    else {
      expect(pdf.code, pdf.stderr).toBe(0);
      expect(readFileSync(join(dir, 'p.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect((await zhenggai(['report', 'nothing'])).code).toBe(2);
  });
});

describe('zhenggai under a misconfigured 国密 suite', () => {
  it('exits 2 naming the setting to fix', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'zhenggai-cli-')), 'sm.db');
    expect((await zhenggai(['import', SEED, '--db', file])).code).toBe(0);
    const out = join(tmpdir(), `zg-${Date.now()}.txt`);
    const noKey = await zhenggai(
      ['report', 'announcement', '--db', file, '--inspection', 'latest', '--format', 'txt', '-o', out],
      { ZHENGGAI_CRYPTO: 'sm' },
    );
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('ZHENGGAI_EVIDENCE_KEY');
    const unknown = await zhenggai(['audit', 'verify', '--db', file], { ZHENGGAI_CRYPTO: 'md5' });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('ZHENGGAI_CRYPTO');
  });
});

describe('zhenggai import of the same document twice', () => {
  it('refuses the second import with exit 2 and a message, writing no second ledger', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'zhenggai-cli-')), 'twice.db');
    expect((await zhenggai(['import', SEED, '--db', file])).code).toBe(0);
    const again = await zhenggai(['import', SEED, '--db', file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('已导入为台账');
  });
});

describe('zhenggai audit verify', () => {
  it('exits 0 on an intact chain and 1 naming the first broken entry', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'zhenggai-cli-')), 'x.db');
    expect((await zhenggai(['import', SEED, '--db', file])).code).toBe(0);
    expect(
      (
        await zhenggai([
          'admin',
          'create',
          '--username',
          'root',
          '--password',
          'Strong-password-1',
          '--db',
          file,
        ])
      ).code,
    ).toBe(0);
    const intact = await zhenggai(['audit', 'verify', '--db', file]);
    expect([intact.code, intact.stdout]).toEqual([0, expect.stringContaining('哈希链校验通过')]);
    const database = openDatabase(file);
    await database.db
      .updateTable('audit_events')
      .set({ actor_label: 'someone-else' })
      .where('seq', '=', 1)
      .execute();
    await database.close();
    const broken = await zhenggai(['audit', 'verify', '--db', file]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/第 1 条.*内容被改动/);
  });
});

describe('zhenggai audit checkpoint', () => {
  it('signs entries and checkpoints with the key from the environment, and catches a rewound trail', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhenggai-cli-'));
    const file = join(dir, 'x.db');
    const env = {
      ZHENGGAI_AUDIT_KEY: 'cli-test-audit-key-with-32-or-more-chars',
      ZHENGGAI_AUDIT_CHECKPOINTS: join(dir, 'checkpoints.log'),
    };
    expect((await zhenggai(['import', SEED, '--db', file], env)).code).toBe(0);
    const unkeyed = await zhenggai(['audit', 'verify', '--db', file]);
    expect(unkeyed.stdout).toContain('仅防意外');
    expect((await zhenggai(['audit', 'checkpoint', '--db', file])).code).toBe(2);
    const cp = await zhenggai(['audit', 'checkpoint', '--db', file], env);
    expect([cp.code, cp.stdout]).toEqual([0, expect.stringContaining('已写入检查点')]);
    const keyed = await zhenggai(['audit', 'verify', '--db', file], env);
    expect([keyed.code, keyed.stdout]).toEqual([0, expect.stringContaining('截至检查点')]);
    const database = openDatabase(file);
    const last = await database.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    const previous = await database.db
      .selectFrom('audit_events')
      .select('hash')
      .where('seq', '=', last.last_seq - 1)
      .executeTakeFirstOrThrow();
    await database.db.deleteFrom('audit_events').where('seq', '=', last.last_seq).execute();
    await database.db
      .updateTable('audit_head')
      .set({ last_seq: last.last_seq - 1, last_hash: previous.hash })
      .execute();
    await database.close();
    const rewound = await zhenggai(['audit', 'verify', '--db', file], env);
    expect(rewound.code).toBe(1);
    expect(rewound.stderr).toContain('检查点');
  });
});

describe('zhenggai import', () => {
  it('prints the seed as JSON in the contract shape (--dry-run --json)', async () => {
    const { code, stdout } = await zhenggai(['import', SEED, '--dry-run', '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as TImportedDocument;
    expect(doc.unit).toBe('中共南通市文学艺术界联合会党组');
    expect(doc.inspection).toMatchObject({
      kind: '巡察',
      group: '市委第一巡察组',
      startDate: '2021-04-20',
      endDate: '2021-05-21',
      feedbackDate: '2021-07-06',
    });
    expect(doc.categories).toHaveLength(4);
    expect(doc.categories.flatMap((c) => c.problems)).toHaveLength(15);
    expect(doc.categories.flatMap((c) => c.problems.flatMap((p) => p.measures))).toHaveLength(48);
    expect(doc.categories[0]?.problems[0]).toMatchObject({ number: '1', subproblems: [] });
    expect(Object.keys(doc.statistics).sort()).toEqual([
      'accountability',
      'completed',
      'completionRate',
      'inProgress',
      'moneyWan',
      'notCompleted',
      'problems',
      'rules',
    ]);
    expect(doc.contact.phone).toBe('85512445');
    expect(doc.warnings).toEqual([]);
    expect(doc.rules).toContainEqual(
      expect.objectContaining({
        title: '南通市文联政府采购内部控制制度',
        docNumber: '通文联〔2021〕19号',
        kind: 'new',
      }),
    );
    expect(doc.suggestedStates.length).toBeGreaterThan(0);
    expect(Array.isArray(doc.money) && Array.isArray(doc.accountability)).toBe(true);
  });

  it('exits 2 with a message on stderr for unreadable input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhenggai-cli-'));
    const binary = join(dir, 'garbage.txt');
    writeFileSync(binary, Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7, 8]));
    const bad = await zhenggai(['import', binary, '--dry-run', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/无法导入/);
    expect((await zhenggai(['import', join(dir, 'missing.txt'), '--dry-run'])).code).toBe(2);
    const notDocx = join(dir, 'fake.docx');
    writeFileSync(notDocx, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]));
    const fake = await zhenggai(['import', notDocx, '--dry-run', '--json']);
    expect([fake.code, fake.stdout]).toEqual([2, '']);
    expect(fake.stderr).toMatch(/已损坏/);
    const legacy = join(dir, 'old.doc');
    writeFileSync(legacy, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    expect((await zhenggai(['import', legacy, '--dry-run'])).stderr).toMatch(/另存为 .docx/);
    expect((await zhenggai(['import'])).code).toBe(2);
    expect((await zhenggai(['import', SEED, '--bogus'])).code).toBe(2);
    // A .docx whose document part inflates to 1.2 GB: refused by the container limits, exit 2, quickly.
    const bomb = join(dir, 'bomb.docx');
    writeFileSync(
      bomb,
      buildZip([{ name: 'word/document.xml', data: await deflatedZeros(1200), size: 100 }]),
    );
    const refused = await zhenggai(['import', bomb, '--dry-run', '--json']);
    expect([refused.code, refused.stdout]).toEqual([2, '']);
    expect(refused.stderr).toMatch(/压缩炸弹/);
  });

  it('stores into the SQLite file given by --db and prints the ids', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'zhenggai-cli-')), 'x.db');
    const { code, stdout } = await zhenggai(['import', SEED, '--db', file, '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { inspectionId: number; measureIds: number[] };
    expect(result.measureIds).toHaveLength(48);
    const database = openDatabase(file);
    const rows = await database.db.selectFrom('measures').select('id').execute();
    await database.close();
    expect(rows).toHaveLength(48);
  });

  it('creates the first administrator and refuses a weak password with exit 2', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'zhenggai-cli-')), 'x.db');
    const ok = await zhenggai([
      'admin',
      'create',
      '--username',
      'root',
      '--password',
      'Strong-password-1',
      '--db',
      file,
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/已创建系统管理员 root/);
    const weak = await zhenggai([
      'admin',
      'create',
      '--username',
      'other',
      '--password',
      'short',
      '--db',
      file,
    ]);
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/密码至少 10 位/);
  });
});

describe('zhenggai jobs run', () => {
  it('takes the day’s figures once, and exits 2 on a bad or future date', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'zhenggai-cli-')), 'x.db');
    expect((await zhenggai(['import', SEED, '--db', file])).code).toBe(0);
    const first = await zhenggai(['jobs', 'run', '--db', file, '--date', '2026-01-31']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('已保存 2026-01-31 的整改数据快照：1 次巡察');
    expect(first.stdout).toContain('已发送 2026-01-31 的提醒');
    const again = await zhenggai(['jobs', 'run', '--db', file, '--date', '2026-01-31']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('已经保存过，未作改动');
    expect(again.stdout).toContain('2026-01-31 的提醒已经发送过，未重复发送');
    const database = openDatabase(file);
    const rows = await database.db.selectFrom('inspection_daily_figures').selectAll().execute();
    await database.close();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ day: '2026-01-31', measures: 48, problems: 15 });
    const bad = await zhenggai(['jobs', 'run', '--db', file, '--date', '2026-13-01']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('日期格式应为 YYYY-MM-DD');
    const future = await zhenggai(['jobs', 'run', '--db', file, '--date', '2999-01-01']);
    expect(future.code).toBe(2);
    expect(future.stderr).toContain('不能为未来的日期');
    expect((await zhenggai(['jobs'])).code).toBe(2);
    expect((await zhenggai(['help'])).stdout).toContain('zhenggai jobs run');
  });
});

describe('zhenggai report round', () => {
  it('writes the round summary of the inspections in a round, and exits 2 without a round or on an unknown one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhenggai-cli-'));
    const file = join(dir, 'x.db');
    expect((await zhenggai(['import', SEED, '--db', file])).code).toBe(0);
    const database = openDatabase(file);
    await database.db.updateTable('inspections').set({ round: '十二届市委第三轮巡察' }).execute();
    await database.close();
    const output = join(dir, 'round.txt');
    const ok = await zhenggai([
      'report',
      'round',
      '--db',
      file,
      '--round',
      '十二届市委第三轮巡察',
      '--format',
      'txt',
      '-o',
      output,
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    const text = readFileSync(output, 'utf8');
    expect(text).toContain('关于十二届市委第三轮巡察整改情况的通报');
    expect(text).toContain('共巡察1个单位');
    expect(text).toContain('反馈问题15个');
    const missing = await zhenggai(['report', 'round', '--db', file, '--format', 'txt', '-o', output]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--round');
    const unknown = await zhenggai(['report', 'round', '--db', file, '--round', '第九轮', '-o', output]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('没有可查看的');
  });
});
