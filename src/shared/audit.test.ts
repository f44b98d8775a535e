import { describe, expect, it } from 'vitest';
import { AUDIT_KINDS, AUDIT_OBJECT_LABELS, beijingTime } from './audit.ts';

describe('the audit trail as people read it', () => {
  it('shows instants in Beijing time, across midnight and the year', () => {
    expect(beijingTime('2026-12-04T16:30:05.123Z')).toBe('2026-12-05 00:30:05');
    expect(beijingTime('2026-12-31T15:59:59.999Z')).toBe('2026-12-31 23:59:59');
    expect(beijingTime('2026-12-31T16:00:00.000Z')).toBe('2027-01-01 00:00:00');
    expect(beijingTime('not a time')).toBe('not a time');
  });

  it('names every object type the trail records in Chinese', () => {
    for (const type of ['measure', 'inspection', 'user', 'unit', 'person', 'opinion', 'supervision_order'])
      expect(AUDIT_OBJECT_LABELS[type], type).toMatch(/[\u4e00-\u9fff]/);
    expect(AUDIT_KINDS['person.handed_over']).toContain('交接');
  });
});
