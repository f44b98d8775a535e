/**
 * The importer's recognition rules as tables, one per kind of thing it recognises: page surroundings, inspection
 * group names, label lines and statistics wordings. Each row names the shape, gives an example as units publish it,
 * and says how it is recognised; the code that reads a document walks these tables in order (the first row that
 * matches wins where order matters). `importer-rules.test.ts` checks every example against its own row and that
 * docs/importer.md lists every shape with its example.
 */

/** One rule: the shape it recognises, an example, and the test. */
export type TImporterRule = { shape: string; example: string; matches: (text: string) => boolean };
/** One rule that finds a name or a number in a text: the shape, an example, and the pattern (group 1 or the match). */
export type TFindingRule = { shape: string; example: string; pattern: RegExp };

const has = (re: RegExp) => (text: string) => re.test(text);
const noSentence = (text: string) => !text.includes('。');

// ——— Page surroundings: lines of a web page, a repost or a disclosure block that are not the document ———

/** The labels of page fields whose value follows on the same line (来源：…, 索引号：…). */
export const PAGE_FIELD =
  /^(来源|信息来源|文章来源|发布时间|发表时间|发布日期|时间|日期|字体大小|字号大小|页面|栏目|所属栏目|当前栏目|更新时间|浏览量|浏览次数|阅读|阅读次数|点击数|点击|分享|分享到|字号|字体|打印|关闭|责任编辑|编辑|作者|审核|索引号|文件名称|发布机构|成文日期|发文字号|发文机关|主题分类|公开方式|公开时限|公开范围|有效性|主题词|文号|生成日期|组配分类|信息索引|体裁分类|主题|所属机构)\s*[:：]/;
/** A list bullet some sites put before the fields of their information-disclosure block. */
export const BULLET = /^[•·▪●◆*-]\s*/;
/** A field label of the information-disclosure block standing alone, its value on the next line. */
export const DISCLOSURE_LABEL =
  /^(索引号|文件名称|发布机构|成文日期|发文字号|发文机关|发布日期|主题分类|公开方式|公开时限|公开范围|有效性|生成日期|组配分类|体裁分类|所属机构|信息索引|文号|主题词|标题|名称)\s*[:：]?\s*$/;

/** Lines that are web-page furniture rather than document text (tested after a leading bullet is removed). */
export const PAGE_SURROUNDINGS: readonly TImporterRule[] = [
  { shape: '网页字段（值在同一行）', example: '索引号：11320600/2023-00123', matches: has(PAGE_FIELD) },
  {
    shape: '网址行',
    example: 'https://www.example.gov.cn/art/2023/6/5/art_1.html',
    matches: has(/^(?:https?:\/\/|www\.)\S+$/i),
  },
  { shape: '【标签】行', example: '【巡察整改】', matches: has(/^【[^】]{1,20}】$/) },
  {
    shape: '公众号推广',
    example: '长按识别二维码关注我们',
    matches: (l) =>
      l.length <= 60 &&
      noSentence(l) &&
      /(?:长按|扫码|扫描|识别).{0,10}(?:二维码|关注)|点击.{0,6}(?:蓝字|关注)|关注.{0,10}(?:公众号|微信号)|分享到朋友圈|欢迎转发|点个?在看/.test(
        l,
      ),
  },
  {
    shape: '不带标签的索引号或数字日期',
    example: '2023-06-05 10:30',
    matches: has(
      /^(?:[0-9A-Za-z]{2,}[-/][0-9A-Za-z/-]{4,}|\d{4}[-./]\d{1,2}[-./]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)$/,
    ),
  },
  {
    shape: '来源、发布时间、浏览次数同一行',
    example: '来源：市纪委监委 发布时间：2023-06-05 浏览次数：1024',
    matches: (l) =>
      noSentence(l) &&
      /(来源|发布时间|浏览|阅读|点击)\s*[:：]/.test(l) &&
      /(发布时间|发布日期|浏览|阅读|点击)\s*[:：]/.test(l),
  },
  {
    shape: '当前位置',
    example: '当前位置：首页 > 信息公开 > 巡察整改',
    matches: (l) => noSentence(l) && /^(首页|网站首页|当前位置|您现在的位置|您的位置|当前的位置)/.test(l),
  },
  {
    shape: '栏目路径',
    example: '信息公开 > 巡察整改 > 正文',
    matches: (l) =>
      noSentence(l) && l.length <= 120 && /\s*(>|»|›|>>)\s*/.test(l) && l.split(/>|»|›/).length >= 3,
  },
  {
    shape: '打印、关闭、字号按钮',
    example: '【打印本页】【关闭窗口】',
    matches: has(/^(?:[【[]?(?:打印本页|关闭窗口|返回顶部|打印|关闭|收藏|字号|分享|大|中|小)[】\]]?\s*)+$/),
  },
  { shape: '分享、扫一扫', example: '微信扫一扫', matches: has(/^(分享到|扫一扫|微信扫一扫|【?字体[:：])/) },
];

