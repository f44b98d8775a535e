/**
 * The 档案归档 package of one inspection (`zhenggai archive --inspection ID -o FILE`): a read-only tar archive for the
 * records office with the ledger (.xlsx), the rectification plan, every published announcement version (.docx, PDF
 * when one was made, text) and issued monthly report (.docx), the evidence files with an index, and the audit entries
 * about the inspection — plus `manifest.json` and `SHA256SUMS`, which a third party checks offline with
 * `sha256sum -c SHA256SUMS`. Making it is itself audited.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import * as tar from 'tar';
import { AUDIT_KINDS, AUDIT_OBJECT_LABELS, beijingTime, type TAuditKind } from '@shared/audit.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import {
  auditEntriesOfInspection,
  evidenceOfInspection,
  issuedMonthsOf,
  publishedAnnouncementsOf,
} from '../../repositories/archive.repository.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { csvCell } from '../../presenters/audit.presenter.ts';
import { auditHead } from '../../repositories/backup.repository.ts';
import { latestInspectionId } from '../../repositories/inspection.repository.ts';
import type { TFileStorage } from '../../storage/file-storage.ts';
import { frozenAnnouncement } from '../documents/announcements.ts';
import { renderDocument } from '../documents/render.ts';
import { monthlyReport, planDocument } from '../documents/reports.ts';
import { buildLedgerSheet } from '../inspections/export-ledger.ts';
import { writeLedgerXlsx } from '@documents/ledger-xlsx.ts';
import { inTransaction, nowIso } from '../transaction.ts';

const FORMAT = 'zhenggai-archive/1';

/** The manifest (manifest.json) of a package. */
export type TArchiveManifest = {
  format: typeof FORMAT;
  createdAt: string;
  inspection: { id: number; unit: string; title: string };
  /** Where the whole audit chain stood when the package was made. */
  auditHead: { seq: number; hash: string } | null;
  auditEntries: number;
  evidenceFiles: number;
  parts: Array<{ path: string; sha256: string; size: number }>;
};

/** A file name safe in a tar archive and in SHA256SUMS: no separators, control characters or backslashes. */
function safeName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[\\/:*?"<>|]/g, '_')
    .replace(/\p{Cc}/gu, '_')
    .replace(/^\.+/, '_')
    .trim()
    .slice(0, 120);
  return cleaned === '' ? '文件' : cleaned;
}

/** Rows of a CSV file, each ended by CRLF. */
const csvRows = (rows: Array<Array<string | number | null>>) =>
  rows.map((r) => `${r.map(csvCell).join(',')}\r\n`).join('');
const csv = (rows: Array<Array<string | number | null>>) =>
  // A byte-order mark so Excel opens the Chinese text as UTF-8.
  `\uFEFF${csvRows(rows)}`;

