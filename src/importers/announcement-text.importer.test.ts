import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countImported, type TImportedDocument } from '@shared/import-structure.ts';
import { parseAnnouncementText, splitHeading, splitMeasures } from './announcement-text.importer.ts';

const SEED = readFileSync(new URL('../../demo/seed-announcement.txt', import.meta.url), 'utf8');

function parseOk(text: string): TImportedDocument {
  const result = parseAnnouncementText(text);
  if (!result.ok) throw new Error(`expected a parse, got error: ${result.error}`);
  return result.document;
}

const OPENING =
  '根据市委统一部署,2021年4月20日至5月21日,市委第一巡察组对某某局党组进行了巡察。2021年7月6日,市委第一巡察组向某某局党组反馈了巡察意见。';

describe('the seed announcement', () => {
  const doc = parseOk(SEED);

  it('finds 4 categories, 15 problems and 48 measures', () => {
    expect(countImported(doc)).toEqual({ categories: 4, problems: 15, measures: 48 });
    expect(doc.categories.map((c) => c.problems.length)).toEqual([3, 4, 5, 3]);
    expect(doc.categories.flatMap((c) => c.problems.map((p) => p.measures.length))).toEqual([
      5, 4, 3, 3, 3, 1, 2, 6, 5, 2, 2, 3, 2, 4, 3,
    ]);
  });

  it('reads unit, group, dates and contact', () => {
    expect(doc.unit).toBe('中共南通市文学艺术界联合会党组');
    expect(doc.inspection).toMatchObject({
      kind: '巡察',
      group: '市委第一巡察组',
      startDate: '2021-04-20',
      endDate: '2021-05-21',
      feedbackDate: '2021-07-06',
    });
    expect(doc.publishedDate).toBe('2021-12-04');
    expect(doc.contact).toEqual({
      phone: '85512445',
      address: '崇川区文峰路5号',
      email: 'ntwxys@vip.163.com',
    });
    expect(doc.warnings).toEqual([]);
  });

  it('strips markers from titles and measure texts', () => {
    const first = doc.categories[0];
    expect(first?.title).toBe('贯彻落实上级决策部署、推动深化改革有差距');
    expect(first?.problems[1]?.title).toBe('深化改革任务尚未推进落实到位');
    expect(first?.problems[0]?.measures[0]?.text).toMatch(
      /^深入学习《中国共产党党委\(党组\)理论学习中心组学习规则》/,
    );
    expect(doc.categories[3]?.problems[0]?.title).toBe('领导干部存在‘老好人’思想');
    const all = doc.categories.flatMap((c) => c.problems.flatMap((p) => p.measures.map((m) => m.text)));
    for (const text of all) {
      expect(text).not.toMatch(/^[一二三四五六七八九十]+是/);
      expect(text.endsWith('。')).toBe(true);
    }
  });

  it('does not take the organisational section or the closing paragraph as problems', () => {
    const all = doc.categories.flatMap((c) => c.problems.flatMap((p) => p.measures.map((m) => m.text)));
    expect(all.some((t) => t.includes('提高思想认识'))).toBe(false);
    expect(all.some((t) => t.includes('欢迎广大干部群众'))).toBe(false);
    expect(all.some((t) => t.includes('回头看'))).toBe(false);
  });

  it('reads the same with full-width punctuation', () => {
    const wide = SEED.replace(/,/g, '，')
      .replace(/:/g, '：')
      .replace(/\(/g, '（')
      .replace(/\)/g, '）')
      .replace(/1\./g, '1．');
    const wideDoc = parseOk(wide);
    expect(countImported(wideDoc)).toEqual({ categories: 4, problems: 15, measures: 48 });
    expect(wideDoc.categories).toEqual(doc.categories);
  });

  it('skips page chrome: breadcrumbs, share lines, information-disclosure blocks', () => {
    const chrome = [
      '首页 > 信息公开 > 巡察整改',
      '索引号:014052345/2021-00123',
      '文件名称:关于巡察整改进展情况的通报',
      '发布机构:中共南通市文学艺术界联合会党组',
      '成文日期:2021-12-04',
    ].join('\n');
    const text = `${chrome}\n${SEED}\n分享到:\n【打印】【关闭】\n浏览量:1024`;
    const chromed = parseOk(text);
    expect(countImported(chromed)).toEqual({ categories: 4, problems: 15, measures: 48 });
    expect(chromed.unit).toBe('中共南通市文学艺术界联合会党组');
    expect(chromed.warnings).toEqual([]);
  });
});

