/**
 * Announcements as units really write them (issue #14): statistics worded in every common way, inspection groups
 * named in other forms, the kind taken from who inspected, a round named in the title, and date lines in several
 * wordings. Each case is a regression test of one class of real documents.
 */
import { describe, expect, it } from 'vitest';
// Every document these fixtures read is checked against the dry-run JSON contract.
import { parseAnnouncementText } from './contract-checked.ts';
import { kindOf, readInspection, readStatistics, roundOf } from './document-facts.ts';
import { publishedDateOf } from './text-lines.ts';

describe('statistics wording', () => {
  it.each([
    [
      '反馈的15个问题，已完成整改13个，基本完成并持续整改2个。',
      { problems: 15, completed: 13, inProgress: 2 },
    ],
    ['巡察反馈问题28条，完成整改26个，持续整改问题2个。', { problems: 28, completed: 26, inProgress: 2 }],
    ['共反馈问题20项，整改完成18个，阶段性完成2个。', { problems: 20, completed: 18, inProgress: 2 }],
    [
      '反馈3个方面12个突出问题，已整改销号10个，正在整改2个。',
      { problems: 12, completed: 10, inProgress: 2 },
    ],
    ['共梳理问题清单9项，已整改9项。', { problems: 9, completed: 9 }],
    ['反馈问题16个，已完成14个，未完成2个。', { problems: 16, completed: 14, notCompleted: 2 }],
  ])('%s', (text, expected) => {
    expect(readStatistics([text])).toMatchObject(expected);
  });

  it('reads rules, money of several kinds in one sentence, and accountability of every kind, zeros included', () => {
    const s = readStatistics([
      '建立完善机制制度15项。清退违规发放津补贴12.5万元、追缴欠款3万元、挽回经济损失8000元。' +
        '交由纪委监委调查2人，移送司法机关1人，党纪处分3人，批评教育5人次，提醒谈话0人，责令检查4人。',
    ]);
    expect(s.rules).toBe(15);
    expect(s.moneyWan).toEqual([
      { kind: '清退违规发放津补贴', amount: 12.5 },
      { kind: '追缴欠款', amount: 3 },
      { kind: '挽回经济损失', amount: 0.8 },
    ]);
    expect(s.accountability).toEqual(
      expect.arrayContaining([
        { kind: '交由纪委监委调查', people: 2 },
        { kind: '移送司法机关', people: 1 },
        { kind: '党纪处分', people: 3 },
        { kind: '批评教育', people: 5 },
        { kind: '提醒谈话', people: 0 },
        { kind: '责令检查', people: 4 },
      ]),
    );
  });
});

describe('inspection groups, kind and round', () => {
  const read = (opening: string, title: string | null = null) => {
    const warnings: string[] = [];
    return { ...readInspection([opening], 2023, warnings, title), warnings };
  };
  it.each([
    ['2023年3月1日至4月30日，市委巡察六组对市文旅局党组开展了常规巡察。', '市委巡察六组'],
    ['根据区委统一部署，区委第二机动巡察组于2023年5月进驻。', '区委第二机动巡察组'],
    ['市委营商环境专项巡察组于2023年6月对我局开展了专项巡察。', '市委营商环境专项巡察组'],
    ['2023年3月，市委第三巡察组对我委进行了巡察。', '市委第三巡察组'],
  ])('%s', (opening, group) => {
    const r = read(opening);
    expect(r.group).toBe(group);
    expect(r.kind).toBe('巡察');
  });

  it('several groups have no single name, and an office is not a group', () => {
    const several = read('2023年4月至6月，区委4个巡察组对12家单位开展了巡察。');
    expect(several.group).toBeNull();
    expect(several.kind).toBe('巡察');
    expect(several.warnings.join()).not.toContain('组名称');
    const office = read('区委巡察办会同相关部门督促整改。');
    expect(office.group).not.toBe('区委巡察办');
  });

  it('takes the kind from who inspected, not from a cited regulation', () => {
    expect(kindOf('根据《中国共产党巡视工作条例》，市委第一巡察组开展了巡察')).toBe('巡察');
    expect(kindOf('省委第二巡视组对市委开展了巡视')).toBe('巡视');
    const audit = read(
      '审计查出的问题已全部整改。',
      '县审计局关于2022年度预算执行审计查出问题整改情况的报告',
    );
    expect(audit.group).toBe('县审计局');
    expect(audit.kind).toBe('审计');
  });

  it('reads a round named in the title', () => {
    expect(roundOf('中共某区商务局党组关于十二届区委第二轮巡察整改进展情况的通报')).toBe('十二届区委第二轮');
    expect(read('区委第三巡察组进行了巡察。', '关于十二届区委第二轮巡察整改进展情况的通报').round).toBe(
      '十二届区委第二轮',
    );
  });
});

describe('date lines', () => {
  it.each([
    ['发布时间：2023-05-06 10:20', '2023-05-06'],
    ['发表时间：2023年5月6日', '2023-05-06'],
    ['日期：2023/05/06', '2023-05-06'],
    ['时间：2023.5.6', '2023-05-06'],
  ])('%s', (line, date) => {
    expect(publishedDateOf(line)).toBe(date);
  });

  it('takes the publication date from a 时间： line of the page, kept out of the text', () => {
    const result = parseAnnouncementText(
      [
        '中共某某市某某局党组关于巡察整改进展情况的通报',
        '时间：2023-08-15',
        '2023年3月1日至4月30日，市委巡察六组对某某局党组进行了巡察。2023年5月20日，市委巡察六组反馈了巡察意见。',
        '二、反馈问题整改落实情况',
        '(一)落实党的路线方针政策不到位',
        '1.关于学习贯彻不深入的问题。一是完善学习制度。二是开展专题研讨。',
      ].join('\n'),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document.publishedDate).toBe('2023-08-15');
    expect(result.document.inspection.group).toBe('市委巡察六组');
    expect(result.document.categories[0]?.problems[0]?.measures).toHaveLength(2);
  });
});
