import { describe, expect, it } from 'vitest';
import type { TImportedDocument } from '@shared/import-structure.ts';
import { countOpenWarnings, currentMeasureWarnings, withMeasure } from './import-preview.ts';

const none = { departments: {}, people: {} };

describe('import preview warnings', () => {
  it('drops a warning once the user resolves it', () => {
    const m = {
      text: 'x',
      department: '办公司',
      person: null,
      deadline: null,
      isStanding: false,
      warnings: [
        '完成时限“下个月”无法识别，请填写日期或“长期坚持”',
        '缺少责任人',
        '部室“办公司”不在本单位名单中：请选择对应部室，或确认新建',
      ],
    };
    expect(currentMeasureWarnings(m, none)).toHaveLength(3);
    expect(currentMeasureWarnings({ ...m, deadline: '2030-01-01' }, none)).toHaveLength(2);
    expect(currentMeasureWarnings({ ...m, person: '张三' }, none)).toHaveLength(2);
    expect(currentMeasureWarnings(m, { departments: { 办公司: 3 }, people: {} })).toHaveLength(2);
  });

  it('replaces one measure immutably and counts open warnings', () => {
    const doc = {
      categories: [
        {
          title: 'c',
          problems: [
            {
              number: '1',
              title: 'p',
              intro: null,
              subproblems: [],
              measures: [{ text: 'a', warnings: ['缺少完成时限'] }],
            },
          ],
        },
      ],
    } as unknown as TImportedDocument;
    const next = withMeasure(doc, { c: 0, p: 0, m: 0 }, { deadline: '2030-01-01' });
    expect(countOpenWarnings(doc, none)).toBe(1);
    expect(countOpenWarnings(next, none)).toBe(0);
    expect(doc.categories[0]?.problems[0]?.measures[0]?.deadline).toBeUndefined();
  });
});
