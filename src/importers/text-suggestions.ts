/**
 * What the text tells, as suggestions a person confirms (never applied silently): rules made or revised
 * (制度成果), a suggested state per measure from its progress language, money returned or recovered and
 * people held accountable.
 */
import type {
  TImportedDocument,
  TImportedMeasure,
  TImportedProblem,
  TMoneySuggestion,
  TAccountabilitySuggestion,
  TRuleSuggestion,
  TSuggestedState,
} from '@shared/import-structure.ts';

const RULE_VERB = /(制定|出台|修订|完善|起草|印发|制订|修改|建立|健全|新建)[^,;:。!?《》“”]{0,6}$/;
const NOT_A_RULE_CONTEXT = /学习|对照|贯彻|依据|按照|根据|遵照|参照|执行|解读|宣讲|举办|发挥|推出/;
const RULE_SUFFIX = /(制度|办法|规定|规则|细则|条例|规程|守则|准则|规范|机制|实施意见)$/;
const DOC_NUMBER = /^\s*[(（]?\s*([\u4e00-\u9fa5]{1,12}[〔[]\d{4}[〕\]]\d{1,4}号)/;

/** Where a piece of text comes from: a measure (by problem and measure position) or elsewhere. */
export type TTextSource = { text: string; problem: string | null; measure: number | null };

/** 《…》 titles after verbs such as 制定, 修订 that name rules; not titles that were studied, nor journals. */
export function findRules(sources: readonly TTextSource[]): TRuleSuggestion[] {
  const found = new Map<string, TRuleSuggestion>();
  for (const source of sources) {
    for (const m of source.text.matchAll(/《([^《》]{2,80})》/g)) {
      const title = m[1] ?? '';
      const before = source.text.slice(0, m.index);
      const clause = before.slice(Math.max(before.search(/[^,;:。!?]*$/), 0));
      const verb = RULE_VERB.exec(clause);
      if (!verb || NOT_A_RULE_CONTEXT.test(clause) || !RULE_SUFFIX.test(title)) continue;
      const after = source.text.slice(m.index + m[0].length);
      const docNumber = DOC_NUMBER.exec(after)?.[1]?.replace('[', '〔').replace(']', '〕') ?? null;
      const verbs = clause.slice(verb.index);
      const kind = /修订|修改/.test(verbs) || verbs.startsWith('完善') ? 'revised' : 'new';
      const existing = found.get(title);
      if (existing) {
        existing.docNumber ??= docNumber;
        continue;
      }
      found.set(title, { title, docNumber, kind, problem: source.problem, measure: source.measure });
    }
  }
  return [...found.values()];
}

const IN_PROGRESS =
  /拟(?!定)|待[^,。;]{0,12}(?:后|通过|审议|批准|完成|落实)|正在|将(?:于|在|进一步|继续|适时|尽快|按|逐步)|计划(?:于|在|开展|组织|年底|年内)/;
const DONE = /已|完毕|全部完成/;
const STANDING = /长期|常态化|持续/;

/** A state suggested by the progress language of a measure, with the words that suggested it. */
export function suggestState(text: string): { state: TSuggestedState; evidence: string } | null {
  const progress = IN_PROGRESS.exec(text);
  if (progress) return { state: 'in_progress', evidence: progress[0] };
  const done = DONE.exec(text);
  if (done) return { state: 'done', evidence: done[0] };
  const standing = STANDING.exec(text);
  if (standing) return { state: 'standing', evidence: standing[0] };
  return null;
}

const MONEY =
  /(退回|清退|追缴|退赔|追回|收缴)([^,;。]{0,20}?)(?:(?:共计|合计|共|计|金额)?(\d+(?:\.\d+)?)\s*(万元|元))?(?=[,;。]|$)/g;

/** Money returned or recovered (退回, 清退, 追缴 …), with the amount in 万元 when the text gives one. */
export function findMoney(sources: readonly TTextSource[]): TMoneySuggestion[] {
  const out: TMoneySuggestion[] = [];
  for (const source of sources) {
    for (const m of source.text.matchAll(MONEY)) {
      const amount = m[3] === undefined ? null : Number(m[3]) / (m[4] === '元' ? 10000 : 1);
      out.push({
        kind: m[1] ?? '',
        amountWan: amount === null ? null : Math.round(amount * 1e6) / 1e6,
        text: m[0],
        problem: source.problem,
        measure: source.measure,
      });
    }
  }
  return out;
}

const ACCOUNTABILITY =
  '问责|诫勉谈话|诫勉|党纪政务处分|党纪处分|政务处分|组织处理|批评教育|通报批评|立案审查调查|立案审查|谈话提醒|提醒谈话|约谈|责令检查';

/** People held accountable, by kind (问责2人, 3人受到党纪处分 …). */
export function findAccountability(sources: readonly TTextSource[]): TAccountabilitySuggestion[] {
  const out: TAccountabilitySuggestion[] = [];
  for (const source of sources) {
    for (const m of source.text.matchAll(new RegExp(`(${ACCOUNTABILITY})了?(\\d+)(?:名|个)?人次?`, 'g'))) {
      out.push({
        kind: m[1] ?? '',
        people: Number(m[2]),
        text: m[0],
        problem: source.problem,
        measure: source.measure,
      });
    }
    for (const m of source.text.matchAll(
      new RegExp(`(\\d+)(?:名|个)?人次?(?:受到|被)(${ACCOUNTABILITY})`, 'g'),
    )) {
      out.push({
        kind: m[2] ?? '',
        people: Number(m[1]),
        text: m[0],
        problem: source.problem,
        measure: source.measure,
      });
    }
  }
  return out;
}

/** Every measure with its position, for sources and suggested states. */
function measuresOf(doc: TImportedDocument) {
  const out: Array<{ problem: TImportedProblem; path: string; index: number; text: string }> = [];
  let seq = 0;
  const visit = (p: TImportedProblem, path: string) => {
    p.measures.forEach((m, i) => out.push({ problem: p, path, index: i + 1, text: m.progress ?? m.text }));
    p.subproblems.forEach((s) => visit(s, `${path}.${s.number}`));
  };
  for (const c of doc.categories) {
    for (const p of c.problems) {
      seq += 1;
      visit(p, String(seq));
    }
  }
  return out;
}

/**
 * Adds rules, suggested states, money and accountability to a parsed document; `otherText` is text outside measures;
 * `labelled` holds measures whose problem states its state in a label line (整改状态：已完成), which wins over words.
 */
export function addSuggestions(
  doc: TImportedDocument,
  otherText: readonly string[],
  labelled: ReadonlyMap<TImportedMeasure, string> = new Map(),
): TImportedDocument {
  const measures = measuresOf(doc);
  const sources: TTextSource[] = [
    ...measures.map((m) => ({ text: m.text, problem: m.path, measure: m.index })),
    ...otherText.map((text) => ({ text, problem: null, measure: null })),
  ];
  const suggestedStates: TImportedDocument['suggestedStates'] = [];
  for (const m of measures) {
    const measure = m.problem.measures[m.index - 1];
    const label = measure ? labelled.get(measure) : undefined;
    const s = (label === undefined ? null : suggestState(label)) ?? suggestState(m.text);
    if (!s || !measure) continue;
    measure.suggestedState = s.state;
    suggestedStates.push({ problem: m.path, measure: m.index, state: s.state, evidence: s.evidence });
  }
  return {
    ...doc,
    rules: findRules(sources),
    suggestedStates,
    money: findMoney(sources),
    accountability: findAccountability(sources),
  };
}