describe('document shapes', () => {
  it('reads plain-label problem headings and measures in paragraphs of their own', () => {
    const doc = parseOk(
      [
        '某某局党组关于巡察整改情况的通报',
        OPENING,
        '一、整改工作开展情况',
        '局党组高度重视,一是成立领导小组,二是制定整改方案。',
        '二、反馈问题整改落实情况',
        '(一)落实全面从严治党主体责任不到位',
        '1.党组会议研究党建工作不经常。',
        '一是修订党组会议议事规则。',
        '二是每季度专题研究党建工作。',
        '2.关于“廉政风险防控不到位”问题的整改情况',
        '开展廉政风险排查,完善防控措施。',
        '三、下一步工作打算',
        '一是持续巩固整改成果。二是建立长效机制。',
      ].join('\n'),
    );
    expect(countImported(doc)).toEqual({ categories: 1, problems: 2, measures: 3 });
    const [p1, p2] = doc.categories[0]?.problems ?? [];
    expect(p1?.title).toBe('党组会议研究党建工作不经常');
    expect(p1?.measures.map((m) => m.text)).toEqual(['修订党组会议议事规则。', '每季度专题研究党建工作。']);
    expect(p2?.title).toBe('廉政风险防控不到位');
    expect(p2?.measures).toEqual([{ text: '开展廉政风险排查,完善防控措施。' }]);
  });

  it('does not end a heading at 。 inside quotes', () => {
    const doc = parseOk(
      `${OPENING}\n一、反馈问题整改情况\n(一)作风建设有差距\n1.关于“会议多。文件多”问题的整改情况。一是精简会议。二是压缩文件。`,
    );
    const p = doc.categories[0]?.problems[0];
    expect(p?.title).toBe('会议多。文件多');
    expect(p?.measures.map((m) => m.text)).toEqual(['精简会议。', '压缩文件。']);
  });

  it('decides problem sections by content, not position', () => {
    const doc = parseOk(
      [
        OPENING,
        '一、下一步工作打算',
        '(一)持续抓好整改。一是巩固成果。',
        '二、加强组织领导,压实整改责任',
        '(一)提高政治站位。一是召开党组会。',
        '三、巡察反馈问题整改落实情况',
        '(一)工作作风不严实',
        '1.关于“公务用车不规范”问题的整改情况。一是修订用车规定。二是严控费用。',
      ].join('\n'),
    );
    expect(countImported(doc)).toEqual({ categories: 1, problems: 1, measures: 2 });
    expect(doc.categories[0]?.title).toBe('工作作风不严实');
  });

  it('takes 一、 headings as categories when there is no organisational section', () => {
    const doc = parseOk(
      [
        OPENING,
        '一、贯彻落实上级决策部署有差距',
        '1.关于“学习不深入”问题的整改情况。一是建立学习制度。',
        '2.关于“改革推进慢”问题的整改情况。一是梳理改革任务。二是倒排工期。',
        '二、工作作风不严实',
        '1.关于“内部管理不到位”问题的整改情况。一是修订制度。',
        '欢迎广大干部群众监督。联系电话:0513-85512445。',
      ].join('\n'),
    );
    expect(doc.categories.map((c) => c.title)).toEqual(['贯彻落实上级决策部署有差距', '工作作风不严实']);
    expect(doc.categories.map((c) => c.problems.map((p) => p.number))).toEqual([['1', '2'], ['1']]);
    expect(countImported(doc).measures).toBe(4);
    expect(doc.contact.phone).toBe('0513-85512445');
  });

  it('does not take an unheaded closing paragraph as a measure', () => {
    const doc = parseOk(
      [
        OPENING,
        '二、反馈问题整改情况',
        '(一)作风不实',
        '1.关于“形式主义”问题的整改情况。一是精简文件。',
        '欢迎广大干部群众对巡察整改落实情况进行监督。联系方式:电话12345678,电子邮箱a@b.cn',
        '某某局党组',
        '2021年12月4日',
      ].join('\n'),
    );
    expect(doc.categories[0]?.problems[0]?.measures).toEqual([{ text: '精简文件。' }]);
    expect(doc.contact).toMatchObject({ phone: '12345678', email: 'a@b.cn' });
  });

  it('reads four heading levels with sub-problems one level deep', () => {
    const doc = parseOk(
      [
        OPENING,
        '一、反馈问题整改情况',
        '(一)党的建设方面存在短板',
        '1.关于“基层党建薄弱”问题的整改情况',
        '(1)支部活动不规范的问题。一是规范主题党日。二是建立活动台账。',
        '(2)党员教育管理不严的问题。一是开展集中培训。',
      ].join('\n'),
    );
    const p = doc.categories[0]?.problems[0];
    expect(p?.title).toBe('基层党建薄弱');
    expect(p?.subproblems.map((s) => [s.number, s.title, s.measures.length])).toEqual([
      ['1', '支部活动不规范的问题', 2],
      ['2', '党员教育管理不严的问题', 1],
    ]);
    expect(countImported(doc)).toEqual({ categories: 1, problems: 1, measures: 3 });
  });

  it('reads (1)(2) items as measures when they are not problems', () => {
    const doc = parseOk(
      `${OPENING}\n一、反馈问题整改情况\n(一)作风不实\n1.关于“会多”问题的整改情况\n(1)精简会议。\n(2)合并同类会议。`,
    );
    expect(doc.categories[0]?.problems[0]?.measures.map((m) => m.text)).toEqual([
      '精简会议。',
      '合并同类会议。',
    ]);
  });

  it('takes a missing year from the inspection', () => {
    const doc = parseOk(
      '2022年3月1日至4月15日,省委第三巡视组对某某厅党组开展了第二轮巡视。5月20日,省委第三巡视组向某某厅党组反馈了巡视意见。\n一、反馈问题整改情况\n(一)作风不实\n1.关于“会多”问题的整改情况。一是精简会议。',
    );
    expect(doc.inspection).toEqual({
      kind: '巡视',
      round: '第二轮',
      group: '省委第三巡视组',
      startDate: '2022-03-01',
      endDate: '2022-04-15',
      feedbackDate: '2022-05-20',
    });
  });

  it('reads the statistics paragraph', () => {
    const doc = parseOk(
      [
        OPENING,
        '截至目前,巡察反馈的15个问题已完成整改12个,基本完成并持续整改3个,整改完成率80%;制定完善制度10项;清退违规资金7.132万元,追缴税款2万元;问责2人,诫勉谈话1人。',
        '一、反馈问题整改情况',
        '(一)作风不实',
        '1.关于“会多”问题的整改情况。一是精简会议。',
      ].join('\n'),
    );
    expect(doc.statistics).toEqual({
      problems: 15,
      completed: 12,
      inProgress: 3,
      notCompleted: null,
      completionRate: 80,
      rules: 10,
      moneyWan: [
        { kind: '清退违规资金', amount: 7.132 },
        { kind: '追缴税款', amount: 2 },
      ],
      accountability: [
        { kind: '问责', people: 2 },
        { kind: '诫勉谈话', people: 1 },
      ],
    });
  });

  it('reads a round-level summary with no problem list as zero categories and its statistics', () => {
    const doc = parseOk(
      '十四届市委第三轮巡察整改情况综述\n市委第三轮巡察共反馈问题326个,已完成整改298个,正在整改28个,完成率91.4%,建立完善制度156项。',
    );
    expect(doc.categories).toEqual([]);
    expect(doc.statistics).toMatchObject({
      problems: 326,
      completed: 298,
      inProgress: 28,
      completionRate: 91.4,
      rules: 156,
    });
  });

  it('ignores 一是 in the organisational section', () => {
    const doc = parseOk(
      [
        OPENING,
        '一、提高站位,加强领导',
        '一是召开党组会。二是成立领导小组。',
        '二、反馈问题整改情况',
        '(一)作风不实',
        '1.关于“会多”问题的整改情况。一是精简会议。',
      ].join('\n'),
    );
    expect(countImported(doc)).toEqual({ categories: 1, problems: 1, measures: 1 });
  });

  it('reads problem numbers above 99', () => {
    const problems = Array.from(
      { length: 120 },
      (_, i) => `${i + 1}.关于“问题${i + 1}”问题的整改情况。一是甲。二是乙。`,
    );
    const doc = parseOk([OPENING, '一、反馈问题整改情况', '(一)作风不实', ...problems].join('\n'));
    expect(countImported(doc)).toEqual({ categories: 1, problems: 120, measures: 240 });
  });

  it('warns when a second 一是 shows two problems ran together', () => {
    const doc = parseOk(
      `${OPENING}\n一、反馈问题整改情况\n(一)作风不实\n1.关于“会多”问题的整改情况。一是甲。二是乙。一是丙。`,
    );
    expect(doc.warnings.some((w) => w.includes('再次出现“一是”'))).toBe(true);
  });

  it('warns about paragraphs it cannot place', () => {
    const doc = parseOk(
      `${OPENING}\n一、反馈问题整改情况\n(一)作风不实\n这是一段无处安放的文字。\n1.关于“会多”问题的整改情况。一是精简会议。`,
    );
    expect(doc.warnings.some((w) => w.includes('无处安放'))).toBe(true);
  });
});

