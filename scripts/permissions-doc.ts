// Writes docs/permissions.md from the permission matrix in code.
import { writeFileSync } from 'node:fs';
import { renderPermissionDoc } from '../src/server/policies/permission-table.ts';

writeFileSync(new URL('../docs/permissions.md', import.meta.url), renderPermissionDoc());
console.log('docs/permissions.md written');