// ——— Inspection group names: who inspected, tried in order, the first found is the group ———

const CN_NUM = '[一二三四五六七八九十\\d]{1,3}';
/** The committees that send inspection groups. */
export const WHO = '(?:中央|省委|市委|区委|县委|州委|旗委|盟委)';

export const GROUP_NAMES: readonly TFindingRule[] = [
  {
    shape: '第N巡察（巡视）组',
    example: '市委第三巡察组',
    pattern: new RegExp(
      `(?:中央|省委|市委|区委|县委|州委|旗委|[\\u4e00-\\u9fa5]{1,8}?(?:党委|党组|党工委))?第${CN_NUM}(?:巡视|巡察)组`,
    ),
  },
  {
    shape: '巡察N组（数字在巡察之后）',
    example: '市委巡察六组',
    pattern: new RegExp(`${WHO}(?:巡视|巡察)[一二三四五六七八九十]{1,3}组`),
  },
  {
    shape: '机动巡察组',
    example: '区委第二机动巡察组',
    pattern: new RegExp(`${WHO}?(?:第${CN_NUM})?机动(?:巡视|巡察)组`),
  },
  {
    shape: '专项巡察组（长名称）',
    example: '市委营商环境专项巡察组',
    pattern: new RegExp(`${WHO}[\\u4e00-\\u9fa5]{2,16}?专项(?:巡视|巡察)组`),
  },
  // Not 区委巡察办 (the office) and not 区委N个巡察组 (several groups).
  { shape: '不带序号的巡察组', example: '区委巡察组', pattern: new RegExp(`${WHO}(?:巡视|巡察)组`) },
  { shape: '审计机关', example: '县审计局', pattern: /[\u4e00-\u9fa5]{0,8}?审计(?:署|厅|局)/ },
  { shape: '督查组', example: '省政府第一督查组', pattern: /[\u4e00-\u9fa5]{0,8}?督查组/ },
];

/** Several groups at once (区委4个巡察组): no single group name; the kind still comes from who inspected. */
export const SEVERAL_GROUPS: TFindingRule = {
  shape: '多个巡察组（无单一组名）',
  example: '区委4个巡察组',
  pattern: new RegExp(`${WHO}?[一二三四五六七八九十\\d]{1,3}个(?:巡视|巡察)组`),
};

// ——— Headings: the four levels of an announcement's outline, tried in order ———

export const HEADING_LEVELS: ReadonlyArray<TFindingRule & { level: 1 | 2 | 3 | 4 }> = [
  {
    level: 1,
    shape: '一级标题 一、',
    example: '二、反馈问题整改落实情况',
    pattern: /^([一二三四五六七八九十]{1,3})\s*[、.]\s*(.+)$/,
  },
  {
    level: 2,
    shape: '二级标题 (一)',
    example: '(一)党的领导弱化',
    pattern: /^\(([一二三四五六七八九十]{1,3})\)\s*[、.]?\s*(.+)$/,
  },
  {
    level: 3,
    shape: '三级标题 1.',
    example: '1.关于学习贯彻不深入的问题',
    pattern: /^(\d{1,3})\s*[.、](?!\d)\s*(.+)$/,
  },
  {
    level: 4,
    shape: '四级标题 (1)',
    example: '(1)理论学习不系统',
    pattern: /^\((\d{1,2})\)\s*[、.]?\s*(.+)$/,
  },
  // 问题3：X — a numbered problem written with a label.
  {
    level: 3,
    shape: '问题N：（带标签的编号问题）',
    example: '问题3：基层党组织建设薄弱',
    pattern: /^问题\s*(\d{1,3})\s*[:：]\s*(.+)$/,
  },
];

// ——— Label lines: a label and a colon, whose content is what counts ———

