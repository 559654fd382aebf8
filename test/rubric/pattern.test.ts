import { describe, expect, it } from 'vitest';
import { AnchorIndex, clearPatternCache, compilePattern, findMatches, parsePattern, PatternError } from '../../src/rubric/pattern.ts';
import { normalizeText } from '../../src/text/normalize.ts';
import { SENTENCE_END, splitSpans } from '../../src/rubric/detect.ts';

function matches(pattern: string, text: string): string[] {
  const n = normalizeText(text).text;
  return findMatches(compilePattern(pattern), n, splitSpans(n, SENTENCE_END)).map((m) => n.slice(m.start, m.end));
}

describe('pattern language', () => {
  it('matches English words whole', () => {
    expect(matches('sorry', 'So SORRY!')).toEqual(['sorry']);
    expect(matches('fee ~ back', 'thanks for the feedback')).toEqual([]);
    expect(matches('fee ~ back', 'the fee is paid back')).toEqual(['fee is paid back']);
    expect(matches('(very|so)? sorry', 'unsorry')).toEqual([]);
  });

  it('supports alternatives, optional groups, stems and classes', () => {
    expect(matches('(非常|十分)?抱歉', '十分抱歉')).toEqual(['十分抱歉']);
    expect(matches('apologi*', 'we apologise, I apologized')).toEqual(['apologise', 'apologized']);
    expect(matches('[0-9]+ (点|号)', '下午5点前')).toEqual(['5点']);
    expect(matches('[一二三四五]+天', '三天内')).toEqual(['三天']);
  });

  it('keeps ~ inside one sentence and & within one sentence in any order', () => {
    expect(matches('给您~退款', '给您。退款')).toEqual([]);
    expect(matches('给您~退款', '给您全额退款')).toEqual(['给您全额退款']);
    expect(matches('today & call', "I'll call you back today.")).toEqual(['call']);
    expect(matches('today & call', 'Today. I will call.')).toEqual([]);
  });

  it('folds the pattern like the text (Traditional, width)', () => {
    expect(matches('讓您久等', '让您久等了')).toEqual(['让您久等']);
    expect(matches('ＳＯＲＲＹ', 'sorry')).toEqual(['sorry']);
  });

  it('rejects malformed patterns with a readable error', () => {
    expect(() => compilePattern('(a|b')).toThrow(PatternError);
    expect(() => compilePattern('a)')).toThrow(/unexpected/);
    expect(() => compilePattern('~a')).toThrow(/cannot start or end/);
    expect(() => compilePattern('a & ')).toThrow(/empty/);
    expect(() => compilePattern('[0-9')).toThrow(/missing '\]'/);
    expect(() => compilePattern('[z-a]')).toThrow(/out of order/);
  });

  it('rejects a malformed pattern every time it is seen, though good parses are remembered', () => {
    for (let i = 0; i < 2; i++) expect(() => parsePattern('(a|b')).toThrow(/missing '\)'/);
    expect(parsePattern('sorry ~ wait')).toBe(parsePattern('sorry ~ wait'));
  });

  it('compiles one source twice into two patterns with their own ids, matching alike', () => {
    const a = compilePattern('(very|so)? sorry');
    clearPatternCache();
    const b = compilePattern('(very|so)? sorry');
    const c = compilePattern('(very|so)? sorry');
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    const text = normalizeText('I am so sorry, truly sorry.').text;
    const spans = (p: typeof a) => findMatches(p, text, splitSpans(text, SENTENCE_END));
    expect(spans(b)).toEqual(spans(a));
    expect(spans(c).map((m) => text.slice(m.start, m.end))).toEqual(['so sorry', ' sorry']);
  });

  it('offers as candidates exactly the patterns whose anchors all occur', () => {
    const [sorry, both, refund] = ['(very|so)? sorry', 'call ~ back & today', '退款'].map(compilePattern);
    const index = new AnchorIndex([sorry!, both!, refund!]);
    const ids = (text: string) => index.candidates(normalizeText(text).text).map((p) => p.id).sort((x, y) => x - y);
    expect(ids('so sorry, I will call you back today, 给您退款')).toEqual([sorry!.id, both!.id, refund!.id]);
    expect(ids('I will call you back tomorrow')).toEqual([]);
    expect(ids('SORRY')).toEqual([sorry!.id]);
    expect(ids('')).toEqual([]);
  });

  it('stays linear on hostile input', () => {
    const hostile = 'a'.repeat(50_000) + '!';
    // Gaps are bounded and there are no nested quantifiers: this returns at once.
    expect(matches('a ~ a ~ a ~ b', hostile)).toEqual([]);
  });
});