describe('unreadable input', () => {
  it('answers empty text with a clear error', () => {
    expect(parseAnnouncementText('   \n ')).toEqual({
      ok: false,
      error: expect.stringContaining('空') as unknown,
    });
  });
  it('answers binary content with a clear error', () => {
    const result = parseAnnouncementText('\u0000\u0001\u0002PK\u0003\u0004'.repeat(50));
    expect(result.ok).toBe(false);
  });
  it('answers text with no recognisable structure with a clear error', () => {
    const result = parseAnnouncementText('今天天气很好。我们去公园散步。');
    expect(result).toMatchObject({
      ok: false,
      error: expect.stringContaining('未能从文本中识别') as unknown,
    });
  });
  it('never throws, whatever the input', () => {
    const pieces = fc.constantFrom(
      '一、',
      '(一)',
      '1.',
      '(1)',
      '一是',
      '二是',
      '关于“',
      '”问题的整改情况',
      '。',
      '\n',
      '2021年',
      '4月20日',
      '至',
      '巡察组',
      ' ',
      '完成率',
      '%',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 300 }),
          fc.array(pieces, { maxLength: 60 }).map((a) => a.join('')),
        ),
        (text) => {
          const result = parseAnnouncementText(text);
          expect(typeof result.ok).toBe('boolean');
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('helpers', () => {
  it('splitHeading honours nested quotes and brackets', () => {
    expect(splitHeading('关于“领导干部存在‘老好人’思想”问题的整改情况。一是…')).toEqual({
      heading: '关于“领导干部存在‘老好人’思想”问题的整改情况',
      rest: '一是…',
    });
  });
  it('splitMeasures does not read 十一是 as 一是 and keeps the intro', () => {
    expect(splitMeasures('对此高度重视。一是甲。二是乙,统一是原则。')).toEqual({
      intro: '对此高度重视。',
      measures: [{ text: '甲。' }, { text: '乙,统一是原则。' }],
    });
  });
});
