// Writes the rule tables of docs/importer.md from the importer's tables in code.
import { readFileSync, writeFileSync } from 'node:fs';
import { withImporterRules } from '../src/importers/importer-rules.ts';

const file = new URL('../docs/importer.md', import.meta.url);
writeFileSync(file, withImporterRules(readFileSync(file, 'utf8')));
console.log('docs/importer.md written');
