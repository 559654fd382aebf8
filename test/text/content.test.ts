import { describe, expect, it } from 'vitest';
import { contentUnits, wordPairs } from '../../src/text/content.ts';

describe('content units (how much a reply says)', () => {
  it('pairs neighbouring words in English and neighbouring characters in Chinese', () => {
    expect(wordPairs("i'll call you at 5")).toEqual(["i'll call", 'call you', 'you at', 'at 5']);
    expect(wordPairs('我马上退款')).toEqual(['我 马', '马 上', '上 退', '退 款']);
    // Mixed text pairs across the script boundary; punctuation and emoji are not words.
    expect(wordPairs('退款ok 👍!')).toEqual(['退 款', '款 ok']);
  });

  it('counts each distinct pair once, so repeating a sentence adds nothing', () => {
    expect(wordPairs('sorry about that. sorry about that.')).toEqual(['sorry about', 'about that', 'that sorry']);
  });

  it('weighs a pair that starts with a Chinese character by the given weight', () => {
    expect(contentUnits(['我 马', '马 上', 'call you'], 0.5)).toBe(2);
    expect(contentUnits([], 0.6)).toBe(0);
  });
});