/** Writes the package of the inspection to `output`; returns its manifest. */
export async function archiveInspection(o: {
  db: Kysely<Database>;
  storage: TFileStorage;
  actor: TActor;
  inspectionId: number | 'latest';
  output: string;
  /** How many audit entries are read at a time (tests make it small). */
  auditPageSize?: number;
}): Promise<TArchiveManifest> {
  const id = o.inspectionId === 'latest' ? await latestInspectionId(o.db, o.actor.scope) : o.inspectionId;
  if (id === undefined) throw new AppError('NOT_FOUND', '没有可归档的巡察');
  const { sheet, inspection } = await buildLedgerSheet(o.db, o.actor, id);
  const staging = await mkdtemp(join(tmpdir(), 'zhenggai-archive-'));
  const parts: TArchiveManifest['parts'] = [];
  const put = async (path: string, bytes: Uint8Array | string) => {
    const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
    await mkdir(dirname(join(staging, path)), { recursive: true });
    await writeFile(join(staging, path), data);
    parts.push({ path, sha256: createHash('sha256').update(data).digest('hex'), size: data.length });
  };
  /** A file written piece by piece, hashed as it is written; listed in the manifest when closed. */
  const openPart = async (path: string) => {
    await mkdir(dirname(join(staging, path)), { recursive: true });
    const file = await open(join(staging, path), 'w');
    const hash = createHash('sha256');
    let size = 0;
    return {
      write: async (text: string) => {
        const data = new TextEncoder().encode(text);
        hash.update(data);
        size += data.length;
        await file.write(data);
      },
      close: async () => {
        await file.close();
        parts.push({ path, sha256: hash.digest('hex'), size });
      },
    };
  };
  try {
    await put('台账.xlsx', await writeLedgerXlsx(sheet));
    await put('整改方案.docx', await renderDocument(await planDocument(o.db, o.actor, id), 'docx'));
    for (const a of await publishedAnnouncementsOf(o.db, id)) {
      const { frozen } = await frozenAnnouncement(o.db, o.storage, o.actor, a.id);
      if (!frozen) continue;
      const base = `通报/第${a.version_no}版-${(a.published_at ?? '').slice(0, 10)}${a.status === 'withdrawn' ? '-已撤回' : ''}`;
      if (!frozen.docx) throw new Error(`第 ${a.version_no} 版通报的 Word 文档在存储中缺失`);
      await put(`${base}.docx`, frozen.docx);
      if (frozen.pdf) await put(`${base}.pdf`, frozen.pdf);
      await put(`${base}.txt`, frozen.text);
    }
    for (const month of await issuedMonthsOf(o.db, id))
      await put(
        `月报告/${month}.docx`,
        await renderDocument(await monthlyReport(o.db, o.actor, id, month), 'docx'),
      );

    const evidence = await evidenceOfInspection(o.db, id);
    const index: Array<Array<string | number | null>> = [
      [
        '档案中的文件',
        '问题序号',
        '措施序号',
        '原文件名',
        '类型',
        '大小（字节）',
        '材料日期',
        '上传时间（北京时间）',
        'SHA-256',
      ],
    ];
    for (const e of evidence) {
      const bytes = await o.storage.get(e.sha256);
      if (bytes === null) throw new Error(`佐证文件在存储中缺失：${e.file_name}（${e.sha256}）`);
      const path = `佐证材料/${e.id}-${safeName(e.file_name)}`;
      await put(path, bytes);
      index.push([
        path,
        e.problem_number,
        e.ordinal,
        e.file_name,
        e.mime,
        e.size,
        e.documented_date,
        beijingTime(e.uploaded_at),
        e.sha256,
      ]);
    }
    await put('佐证材料/清单.csv', csv(index));

    // The entries as stored (with their place in the chain and hashes), one JSON object per line, and a table to
    // read — written a page at a time as they are read.
    const jsonl = await openPart('操作日志/entries.jsonl');
    const table = await openPart('操作日志/操作日志.csv');
    let auditEntries = 0;
    try {
      await table.write(
        csv([['序号', '时间（北京时间）', '操作人', '操作', '对象类型', '对象编号', '哈希']]),
      );
      for await (const page of auditEntriesOfInspection(o.db, id, o.auditPageSize)) {
        auditEntries += page.length;
        await jsonl.write(page.map((e) => `${JSON.stringify(e)}\n`).join(''));
        if (page.length > 0)
          await table.write(
            csvRows(
              page.map((e) => [
                e.seq,
                beijingTime(e.at),
                e.actor_label,
                AUDIT_KINDS[e.kind as TAuditKind] ?? e.kind,
                AUDIT_OBJECT_LABELS[e.object_type] ?? e.object_type,
                e.object_id,
                e.hash,
              ]),
            ),
          );
      }
    } finally {
      await jsonl.close();
      await table.close();
    }
    await put(
      '说明.txt',
      [
        `${inspection.unit_name}整改档案归档包`,
        `巡察：${sheet.title}`,
        `生成时间：${beijingTime(nowIso())}（北京时间）`,
        '',
        '内容：台账.xlsx（责任分解表）、整改方案.docx、通报/（每个已发布版本的 Word、PDF 和文本）、月报告/（已印发的月报告）、',
        '佐证材料/（全部佐证文件及清单.csv）、操作日志/（与本次巡察有关的操作日志，entries.jsonl 含哈希链字段）。',
        '',
        '核对：在解包目录中运行 sha256sum -c SHA256SUMS，每个文件应显示“成功”（OK）。',
        'manifest.json 记录每个文件的 SHA-256 和大小，以及生成时操作日志链头的序号和哈希，可与系统中的 zhenggai audit verify 结果对照。',
        '',
      ].join('\n'),
    );
    const head = await auditHead(o.db);
    const manifest: TArchiveManifest = {
      format: FORMAT,
      createdAt: nowIso(),
      inspection: { id, unit: inspection.unit_name, title: sheet.title },
      auditHead: head,
      auditEntries,
      evidenceFiles: evidence.length,
      parts,
    };
    await writeFile(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await writeFile(join(staging, 'SHA256SUMS'), parts.map((p) => `${p.sha256}  ${p.path}\n`).join(''));
    await mkdir(dirname(o.output), { recursive: true });
    await tar.c({ file: o.output, cwd: staging, portable: true }, [
      'manifest.json',
      'SHA256SUMS',
      ...parts.map((p) => p.path),
    ]);
    await inTransaction(o.db, async (trx) => {
      await appendAudit(trx, {
        kind: 'inspection.archived',
        ...auditActor(o.actor),
        objectType: 'inspection',
        objectId: id,
        unitId: inspection.unit_id,
        after: { files: parts.length, evidenceFiles: evidence.length, auditEntries },
        at: nowIso(),
      });
    });
    return manifest;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