export const LABELS = {
  /** A heading that is only a label, its content after the colon: (一)反馈问题：X is the category X. */
  problemLabel: {
    shape: '问题标签（内容在冒号之后）',
    example: '反馈问题',
    pattern: /^(?:反馈问题|存在问题|主要问题|问题表现|问题|具体问题)\s*\d{0,3}$/,
  },
  /** Labels that open a problem's body and are not measure text: 整改措施：一是…, 整改情况：…. */
  bodyLabel: {
    shape: '措施标签（不是措施正文）',
    example: '整改措施：',
    pattern: /^(?:整改措施|整改情况|整改落实情况|落实情况|具体措施|主要措施|整改举措)\s*[:：]\s*/,
  },
  /** A problem's own state written as a label line: 整改状态：已完成, 完成情况：正在整改, or 正在整改 alone. */
  stateLabel: {
    shape: '整改状态（作为该问题措施的建议状态）',
    example: '整改状态：已完成',
    pattern:
      /^(?:(?:整改状态|完成情况|整改进度|整改进展|整改结果)\s*[:：]\s*)?(已完成(?:整改)?|已整改(?:到位)?|已销号|基本完成|正在整改|整改中|持续整改|长期坚持|立行立改)[。.]?$/,
  },
} as const satisfies Record<string, TFindingRule>;

// ——— Statistics: each figure's wordings, tried in order (the first that gives a number wins) ———

const UNIT = '(?:个|条|项)';
/** What an amount of money was done with (清退 / 追缴 / 挽回经济损失 …). */
export const MONEY_VERBS = '清退|退赔|退还|退回|追缴|收缴|追回|挽回|收回|返还|补缴|纠正|规范|整改';
/** Kinds of accountability, longest first where one contains another. */
export const ACCOUNTABILITY_KINDS =
  '交由纪委监委调查|移送纪委监委|移送司法机关|移送|责令作出书面检查|问责|诫勉谈话|诫勉|党纪政务处分|党纪处分|政务处分|组织处理|批评教育|通报批评|立案审查调查|立案审查|立案|谈话提醒|提醒谈话|函询|约谈|责令检查|处理';

export const STATISTICS = {
  problems: [
    // 3个方面12个突出问题: the problems, not the aspects.
    {
      shape: '问题数：N个方面N个突出问题',
      example: '3个方面12个突出问题',
      pattern: new RegExp(`\\d+个方面(?:的)?(\\d+)${UNIT}(?:具体|突出|主要)?问题`),
    },
    {
      shape: '问题数：N个（条、项）问题',
      example: '反馈的15条问题',
      pattern: new RegExp(`(\\d+)${UNIT}(?:具体|突出|主要)?问题`),
    },
    {
      shape: '问题数：问题共N个',
      example: '问题清单共15项',
      pattern: new RegExp(`问题(?:清单)?(?:共)?(\\d+)${UNIT}`),
    },
  ],
  completed: [
    {
      shape: '已完成：已完成整改N个 / 已整改销号N个 / 已整改N项',
      example: '已整改销号12个',
      pattern: new RegExp(
        `(?:已|均已)(?:全部)?(?:完成整改|整改完成|完成|整改到位|办结|销号|整改销号|整改)(\\d+)${UNIT}`,
      ),
    },
    // Not preceded by 基本 or 阶段性 (those are still being worked on).
    {
      shape: '已完成：完成整改N个 / 整改完成N个',
      example: '整改完成12个',
      pattern: new RegExp(`(?<!基本|阶段性|未)(?:完成整改|整改完成)(\\d+)${UNIT}`),
    },
    {
      shape: '已完成：N个问题已完成整改',
      example: '12个问题已完成整改',
      pattern: new RegExp(`(\\d+)${UNIT}(?:问题)?(?:已|均已)(?:完成整改|整改完成|完成|整改到位)`),
    },
  ],
  // Summed over every match of one alternation, left to right, so 基本完成并持续整改 is not counted again as 持续整改.
  inProgress: [
    {
      shape: '正在整改：正在整改N个 / 基本完成并持续整改N个 / 阶段性完成N个 / 持续整改问题N个（相加）',
      example: '基本完成并持续整改3个',
      pattern:
        /(?:正在(?:整改|推进)中?|基本完成并持续整改|阶段性完成|持续(?:推进|整改)中?(?:问题)?)(\d+)(?:个|条|项)/g,
    },
  ],
  /** Tried only when none of `inProgress` is found. */
  inProgressAfter: [
    {
      shape: '正在整改：N个正在整改',
      example: '3个正在整改',
      pattern: new RegExp(`(\\d+)${UNIT}(?:问题)?(?:正在整改|基本完成并持续整改)`),
    },
  ],
  notCompleted: [
    {
      shape: '未完成：未完成N个',
      example: '未完成1个',
      pattern: new RegExp(`未(?:完成|完成整改|整改到位)(\\d+)${UNIT}`),
    },
  ],
  completionRate: [
    { shape: '完成率', example: '完成率为80%', pattern: /完成率(?:为|达到|达)?(\d+(?:\.\d+)?)%/ },
  ],
  rules: [
    {
      shape: '制度：机制制度N项',
      example: '机制制度8项',
      pattern: /(?:机制制度|制度机制|规章制度)(?:共|合计)?(\d+)(?:项|个|件|份|条)/,
    },
    {
      shape: '制度：制定（修订、完善）制度N项',
      example: '制定完善制度10项',
      pattern:
        /(?:制定|建立|完善|修订|出台|新建|健全|修改|新增)(?:完善|修订|出台)?(?:各类|相关|各项)?(?:规章)?制度(?:机制)?(?:共|合计)?(\d+)(?:项|个|件|份|条)/,
    },
    { shape: '制度：N项制度', example: '10项制度', pattern: /(\d+)(?:项|个|件|份)(?:规章)?制度/ },
  ],
} as const satisfies Record<string, readonly TFindingRule[]>;

