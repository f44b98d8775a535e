import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderPermissionDoc } from './permission-table.ts';

describe('docs/permissions.md', () => {
  it('matches the permission matrix in code (run npm run docs:permissions after changing it)', () => {
    expect(readFileSync(new URL('../../../docs/permissions.md', import.meta.url), 'utf8')).toBe(
      renderPermissionDoc(),
    );
  });
});
