/** Facts a document states in prose: the inspection, the statistics paragraph and the public contact. */
import { isoDate } from '@shared/chinese.ts';
import type { TInspectionKind } from '@shared/domain.ts';
import type { TImportedInspection, TImportedStatistics } from '@shared/import-structure.ts';
import type { TContact } from '@shared/domain.ts';
import {
  ACCOUNTABILITY,
  GROUP_NAMES,
  MONEY,
  SEVERAL_GROUPS,
  STATISTICS,
  type TFindingRule,
} from './importer-rules.ts';

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
  for (const { pattern } of GROUP_NAMES) {
    const m = pattern.exec(withTitle);
    if (m) {
      group = m[0];
      break;
    }
  }
  // Several groups (区委4个巡察组) have no single name; the kind still comes from who inspected.
  const severalGroups = SEVERAL_GROUPS.pattern.exec(withTitle);
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

/** Reads the statistics paragraphs: counts of problems, completion, rules, money in 万元, accountability. */
export function readStatistics(paragraphs: string[]): TImportedStatistics {
  const text = paragraphs.join('\n');
  const patterns = (rules: readonly TFindingRule[]) => rules.map((r) => r.pattern);
  const problems = firstNumber(text, patterns(STATISTICS.problems));
  const completed = firstNumber(text, patterns(STATISTICS.completed));
  let inProgress: number | null = null;
  for (const rule of STATISTICS.inProgress)
    for (const m of text.matchAll(rule.pattern)) inProgress = (inProgress ?? 0) + Number(m[1]);
  if (inProgress === null) inProgress = firstNumber(text, patterns(STATISTICS.inProgressAfter));
  const notCompleted = firstNumber(text, patterns(STATISTICS.notCompleted));
  const completionRate = firstNumber(text, patterns(STATISTICS.completionRate));
  const rules = firstNumber(text, patterns(STATISTICS.rules));
  const moneyWan: TImportedStatistics['moneyWan'] = [];
  for (const m of text.matchAll(MONEY.pattern)) {
    const amount = Number(m[3]) / (m[4] === '元' ? 10000 : 1);
    moneyWan.push({ kind: `${m[1] ?? ''}${m[2] ?? ''}`, amount: Math.round(amount * 1e6) / 1e6 });
  }
  const accountability: TImportedStatistics['accountability'] = [];
  for (const m of text.matchAll(ACCOUNTABILITY.kindFirst.pattern))
    accountability.push({ kind: m[1] ?? '', people: Number(m[2]) });
  for (const m of text.matchAll(ACCOUNTABILITY.peopleFirst.pattern))
    accountability.push({ kind: m[2] ?? '', people: Number(m[1]) });
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
