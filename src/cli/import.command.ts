/** `zhenggai import FILE [--dry-run] [--json] [--db URL]`. */
import { importFile } from '@importers/import-file.ts';
import { countImported } from '@shared/import-structure.ts';
import { CliUsageError, err, out, parseFlags } from './cli-io.ts';

/** Parses a file; prints it (dry run) or stores it in one transaction and prints the new ids. */
export async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    db: { type: 'string' },
  });
  const file = positionals[0];
  if (file === undefined || positionals.length > 1)
    throw new CliUsageError('用法：zhenggai import FILE [--dry-run] [--json] [--db URL]');
  const parsed = await importFile(file);
  if (!parsed.ok) throw new CliUsageError(`无法导入 ${file}：${parsed.error}`);
  const doc = parsed.document;
  const counts = countImported(doc);
  if (values['dry-run'] === true) {
    if (values.json === true) out(JSON.stringify(doc, null, 2));
    else {
      out(`${doc.title ?? '(无标题)'}`);
      out(`单位：${doc.unit ?? '未识别'}；巡察组：${doc.inspection.group ?? '未识别'}`);
      out(`${counts.categories} 个类别，${counts.problems} 个问题，${counts.measures} 条措施`);
      for (const w of doc.warnings) err(`提示：${w}`);
    }
    return 0;
  }
  const { storeImportedIntoDatabase } = await import('./store-import.ts');
  const result = await storeImportedIntoDatabase(doc, typeof values.db === 'string' ? values.db : undefined);
  if (values.json === true) out(JSON.stringify({ ...result, ...counts, warnings: doc.warnings }, null, 2));
  else {
    out(`已导入：单位 #${result.unitId}，巡察 #${result.inspectionId}`);
    out(`${counts.categories} 个类别，${counts.problems} 个问题，${counts.measures} 条措施`);
    out(`类别 id：${result.categoryIds.join(', ')}`);
    out(`问题 id：${result.problemIds.join(', ')}`);
    out(`措施 id：${result.measureIds.join(', ')}`);
    for (const w of doc.warnings) err(`提示：${w}`);
    for (const n of result.notes) err(`说明：${n}`);
  }
  return 0;
}
