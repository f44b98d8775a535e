import { describe, expect, it } from 'vitest';
import {
  correctionDeadline,
  correctionRefusal,
  PROGRESS_CORRECTION_HOURS,
  type TEntryFacts,
} from './progress.ts';

const entry: TEntryFacts = {
  createdBy: 7,
  createdAt: '2026-12-01T02:00:00.000Z',
  source: 'user',
  withdrawnAt: null,
};
const at = (iso: string) => new Date(iso);

describe('correcting and withdrawing a progress entry', () => {
  it('lets the author act until the window closes, and nobody else', () => {
    expect(correctionDeadline(entry.createdAt)).toBe('2026-12-02T02:00:00.000Z');
    expect(PROGRESS_CORRECTION_HOURS).toBe(24);
    expect(correctionRefusal(entry, 7, at('2026-12-01T02:00:00.000Z'))).toBeNull();
    expect(correctionRefusal(entry, 7, at('2026-12-02T02:00:00.000Z'))).toBeNull();
    expect(correctionRefusal(entry, 7, at('2026-12-02T02:00:00.001Z'))).toMatch(/超过 24 小时/);
    expect(correctionRefusal(entry, 8, at('2026-12-01T03:00:00.000Z'))).toMatch(/只有填报人本人/);
    expect(correctionRefusal(entry, null, at('2026-12-01T03:00:00.000Z'))).toMatch(/只有填报人本人/);
  });
  it('refuses an imported entry, one without an author and one already withdrawn', () => {
    const now = at('2026-12-01T03:00:00.000Z');
    expect(correctionRefusal({ ...entry, source: 'import' }, 7, now)).toMatch(/导入的进展/);
    expect(correctionRefusal({ ...entry, createdBy: null }, null, now)).toMatch(/只有填报人本人/);
    expect(correctionRefusal({ ...entry, withdrawnAt: '2026-12-01T02:30:00.000Z' }, 7, now)).toBe(
      '该进展已撤回',
    );
  });
});