/** Money in several kinds in one sentence (清退 / 追缴 / 追回 / 挽回经济损失 …, 万元 and 元): every match counts. */
export const MONEY: TFindingRule = {
  shape: '资金：清退、追缴、挽回经济损失……N万元或N元（一句中可有多种）',
  example: '清退违规发放津补贴3.5万元',
  pattern: new RegExp(
    `(${MONEY_VERBS})([\\u4e00-\\u9fa5]{0,8}?)(?:共计|合计|共|计|金额)?(\\d+(?:\\.\\d+)?)(万元|元)`,
    'g',
  ),
};

/** Accountability by kind, written kind first or people first: every match counts. */
export const ACCOUNTABILITY = {
  kindFirst: {
    shape: '问责：诫勉谈话N人、党纪处分N人……',
    example: '诫勉谈话2人',
    pattern: new RegExp(`(${ACCOUNTABILITY_KINDS})了?(\\d+)人次?`, 'g'),
  },
  peopleFirst: {
    shape: '问责：N人受到党纪处分……',
    example: '1人受到党纪处分',
    pattern: new RegExp(`(\\d+)人次?(?:受到|被)?(${ACCOUNTABILITY_KINDS})`, 'g'),
  },
} as const satisfies Record<string, TFindingRule>;

/** Every table, with its title in docs/importer.md. */
export const RULE_TABLES: ReadonlyArray<{
  title: string;
  rules: ReadonlyArray<{ shape: string; example: string }>;
}> = [
  { title: '网页外围（整行去掉）', rules: PAGE_SURROUNDINGS },
  { title: '巡察组名称（依次尝试，先找到的为准）', rules: [...GROUP_NAMES, SEVERAL_GROUPS] },
  { title: '标题层级', rules: HEADING_LEVELS },
  { title: '标签行', rules: Object.values(LABELS) },
  {
    title: '统计数字（每项依次尝试，先找到的为准；资金、问责逐项相加）',
    rules: [...Object.values(STATISTICS).flat(), MONEY, ...Object.values(ACCOUNTABILITY)],
  },
];

const START = '<!-- importer-rules:start (npm run docs:importer writes this part) -->';
const END = '<!-- importer-rules:end -->';

/** The tables as the part of docs/importer.md between its markers. */
export function renderImporterRules(): string {
  const tables = RULE_TABLES.map(
    (t) => `### ${t.title}\n\n${t.rules.map((r) => `- ${r.shape}：\`${r.example}\``).join('\n')}\n`,
  );
  return `${START}\n\n${tables.join('\n')}\n${END}`;
}

/** docs/importer.md with its rules part written anew (the part must be there, between its markers). */
export function withImporterRules(doc: string): string {
  const from = doc.indexOf(START);
  const to = doc.indexOf(END);
  if (from < 0 || to < from) throw new Error('docs/importer.md 中缺少 importer-rules 标记');
  return `${doc.slice(0, from)}${renderImporterRules()}${doc.slice(to + END.length)}`;
}
