import { describe, expect, it } from 'vitest';
import {
  categoryMarker,
  endSentence,
  fullWidthPunctuation,
  problemParagraph,
  quote,
  sectionMarker,
} from './document-text.ts';

describe('document text rules', () => {
  it('writes markers with Chinese numerals', () => {
    expect([sectionMarker(2), categoryMarker(4)]).toEqual(['二、', '(四)']);
  });
  it('nests quotes as ‘ ’ inside “ ”', () => {
    expect(quote('领导干部存在“老好人”思想')).toBe('“领导干部存在‘老好人’思想”');
    expect(quote('形式主义')).toBe('“形式主义”');
  });
  it('ends sentences once', () => {
    expect([endSentence('已完成'), endSentence('已完成。'), endSentence('是否完成？')]).toEqual([
      '已完成。',
      '已完成。',
      '是否完成？',
    ]);
  });
  it('writes a problem with its measures as 一是…二是…, and a single measure without a marker', () => {
    expect(problemParagraph('2.', '会议多', ['精简会议', '合并会议。'])).toBe(
      '2.关于“会议多”问题的整改情况。一是精简会议。二是合并会议。',
    );
    expect(problemParagraph('6.', '采风', ['召开座谈会。'])).toBe('6.关于“采风”问题的整改情况。召开座谈会。');
    expect(problemParagraph('(1)', '支部活动', ['规范主题党日'])).toBe(
      '(1)关于“支部活动”问题的整改情况。规范主题党日。',
    );
  });
});

describe('full-width punctuation', () => {
  it('converts punctuation in Chinese text but not in numbers, e-mail or web addresses', () => {
    expect(
      fullWidthPunctuation('(一)学习不深入,存在问题;联系方式:电话85512445,电子邮箱ntwxys@vip.163.com'),
    ).toBe('（一）学习不深入，存在问题；联系方式：电话85512445，电子邮箱ntwxys@vip.163.com');
    expect(fullWidthPunctuation('共1,000元,会议于12:30开始。1.关于“5.10”思廉日')).toBe(
      '共1,000元，会议于12:30开始。1.关于“5.10”思廉日',
    );
  });
});
