import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAnnouncement } from '@documents/announcement.ts';
import { toHtml, toText } from '@documents/official-document.ts';
import { parseAnnouncementText } from '@importers/announcement-text.importer.ts';
import type { TDb } from '../../db/connection.ts';
import { systemActor } from '../../policies/actor.ts';
import { openTestDatabase, testEngines } from '../../test-support/databases.ts';
import { storeImportedDocument } from '../imports/store-imported-document.ts';
import { announcementInput } from './announcement-input.ts';

const SEED = readFileSync(new URL('../../../../demo/seed-announcement.txt', import.meta.url), 'utf8');
const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/** The lines of section 二 from its first category to the start of section 三. */
function sectionTwo(text: string): string[] {
  const lines = text
    .split('\n')
    .map(norm)
    .filter((l) => l !== '');
  const start = lines.findIndex((l) => l.startsWith('(一)贯彻落实'));
  const end = lines.findIndex((l, i) => i > start && /^三、/.test(l));
  return lines.slice(start, end);
}

describe.each(testEngines())('the announcement generated from the imported seed on %s', (engine) => {
  let database: TDb & { drop: () => Promise<void> };
  let text = '';
  let html = '';
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const parsed = parseAnnouncementText(SEED);
    if (!parsed.ok) throw new Error(parsed.error);
    const actor = systemActor('test');
    const { inspectionId } = await storeImportedDocument({
      db: database.db,
      actor,
      document: parsed.document,
    });
    const sections = parsed.document.sections;
    const input = await announcementInput(
      database.db,
      actor,
      inspectionId,
      {
        section1: sections?.organisation ?? null,
        section3: sections?.nextSteps ?? null,
        includeStatistics: false,
      },
      '2021-12-04',
    );
    const doc = buildAnnouncement(input);
    text = toText(doc).normalize('NFKC');
    html = toHtml(doc);
  });
  afterAll(async () => database.drop());

  it('prints section 二 as the seed does: all 4 category headings, 15 problem headings and 48 measure sentences', () => {
    const ours = sectionTwo(text);
    const seed = sectionTwo(SEED);
    expect(ours.filter((l) => /^\([一二三四]\)/.test(l))).toEqual(
      seed.filter((l) => /^\([一二三四]\)/.test(l)),
    );
    expect(ours.filter((l) => /^\([一二三四]\)/.test(l))).toHaveLength(4);
    const problems = (ls: string[]) => ls.filter((l) => /^\d+\.关于/.test(l));
    expect(problems(ours)).toHaveLength(15);
    expect(problems(ours)).toEqual(problems(seed));
    const measures = (ls: string[]) =>
      problems(ls).flatMap((l) => l.split(/(?=[一二三四五六七]是)/).slice(1));
    expect(measures(ours).length).toBeGreaterThanOrEqual(47);
    expect(ours).toEqual(seed);
  });

  it('opens with the inspection’s facts, keeps sections 一 and 三, and ends with the contact', () => {
    const lines = text.split('\n');
    expect(lines[0]).toBe('中共南通市文学艺术界联合会党组 关于巡察整改进展情况的通报');
    expect(text).toContain(
      '根据市委统一部署,2021年4月20日至5月21日,市委第一巡察组对南通市文学艺术界联合会党组进行了巡察。2021年7月6日,市委第一巡察组向南通市文学艺术界联合会党组反馈了巡察意见。',
    );
    expect(text).toContain('一、提高站位,切实把整改落实作为重大政治任务抓紧抓好');
    expect(text).toContain('三、严格落实从严治党要求,持续巩固和深化整改成果');
    expect(text).toContain('联系方式:电话85512445,邮政地址崇川区文峰路5号,电子邮箱ntwxys@vip.163.com');
    expect(text.trimEnd().endsWith('2021年12月4日')).toBe(true);
  });

  it('renders HTML with escaped text and the print layout', () => {
    expect(html).toContain('@page { size: A4; margin: 37mm 26mm 35mm 28mm; }');
    expect(html).toContain(
      '<span class="h3">1.关于“学习贯彻习近平总书记重要讲话精神不深入，存在机关化、行政化现象”问题的整改情况。</span>',
    );
    expect(html).not.toMatch(/<script/);
  });
});
