/** Facts a document states in prose: the inspection, the statistics paragraph and the public contact. */
import { isoDate } from '@shared/chinese.ts';
import type { TInspectionKind } from '@shared/domain.ts';
import type { TImportedInspection, TImportedStatistics } from '@shared/import-structure.ts';
import type { TContact } from '@shared/domain.ts';

const CN_NUM = '[一二三四五六七八九十\\d]{1,3}';
const WHO = '(?:中央|省委|市委|区委|县委|州委|旗委|盟委)';
const GROUP_PATTERNS: readonly RegExp[] = [
  new RegExp(
    `(?:中央|省委|市委|区委|县委|州委|旗委|[\\u4e00-\\u9fa5]{1,8}?(?:党委|党组|党工委))?第${CN_NUM}(?:巡视|巡察)组`,
  ),
  // 市委巡察六组: the number after 巡察.
  new RegExp(`${WHO}(?:巡视|巡察)[一二三四五六七八九十]{1,3}组`),
  // 机动巡察组, and long named groups: 市委营商环境专项巡察组.
  new RegExp(`${WHO}?(?:第${CN_NUM})?机动(?:巡视|巡察)组`),
  new RegExp(`${WHO}[\\u4e00-\\u9fa5]{2,16}?专项(?:巡视|巡察)组`),
  // 区委巡察组 without a number (not 区委巡察办, which is the office, and not 区委N个巡察组, which are several).
  new RegExp(`${WHO}(?:巡视|巡察)组`),
  /[\u4e00-\u9fa5]{0,8}?审计(?:署|厅|局)/,
  /[\u4e00-\u9fa5]{0,8}?督查组/,
];

const DATE = '(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})日';
const PERIOD = new RegExp(`${DATE}\\s*(?:至|到|—|-|~|－)\\s*${DATE}`);
const ONE_DATE = new RegExp(DATE);

/**
 * Reads the inspection's group, kind, round and dates from the opening paragraphs; the title is read too for who
 * inspected (an audit bureau named only there) and the round (十二届区委第二轮巡察).
 */
export function readInspection(
  opening: string[],
  fallbackYear: number | null,
  warnings: string[],
  title: string | null = null,
): TImportedInspection {
  const text = opening.join('\n');
  const withTitle = title === null ? text : `${text}\n${title}`;
  let group: string | null = null;
  for (const re of GROUP_PATTERNS) {
    const m = re.exec(withTitle);
    if (m) {
      group = m[0];
      break;
    }
  }
  // Several groups (区委4个巡察组) have no single name; the kind still comes from who inspected.
  const severalGroups = new RegExp(`${WHO}?[一二三四五六七八九十\\d]{1,3}个(?:巡视|巡察)组`).exec(withTitle);
  const kind = kindOf(group ?? severalGroups?.[0] ?? withTitle);
  const round = (title === null ? null : roundOf(title)) ?? roundOf(text);

  const period = PERIOD.exec(text);
  const sentences = text.split(/[。;\n]/);
  const feedbackSentence = sentences.find((s) => s.includes('反馈') && ONE_DATE.test(s.replace(PERIOD, '')));
  const feedback =
    feedbackSentence === undefined ? null : ONE_DATE.exec(feedbackSentence.replace(PERIOD, ''));
  const years = [period?.[1], period?.[4], feedback?.[1]]
    .filter((y): y is string => y !== undefined)
    .map(Number);
  const year = years[0] ?? fallbackYear;
  const toIso = (
    y: string | undefined,
    m: string | undefined,
    d: string | undefined,
    yearHint: number | null,
  ) => {
    if (m === undefined || d === undefined) return null;
    const yy = y !== undefined ? Number(y) : yearHint;
    if (yy === null) return null;
    return isoDate(yy, Number(m), Number(d));
  };
  const startDate = period ? toIso(period[1], period[2], period[3], year) : null;
  const endDate = period
    ? toIso(period[4], period[5], period[6], startDate ? Number(startDate.slice(0, 4)) : year)
    : null;
  const feedbackDate = feedback ? toIso(feedback[1], feedback[2], feedback[3], year) : null;
  if (year === null && (period || feedback))
    warnings.push('日期未写年份，且文中没有可推断的年份，日期未导入');
  if (group === null && severalGroups === null) warnings.push('未识别出巡察（巡视、审计、督查）组名称');
  // An audit or a supervision has no on-site period or feedback meeting of an inspection group to find.
  const inspected = kind === '巡察' || kind === '巡视' || kind === null;
  if (period === null && inspected) warnings.push('未识别出巡察进驻时间（如“2021年4月20日至5月21日”）');
  if (feedbackDate === null && inspected) warnings.push('未识别出反馈意见的日期');
  return { kind, round, group, startDate, endDate, feedbackDate };
}

