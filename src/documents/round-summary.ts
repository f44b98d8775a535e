/**
 * The round summary (轮次整改情况汇总) the inspection office publishes for one round of inspections: units covered,
 * problems completed / basically completed and continuing / not completed, the completion rate, rules made, money
 * by kind and people held accountable by kind, then each unit. Pure: figures in, official document out.
 */
import { formatDocumentDate } from '@shared/chinese.ts';
import { sectionMarker } from '@shared/document-text.ts';
import { para, type TBlock, type TOfficialDocument } from './official-document.ts';

/** One unit's figures in the round. */
export type TRoundUnitFigures = {
  unitName: string;
  problems: number;
  completed: number;
  /** Every measure closed or standing work under way, at least one standing (基本完成并持续整改). */
  continuing: number;
  measures: number;
  closed: number;
};

/** What the summary is made from. */
export type TRoundSummaryInput = {
  round: string;
  /** Who issues it, e.g. 中共某某市委巡察工作领导小组办公室. */
  issuer: string;
  asOf: string;
  units: TRoundUnitFigures[];
  rules: number;
  /** Money by kind (清退、追缴…), in 分. */
  money: Array<{ kind: string; fen: number }>;
  /** People held accountable by kind (党纪处分、诫勉谈话…). */
  accountability: Array<{ kind: string; people: number }>;
};

const percent = (part: number, whole: number) => (whole === 0 ? '0' : ((part / whole) * 100).toFixed(1));

/** 分 as 万元 with up to two decimals (12.5万元), or 元 under ten thousand. */
export function moneyText(fen: number): string {
  const yuan = fen / 100;
  if (yuan >= 10_000) return `${Number((yuan / 10_000).toFixed(2))}万元`;
  return `${Number(yuan.toFixed(2))}元`;
}

/** Sums every unit's figures. */
export function roundTotals(units: TRoundUnitFigures[]): TRoundUnitFigures {
  const sum = (k: keyof Omit<TRoundUnitFigures, 'unitName'>) => units.reduce((n, u) => n + u[k], 0);
  return {
    unitName: '合计',
    problems: sum('problems'),
    completed: sum('completed'),
    continuing: sum('continuing'),
    measures: sum('measures'),
    closed: sum('closed'),
  };
}

/** The document. */
export function buildRoundSummary(i: TRoundSummaryInput): TOfficialDocument {
  const t = roundTotals(i.units);
  const open = t.problems - t.completed - t.continuing;
  const blocks: TBlock[] = [];
  blocks.push({ kind: 'h1', text: `${sectionMarker(1)}整改总体情况` });
  blocks.push(
    para(
      `${i.round}共巡察${i.units.length}个单位,反馈问题${t.problems}个。截至${formatDocumentDate(i.asOf)},已完成整改${t.completed}个,基本完成并持续整改${t.continuing}个,尚未完成${open}个,问题整改完成率${percent(t.completed + t.continuing, t.problems)}%(其中全部完成${percent(t.completed, t.problems)}%);分解整改措施${t.measures}条,已销号${t.closed}条。`,
    ),
  );
  const outcomes: string[] = [`建立完善制度机制${i.rules}项`];
  const money = i.money.filter((m) => m.fen > 0);
  if (money.length > 0) outcomes.push(money.map((m) => `${m.kind}${moneyText(m.fen)}`).join('、'));
  const people = i.accountability.filter((a) => a.people > 0);
  if (people.length > 0) outcomes.push(people.map((a) => `${a.kind}${a.people}人`).join('、'));
  blocks.push(para(`通过整改,${outcomes.join(';')}。`));
  blocks.push({ kind: 'h1', text: `${sectionMarker(2)}各单位整改情况` });
  blocks.push({
    kind: 'table',
    header: ['序号', '单位', '反馈问题', '已完成', '基本完成', '未完成', '整改措施', '已销号', '完成率'],
    rows: [...i.units, t].map((u, k) => [
      u === t ? '' : String(k + 1),
      u.unitName,
      String(u.problems),
      String(u.completed),
      String(u.continuing),
      String(u.problems - u.completed - u.continuing),
      String(u.measures),
      String(u.closed),
      `${percent(u.completed + u.continuing, u.problems)}%`,
    ]),
  });
  const band = (u: TRoundUnitFigures) => {
    const done = u.completed + u.continuing;
    if (u.problems === 0) return null;
    if (done === u.problems) return 'full';
    return done / u.problems >= 0.8 ? 'high' : 'low';
  };
  const count = (b: string) => i.units.filter((u) => band(u) === b).length;
  blocks.push({ kind: 'h1', text: `${sectionMarker(3)}完成率分档情况` });
  blocks.push(
    para(
      `问题整改完成率达到100%的单位${count('full')}个,80%至99%的${count('high')}个,80%以下的${count('low')}个。` +
        (count('low') > 0
          ? `完成率80%以下的单位是:${i.units
              .filter((u) => band(u) === 'low')
              .map((u) => u.unitName)
              .join('、')}。`
          : ''),
    ),
  );
  blocks.push({ kind: 'signature', lines: [i.issuer, formatDocumentDate(i.asOf)] });
  return { title: `关于${i.round}整改情况的通报`, blocks };
}
