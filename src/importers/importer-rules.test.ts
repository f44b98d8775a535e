/**
 * The importer's rule tables (issue #14): every row's example is recognised by that row through the functions that
 * read documents — a page line dropped, a group name found first (the order of the table is the order of trying), a
 * heading at its level, a label read as a label, a statistic's number read into its field — and docs/importer.md
 * lists every shape with its example as the tables say.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classify } from './announcement-headings.ts';
import { readInspection, readStatistics } from './document-facts.ts';
import {
  ACCOUNTABILITY,
  GROUP_NAMES,
  HEADING_LEVELS,
  LABELS,
  MONEY,
  PAGE_SURROUNDINGS,
  SEVERAL_GROUPS,
  STATISTICS,
  withImporterRules,
} from './importer-rules.ts';
import { isChromeLine } from './text-lines.ts';

/** The pattern without its global flag (a global pattern keeps state between tests). */
const once = (re: RegExp) => new RegExp(re.source, re.flags.replace('g', ''));

describe('the importer rule tables', () => {
  it.each(PAGE_SURROUNDINGS.map((r) => [r.shape, r.example]))('drops the page line %s: %s', (_, example) => {
    expect(isChromeLine(example)).toBe(true);
    expect(isChromeLine(`• ${example}`)).toBe(true);
  });

  it('keeps a sentence of the document that mentions a page word', () => {
    expect(isChromeLine('来源于群众反映的问题已全部整改到位，并在本单位网站公开。')).toBe(false);
  });

  it.each(GROUP_NAMES.map((r) => [r.shape, r.example]))('finds the group %s: %s', (_, example) => {
    const found = readInspection([`2023年3月1日至4月30日，${example}对本单位进行了巡察。`], 2023, []);
    expect(found.group).toBe(example);
  });

  it('tells several groups from one', () => {
    const warnings: string[] = [];
    const found = readInspection([`${SEVERAL_GROUPS.example}对区直单位进行了巡察。`], 2023, warnings);
    expect(found.group).toBeNull();
    expect(found.kind).toBe('巡察');
    expect(warnings.join('')).not.toContain('组名称');
  });

  it.each(HEADING_LEVELS.map((r) => [r.shape, r.example, r.level] as const))(
    'reads the heading %s: %s',
    (_, example, level) => {
      expect(classify(example).level).toBe(level);
    },
  );

  it('reads the label lines as labels', () => {
    // Text reaches `classify` normalised (NFKC): the full-width colon is a half-width one by then.
    expect(classify(`(一)${LABELS.problemLabel.example}:党的领导弱化`).heading).toBe('党的领导弱化');
    expect(`${LABELS.bodyLabel.example}一是完善制度。`.replace(LABELS.bodyLabel.pattern, '')).toBe(
      '一是完善制度。',
    );
    expect(LABELS.stateLabel.pattern.exec(LABELS.stateLabel.example)?.[1]).toBe('已完成');
  });

  const fields = Object.entries(STATISTICS).flatMap(([field, rules]) =>
    rules.map((r) => [r.shape, r.example, field as keyof typeof STATISTICS, r.pattern] as const),
  );
  it.each(fields)('reads the statistic %s: %s', (_, example, field, pattern) => {
    const expected = Number(once(pattern).exec(example)?.[1]);
    expect(Number.isFinite(expected)).toBe(true);
    const read = readStatistics([`截至目前，${example}。`]);
    const value = field === 'inProgressAfter' ? read.inProgress : read[field];
    expect(value).toBe(expected);
  });

  it('reads money and accountability of every kind in one sentence', () => {
    const read = readStatistics([
      `${MONEY.example}，追缴资金1200元；${ACCOUNTABILITY.kindFirst.example}，${ACCOUNTABILITY.peopleFirst.example}。`,
    ]);
    expect(read.moneyWan).toEqual([
      { kind: '清退违规发放津补贴', amount: 3.5 },
      { kind: '追缴资金', amount: 0.12 },
    ]);
    expect(read.accountability).toEqual([
      { kind: '诫勉谈话', people: 2 },
      { kind: '党纪处分', people: 1 },
    ]);
  });

  it('are listed in docs/importer.md, every shape with its example (npm run docs:importer)', () => {
    const doc = readFileSync(new URL('../../docs/importer.md', import.meta.url), 'utf8');
    expect(withImporterRules(doc)).toBe(doc);
  });
});