/** The round (轮次) a text names: 十二届区委第二轮, or 第二轮. */
export function roundOf(text: string): string | null {
  return (
    /(?:[一二三四五六七八九十\d]{1,3}届(?:中央|省委|市委|区委|县委|州委|旗委)?)?第[一二三四五六七八九十\d]{1,3}轮/.exec(
      text,
    )?.[0] ?? null
  );
}

/**
 * The kind of review a text speaks of, from who inspected: titles of regulations (《中国共产党巡视工作条例》) cited in a
 * 巡察 document do not make it a 巡视.
 */
export function kindOf(raw: string): TInspectionKind | null {
  const text = raw.replace(/《[^》]{0,60}》/g, '');
  if (text.includes('巡察')) return '巡察';
  if (text.includes('巡视')) return '巡视';
  if (text.includes('巡察')) return '巡察';
  if (text.includes('审计')) return '审计';
  if (text.includes('督查')) return '督查';
  return null;
}

/** True for a paragraph that reports rectification statistics. */
export function isStatisticsParagraph(p: string): boolean {
  return /完成率|\d+(?:个|条|项)(?:具体|突出|主要)?问题|问题(?:共)?\d+(?:个|条|项)|已?(?:全部)?(?:完成整改|整改完成|完成|整改到位|整改销号|整改)\d+(?:个|条|项)|正在整改\d+|持续整改(?:问题)?\d+|阶段性完成\d+|未完成(?:整改)?\d+/.test(
    p,
  );
}

const firstNumber = (text: string, patterns: readonly RegExp[]): number | null => {
  for (const re of patterns) {
    const m = re.exec(text);
    if (m?.[1] !== undefined) return Number(m[1]);
  }
  return null;
};

const MONEY_VERBS = '清退|退赔|退还|退回|追缴|收缴|追回|挽回|收回|返还|补缴|纠正|规范|整改';
const ACCOUNTABILITY_KINDS =
  '交由纪委监委调查|移送纪委监委|移送司法机关|移送|责令作出书面检查|问责|诫勉谈话|诫勉|党纪政务处分|党纪处分|政务处分|组织处理|批评教育|通报批评|立案审查调查|立案审查|立案|谈话提醒|提醒谈话|函询|约谈|责令检查|处理';

