import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAnnouncementText } from './announcement-text.importer.ts';
import { findAccountability, findMoney, findRules, suggestState } from './text-suggestions.ts';

const SEED = readFileSync(new URL('../../demo/seed-announcement.txt', import.meta.url), 'utf8');
const seed = () => {
  const r = parseAnnouncementText(SEED);
  if (!r.ok) throw new Error(r.error);
  return r.document;
};
const src = (text: string) => [{ text, problem: null, measure: null }];

describe('rules made or revised (制度成果)', () => {
  it('finds the seed’s rules with their document numbers and kinds', () => {
    const rules = seed().rules;
    expect(rules).toContainEqual({
      title: '南通市文联政府采购内部控制制度',
      docNumber: '通文联〔2021〕19号',
      kind: 'new',
      problem: '11',
      measure: 1,
    });
    expect(rules).toContainEqual(
      expect.objectContaining({ title: '市文联公务接待管理制度', kind: 'revised', problem: '8', measure: 1 }),
    );
    expect(rules.map((r) => r.title)).toEqual(
      expect.arrayContaining([
        '南通市文联所属文艺家协会财务管理办法',
        '党组会议议事规则',
        '公务车使用管理规定',
      ]),
    );
  });

  it('excludes titles that were studied, journals, exhibitions and plans', () => {
    const titles = seed().rules.map((r) => r.title);
    for (const t of [
      '三角洲·文学',
      '百年江海潮',
      '中国共产党党委(党组)理论学习中心组学习规则',
      '党政领导干部选拔任用工作条例',
      '市级机关公务用车服务平台保障办法',
      '南通市文学艺术界联合会党组落实市委巡察反馈意见整改方案',
    ]) {
      expect(titles).not.toContain(t);
    }
  });

  it('reads ASCII brackets in document numbers and 学习新修订的 as study', () => {
    expect(findRules(src('印发《财务报销管理办法》(某发[2022]3号)。'))).toEqual([
      { title: '财务报销管理办法', docNumber: '某发〔2022〕3号', kind: 'new', problem: null, measure: null },
    ]);
    expect(findRules(src('组织学习新修订的《纪律处分条例》。'))).toEqual([]);
  });
});

describe('suggested states from progress language', () => {
  it.each([
    ['已全部组建完成', 'done'],
    ['部分设备已处置完毕', 'done'],
    ['拟委托专业机构进行检查', 'in_progress'],
    ['待主席团会议通过后印发', 'in_progress'],
    ['正在修订制度', 'in_progress'],
    ['将于年底前完成', 'in_progress'],
    ['常态化开展谈心谈话', 'standing'],
    ['持续推进作风建设', 'standing'],
  ])('%s → %s', (text, state) => expect(suggestState(text)?.state).toBe(state));

  it('does not read 拟定, 接待 or 将…写入 as unfinished work', () => {
    expect(suggestState('人事动议、拟定方案')).toBeNull();
    expect(suggestState('细化公务接待的标准')).toBeNull();
    expect(suggestState('将“组织会员学习”纳入协会任务')).toBeNull();
  });

  it('marks the seed’s measures', () => {
    const doc = seed();
    expect(doc.suggestedStates).toContainEqual({
      problem: '2',
      measure: 1,
      state: 'in_progress',
      evidence: '待主席团会议通过后',
    });
    expect(doc.suggestedStates).toContainEqual(
      expect.objectContaining({ problem: '4', measure: 1, state: 'done' }),
    );
    expect(doc.categories[0]?.problems[1]?.measures[0]?.suggestedState).toBe('in_progress');
  });
});

describe('money and accountability', () => {
  it('finds money returned or recovered, with amounts when given', () => {
    expect(findMoney(src('清退违规发放补贴3.2万元,追缴税款5000元。督促及时退回有关费用。'))).toEqual([
      expect.objectContaining({ kind: '清退', amountWan: 3.2 }),
      expect.objectContaining({ kind: '追缴', amountWan: 0.5 }),
      expect.objectContaining({ kind: '退回', amountWan: null }),
    ]);
    expect(seed().money.map((m) => [m.kind, m.problem])).toEqual([
      ['退回', '10'],
      ['退回', '13'],
    ]);
  });
  it('counts people held accountable', () => {
    expect(
      findAccountability(src('问责2人,诫勉谈话1人,3人受到党纪处分。')).map((a) => [a.kind, a.people]),
    ).toEqual([
      ['问责', 2],
      ['诫勉谈话', 1],
      ['党纪处分', 3],
    ]);
  });
});
