/**
 * Structures of real announcements that went wrong (issue #14), each a regression test asserting the whole
 * structure: label-and-colon lines (反馈问题：X, 问题N：, 整改措施：, 整改情况：, 整改状态：已完成) and an unheaded
 * closing paragraph (下一步，…) after the last measure.
 */
import { describe, expect, it } from 'vitest';
import type { TImportedDocument } from '@shared/import-structure.ts';
import { parseAnnouncementText } from './announcement-text.importer.ts';

const OPENING = [
  '中共某某县某某局党组关于县委巡察整改进展情况的通报',
  '2023年3月1日至4月30日，县委第二巡察组对某某局党组进行了巡察。2023年6月5日，县委第二巡察组反馈了巡察意见。',
];

function parse(lines: string[]): TImportedDocument {
  const result = parseAnnouncementText([...OPENING, ...lines].join('\n'));
  if (!result.ok) throw new Error(result.error);
  return result.document;
}

const shape = (doc: TImportedDocument) =>
  doc.categories.map((c) => ({
    category: c.title,
    problems: c.problems.map((p) => ({ title: p.title, measures: p.measures.map((m) => m.text) })),
  }));

describe('label-and-colon lines', () => {
  it('reads 反馈问题：X as the category X, 问题N：X as problem N, and drops the 整改措施：/整改情况： labels', () => {
    const doc = parse([
      '二、反馈问题整改落实情况',
      '(一)反馈问题：落实全面从严治党主体责任不到位',
      '问题1：党组会议研究党风廉政建设不经常。',
      '整改措施：一是修订党组议事规则。二是每季度专题研究一次。',
      '问题2：廉政风险排查不全面。',
      '整改情况：',
      '一是开展全面排查。二是建立风险清单。',
    ]);
    expect(shape(doc)).toEqual([
      {
        category: '落实全面从严治党主体责任不到位',
        problems: [
          {
            title: '党组会议研究党风廉政建设不经常',
            measures: ['修订党组议事规则。', '每季度专题研究一次。'],
          },
          { title: '廉政风险排查不全面', measures: ['开展全面排查。', '建立风险清单。'] },
        ],
      },
    ]);
  });

  it('takes 整改状态：已完成 and 正在整改 lines as the suggested state of the problem’s measures, not as text', () => {
    const doc = parse([
      '二、反馈问题整改落实情况',
      '(一)政治建设方面',
      '1.关于理论学习不深入的问题。一是制定学习计划。二是开展专题研讨。',
      '整改状态：已完成',
      '2.关于制度执行不严格的问题。一是修订财务制度。',
      '正在整改',
    ]);
    expect(shape(doc)[0]?.problems.map((p) => p.measures)).toEqual([
      ['制定学习计划。', '开展专题研讨。'],
      ['修订财务制度。'],
    ]);
    expect(doc.suggestedStates.map(({ problem, measure, state }) => ({ problem, measure, state }))).toEqual([
      { problem: '1', measure: 1, state: 'done' },
      { problem: '1', measure: 2, state: 'done' },
      { problem: '2', measure: 1, state: 'in_progress' },
    ]);
  });
});

describe('an unheaded closing paragraph', () => {
  it('after the last measure belongs to no problem: it is kept as the next-steps section', () => {
    const doc = parse([
      '二、反馈问题整改落实情况',
      '(一)作风建设方面',
      '1.关于调查研究不深入的问题。一是建立领导干部联系基层制度。二是每年开展专题调研。',
      '2.关于文风会风不实的问题。一是精简会议文件。',
      '下一步，我局将持续巩固整改成果，建立健全长效机制，确保整改工作取得实效。',
      '今后，我们将自觉接受监督。',
      '欢迎广大干部群众对巡察整改落实情况进行监督。联系电话：0513-85512445。',
    ]);
    expect(shape(doc)).toEqual([
      {
        category: '作风建设方面',
        problems: [
          { title: '调查研究不深入', measures: ['建立领导干部联系基层制度。', '每年开展专题调研。'] },
          { title: '文风会风不实', measures: ['精简会议文件。'] },
        ],
      },
    ]);
    // As normalised (NFKC: full-width commas become ASCII).
    expect(doc.sections?.nextSteps?.paragraphs).toEqual([
      '下一步,我局将持续巩固整改成果,建立健全长效机制,确保整改工作取得实效。',
      '今后,我们将自觉接受监督。',
    ]);
    expect(doc.contact.phone).toBe('0513-85512445');
  });
});