/** Reads the statistics paragraphs: counts of problems, completion, rules, money in 万元, accountability. */
export function readStatistics(paragraphs: string[]): TImportedStatistics {
  const text = paragraphs.join('\n');
  const unit = '(?:个|条|项)';
  const problems = firstNumber(text, [
    // 3个方面12个突出问题: the problems, not the aspects.
    new RegExp(`\\d+个方面(?:的)?(\\d+)${unit}(?:具体|突出|主要)?问题`),
    new RegExp(`(\\d+)${unit}(?:具体|突出|主要)?问题`),
    new RegExp(`问题(?:清单)?(?:共)?(\\d+)${unit}`),
  ]);
  const completed = firstNumber(text, [
    new RegExp(
      `(?:已|均已)(?:全部)?(?:完成整改|整改完成|完成|整改到位|办结|销号|整改销号|整改)(\\d+)${unit}`,
    ),
    // 完成整改12个 / 整改完成12个, not preceded by 基本 or 阶段性 (those are still being worked on).
    new RegExp(`(?<!基本|阶段性|未)(?:完成整改|整改完成)(\\d+)${unit}`),
    new RegExp(`(\\d+)${unit}(?:问题)?(?:已|均已)(?:完成整改|整改完成|完成|整改到位)`),
  ]);
  let inProgress: number | null = null;
  // One alternation, matched left to right, so 基本完成并持续整改 is not counted again as 持续整改.
  for (const m of text.matchAll(
    /(?:正在(?:整改|推进)中?|基本完成并持续整改|阶段性完成|持续(?:推进|整改)中?(?:问题)?)(\d+)(?:个|条|项)/g,
  )) {
    inProgress = (inProgress ?? 0) + Number(m[1]);
  }
  if (inProgress === null) {
    inProgress = firstNumber(text, [new RegExp(`(\\d+)${unit}(?:问题)?(?:正在整改|基本完成并持续整改)`)]);
  }
  const notCompleted = firstNumber(text, [new RegExp(`未(?:完成|完成整改|整改到位)(\\d+)${unit}`)]);
  const completionRate = firstNumber(text, [/完成率(?:为|达到|达)?(\d+(?:\.\d+)?)%/]);
  const rules = firstNumber(text, [
    /(?:机制制度|制度机制|规章制度)(?:共|合计)?(\d+)(?:项|个|件|份|条)/,
    /(?:制定|建立|完善|修订|出台|新建|健全|修改|新增)(?:完善|修订|出台)?(?:各类|相关|各项)?(?:规章)?制度(?:机制)?(?:共|合计)?(\d+)(?:项|个|件|份|条)/,
    /(\d+)(?:项|个|件|份)(?:规章)?制度/,
  ]);
  const moneyWan: TImportedStatistics['moneyWan'] = [];
  const moneyRe = new RegExp(
    `(${MONEY_VERBS})([\\u4e00-\\u9fa5]{0,8}?)(?:共计|合计|共|计|金额)?(\\d+(?:\\.\\d+)?)(万元|元)`,
    'g',
  );
  for (const m of text.matchAll(moneyRe)) {
    const amount = Number(m[3]) / (m[4] === '元' ? 10000 : 1);
    moneyWan.push({ kind: `${m[1] ?? ''}${m[2] ?? ''}`, amount: Math.round(amount * 1e6) / 1e6 });
  }
  const accountability: TImportedStatistics['accountability'] = [];
  for (const m of text.matchAll(new RegExp(`(${ACCOUNTABILITY_KINDS})了?(\\d+)人次?`, 'g'))) {
    accountability.push({ kind: m[1] ?? '', people: Number(m[2]) });
  }
  for (const m of text.matchAll(new RegExp(`(\\d+)人次?(?:受到|被)?(${ACCOUNTABILITY_KINDS})`, 'g'))) {
    accountability.push({ kind: m[2] ?? '', people: Number(m[1]) });
  }
  return { problems, completed, inProgress, notCompleted, completionRate, rules, moneyWan, accountability };
}

/** True for the closing paragraph (invitation to supervise, contact details), which is never a measure. */
export function isClosingParagraph(p: string): boolean {
  return /欢迎[^。]{0,20}监督|联系方式|联系电话|举报电话|电子邮箱|邮政地址|意见建议[^。]{0,10}(?:反映|反馈)|特此通报/.test(
    p,
  );
}

/** True for a signature line: an organisation name or a date alone on its line. */
export function isSignatureLine(p: string): boolean {
  if (/^\d{4}年\d{1,2}月\d{1,2}日$/.test(p)) return true;
  return (
    p.length <= 40 &&
    !/[。,;:!?]/.test(p) &&
    /(党组|党委|委员会|党工委|办公室|人民政府|局|联合会|委员会办公室)$/.test(p)
  );
}

/** Reads the public contact from the closing paragraphs. */
export function readContact(paragraphs: string[]): TContact {
  const text = paragraphs.join('\n');
  const phone =
    /(?:联系电话|举报电话|监督电话|电话|热线)\s*[:：]?\s*(\(?0?\d[\d\-()—]{4,18}\d)/.exec(text)?.[1] ?? null;
  const address =
    /(?:邮政地址|通信地址|通讯地址|来信地址|地址)\s*[:：]?\s*([^,;。\s]{2,60})/.exec(text)?.[1] ?? null;
  const email =
    /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,5}\.[A-Za-z]{2,10}/.exec(
      text,
    )?.[0] ?? null;
  return { phone, address, email };
}
