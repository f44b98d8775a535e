/** The paging fields every list's query uses: defaults, blank values, and refusals worded in Chinese. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pageNumber, pageSizeUpTo } from './fields.ts';

const query = z.object({ page: pageNumber(), pageSize: pageSizeUpTo(100, 20, '个单位') });
const messageOf = (input: Record<string, string>) => {
  const r = query.safeParse(input);
  return r.success ? null : r.error.issues.map((i) => i.message).join('；');
};

describe('paging fields', () => {
  it('default to the first page of the list’s own size, also when sent empty', () => {
    expect(query.parse({})).toEqual({ page: 1, pageSize: 20 });
    expect(query.parse({ page: '', pageSize: ' ' })).toEqual({ page: 1, pageSize: 20 });
    expect(query.parse({ page: '3', pageSize: '100' })).toEqual({ page: 3, pageSize: 100 });
  });

  it('refuse what is not a page in Chinese, naming the most a page holds', () => {
    for (const page of ['0', '-1', '1.5', 'abc', '100001'])
      expect(messageOf({ page }), page).toBe('页码有误');
    for (const pageSize of ['0', '2.5', 'x']) expect(messageOf({ pageSize }), pageSize).toBe('每页条数有误');
    expect(messageOf({ pageSize: '101' })).toBe('每页最多 100 个单位');
  });
});
