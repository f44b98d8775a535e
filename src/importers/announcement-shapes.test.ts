/**
 * Structures of real announcements that went wrong (issue #14), each a regression test asserting the whole
 * structure: label-and-colon lines (反馈问题：X, 问题N：, 整改措施：, 整改情况：, 整改状态：已完成) and an unheaded
 * closing paragraph (下一步，…) after the last measure.
 */
import { describe, expect, it } from 'vitest';
import type { TImportedDocument } from '@shared/import-structure.ts';
// Every document these fixtures read is checked against the dry-run JSON contract.
import { parseAnnouncementText } from './contract-checked.ts';

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

const BODY = [
  '2023年3月1日至4月30日，市委第三巡察组对某某局党组进行了巡察。2023年6月5日，市委第三巡察组反馈了巡察意见。',
  '二、反馈问题整改落实情况',
  '(一)党的领导弱化',
  '1.关于学习贯彻不深入的问题。一是完善学习制度。二是开展专题研讨。',
];
const TITLE = '中共某某市某某局党组关于市委巡察整改进展情况的通报';

describe('page surroundings', () => {
  it('keeps a disclosure block, font-size line, site path, promotion, URL and tag out of title and unit, and reads the date', () => {
    const result = parseAnnouncementText(
      [
        '首页 > 信息公开 > 巡察整改',
        '字体大小：大 中 小',
        '• 索引号：',
        '000014349/2023-00123',
        '• 文件名称：',
        TITLE,
        '• 发布机构：',
        '中共某某市某某局党组',
        '• 成文日期：',
        '2023-08-15',
        '【巡察整改】',
        TITLE,
        TITLE,
        ...BODY,
        '长按识别二维码关注我们',
        'https://www.example.gov.cn/art/2023/8/15/art_1_2.html',
      ].join('\n'),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const doc = result.document;
    expect(doc.title).toBe(TITLE);
    expect(doc.unit).toBe('中共某某市某某局党组');
    expect(doc.publishedDate).toBe('2023-08-15');
    expect(doc.inspection.group).toBe('市委第三巡察组');
    expect(shape(doc)).toEqual([
      {
        category: '党的领导弱化',
        problems: [{ title: '学习贯彻不深入', measures: ['完善学习制度。', '开展专题研讨。'] }],
      },
    ]);
  });

  it('takes the unit from 文件名称 when the page prints no title line', () => {
    const result = parseAnnouncementText([`文件名称：${TITLE}`, ...BODY].join('\n'));
    expect(result.ok && result.document.unit).toBe('中共某某市某某局党组');
  });
});

describe('traditional characters', () => {
  it('converts to simplified, strips injected pinyin glosses, and warns', () => {
    const result = parseAnnouncementText(
      [
        '中共某某市衛生健康委員會黨組關於巡察整改進展情況的通報',
        '2023年3月1日至4月30日，市委第三巡察組對市衛(wèi)生健康委員會黨組進行了巡察。2023年6月5日反饋了巡察意見。',
        '二、反饋問題整改落實情況',
        '(一)黨的領導弱化',
        '1.關於學習貫徹不深入的問題。一是完善學習制度。二是開展專題研討。',
      ].join('\n'),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const doc = result.document;
    expect(doc.title).toBe('中共某某市卫生健康委员会党组关于巡察整改进展情况的通报');
    expect(doc.inspection.group).toBe('市委第三巡察组');
    expect(shape(doc)[0]?.problems[0]).toEqual({
      title: '学习贯彻不深入',
      measures: ['完善学习制度。', '开展专题研讨。'],
    });
    expect(doc.warnings.join()).toContain('繁体');
    expect(doc.warnings.join()).toContain('拼音');
  });

  it('keeps parenthesised Latin that is not a gloss', () => {
    const result = parseAnnouncementText([TITLE, ...BODY, '按标准(gb)执行。'].join('\n'));
    expect(result.ok && result.document.warnings.join()).not.toContain('拼音');
  });
});

describe('not an announcement', () => {
  it.each([
    [
      '市委第三巡察组向某某局党组反馈巡察情况\n6月5日，市委第三巡察组巡察某某局党组情况反馈会召开。巡察组组长通报了巡察发现的问题。',
      '反馈会议的新闻报道',
    ],
    [
      '市委第三巡察组进驻某某局开展巡察的公告\n根据市委统一部署，市委第三巡察组进驻某某局开展常规巡察。受理来信来电时间为2023年3月1日至4月30日，专门邮政信箱：某某市A001号信箱。',
      '公告或进驻通知',
    ],
  ])('is told apart with a clear message: %s', (text, words) => {
    const result = parseAnnouncementText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain(words);
  });
});

describe('sections and levels decided by content', () => {
  it('does not read an organisational section headed 组织整改落实情况 as problems', () => {
    const doc = parse([
      '一、组织整改落实情况',
      '(一)提高政治站位，加强组织领导',
      '党组高度重视巡察整改工作。一是成立整改工作领导小组。二是召开专题会议研究部署。',
      '(二)压实整改责任，狠抓工作落实',
      '一是制定整改方案。二是建立整改台账。',
      '二、反馈问题整改落实情况',
      '(一)党的领导弱化',
      '1.关于学习贯彻不深入的问题。一是完善学习制度。二是开展专题研讨。',
    ]);
    expect(shape(doc)).toEqual([
      {
        category: '党的领导弱化',
        problems: [{ title: '学习贯彻不深入', measures: ['完善学习制度。', '开展专题研讨。'] }],
      },
    ]);
    expect(doc.sections?.organisation?.heading).toBe('组织整改落实情况');
  });

  it('reads 1. as the problem and each (1)… paragraph as a sub-problem with its own 一是/二是 measures', () => {
    const doc = parse([
      '二、反馈问题整改落实情况',
      '(一)党的建设方面',
      '1.(1)基层党组织建设薄弱。',
      '(1)组织生活开展不规范。一是修订组织生活制度。二是开展专项检查。',
      '(2)党员教育管理方面。一是建立党员积分管理台账。二是每季度开展一次谈心谈话。',
    ]);
    const problem = doc.categories[0]?.problems[0];
    expect(problem?.title).toBe('基层党组织建设薄弱');
    expect(problem?.measures).toEqual([]);
    expect(
      problem?.subproblems.map((s) => ({ title: s.title, measures: s.measures.map((m) => m.text) })),
    ).toEqual([
      { title: '组织生活开展不规范', measures: ['修订组织生活制度。', '开展专项检查。'] },
      { title: '党员教育管理方面', measures: ['建立党员积分管理台账。', '每季度开展一次谈心谈话。'] },
    ]);
  });
});

describe('reports of other kinds', () => {
  it('reads an audit rectification report to a people’s congress like an announcement', () => {
    const result = parseAnnouncementText(
      [
        '关于2022年度县级预算执行和其他财政收支审计查出问题整改情况的报告',
        '——2023年12月26日在县第十八届人民代表大会常务委员会第十五次会议上',
        '县审计局局长 张三',
        '主任、各位副主任、秘书长、各位委员：',
        '受县人民政府委托，现将2022年度县级预算执行和其他财政收支审计查出问题的整改情况报告如下，请予审议。',
        '一、审计查出问题整改工作的部署推进情况',
        '县政府高度重视审计整改工作。一是召开专题会议。二是建立整改台账。',
        '二、审计查出问题的整改情况',
        '(一)预算管理方面的问题',
        '1.关于部分项目预算编制不细化的问题。一是修订预算编制规程。二是开展专项培训。',
        '2.关于结余资金未及时收回的问题。一是收回结余资金120万元。',
        '三、下一步工作',
        '继续加强审计整改督促检查。',
      ].join('\n'),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const doc = result.document;
    expect(doc.title).toBe('关于2022年度县级预算执行和其他财政收支审计查出问题整改情况的报告');
    expect(doc.unit).toBe('县人民政府');
    expect(doc.inspection).toMatchObject({ kind: '审计', group: '县审计局' });
    expect(shape(doc)).toEqual([
      {
        category: '预算管理方面的问题',
        problems: [
          { title: '部分项目预算编制不细化', measures: ['修订预算编制规程。', '开展专项培训。'] },
          { title: '结余资金未及时收回', measures: ['收回结余资金120万元。'] },
        ],
      },
    ]);
    // No inspection-group warnings for an audit; the speaker and salutation are not content.
    expect(doc.warnings).toEqual([]);
    expect(JSON.stringify(doc.categories)).not.toContain('各位委员');
  });

  it('reads a round-level summary: no unit, no single group, all its statistics', () => {
    const result = parseAnnouncementText(
      [
        '关于十二届区委第二轮巡察整改情况的通报',
        '2023年4月10日至6月10日，区委4个巡察组对12家单位党组织开展了常规巡察，共发现问题236个。',
        '截至目前，已完成整改220个，基本完成并持续整改16个，整改完成率93.2%；建立完善机制制度86项，清退违规资金35.6万元，问责12人，党纪处分3人。',
      ].join('\n'),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const doc = result.document;
    expect(doc.unit).toBeNull();
    expect(doc.inspection).toMatchObject({ kind: '巡察', group: null, round: '十二届区委第二轮' });
    expect(doc.categories).toEqual([]);
    expect(doc.statistics).toMatchObject({
      problems: 236,
      completed: 220,
      inProgress: 16,
      completionRate: 93.2,
      rules: 86,
      moneyWan: [{ kind: '清退违规资金', amount: 35.6 }],
      accountability: [
        { kind: '问责', people: 12 },
        { kind: '党纪处分', people: 3 },
      ],
    });
  });
});

describe('warnings', () => {
  it('name the line of the imported text they concern', () => {
    const doc = parse([
      '二、反馈问题整改落实情况',
      '(一)党的领导弱化',
      '1.关于学习贯彻不深入的问题。',
      '2.关于制度执行不严格的问题。一是修订财务制度。',
    ]);
    // The opening takes lines 1–2; the problem without measures is on line 5.
    expect(doc.warnings).toContain('第 5 行：问题“学习贯彻不深入”下没有找到整改措施');
  });
});
