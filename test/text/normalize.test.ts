import { describe, expect, it } from 'vitest';
import { looksChinese, normalizeText, originalSlice } from '../../src/text/normalize.ts';
import { displayWidth, padEnd } from '../../src/text/width.ts';

describe('normalizeText', () => {
  it('folds full width, case and spacing', () => {
    expect(normalizeText('ＳＯＲＲＹ  I   am   So sorry').text).toBe('sorry i am so sorry');
    expect(normalizeText('非 常 抱 歉 ,我 们 马 上 处 理').text).toBe('非常抱歉,我们马上处理');
  });

  it('turns Traditional Chinese into Simplified', () => {
    expect(normalizeText('非常抱歉,讓您久等了。這不是我們的問題。').text).toBe('非常抱歉,让您久等了。这不是我们的问题。');
  });

  it('reads written Cantonese as Mandarin, keeping the map back to the trainee’s words', () => {
    const n = normalizeText('真係對唔住,係我哋做得唔好。聽日上晝我再打畀你,你唔使再打嚟。');
    expect(n.text).toBe('真是对不住,是我们做得不好。明天上午我再打给你,你不用再打来。');
    const at = n.text.indexOf('我们做得不好');
    expect(originalSlice(n, at, at + 6)).toBe('我哋做得唔好');
    // 系 stays 系 in the Mandarin words that use it, and Mandarin text is left alone.
    expect(normalizeText('我哋嘅系統同你聯繫').text).toBe('我们的系统同你联系');
    expect(normalizeText('系统显示已经联系过您').text).toBe('系统显示已经联系过您');
    expect(normalizeText('小姐妳先坐').text).toBe('小姐你先坐');
  });

  it('reads a space between Chinese phrases as a clause break, between single characters as spacing', () => {
    expect(normalizeText('亲 钱扣了转账还没成 换谁都慌的').text).toBe('亲钱扣了转账还没成,换谁都慌的');
    expect(normalizeText('对 不 起').text).toBe('对不起');
  });

  it('drops control and zero-width characters', () => {
    expect(normalizeText('sor\u0000ry\u200b \u0007now').text).toBe('sorry now');
  });

  it('maps every normalised unit back to the original text, emoji included', () => {
    const source = '🙏 讓 您  久 等了 SORRY';
    const n = normalizeText(source);
    const start = n.text.indexOf('让您');
    expect(originalSlice(n, start, start + 4)).toBe('讓 您  久 等');
    const s = n.text.indexOf('sorry');
    expect(originalSlice(n, s, s + 5)).toBe('SORRY');
    expect(n.origin.length).toBe(n.text.length);
  });

  it('marks a spaced hyphen as a clause dash but keeps hyphenated words', () => {
    expect(normalizeText("I wasn't listening - sorry").text).toBe("i wasn't listening—sorry");
    expect(normalizeText('a follow-up call').text).toBe('a follow-up call');
  });

  it('detects Chinese text for the report language', () => {
    expect(looksChinese('非常抱歉 sorry')).toBe(true);
    expect(looksChinese('So sorry about the 酸奶')).toBe(false);
  });
});

describe('displayWidth', () => {
  it('counts Chinese as two columns', () => {
    expect(displayWidth('可靠性 (32%)')).toBe(12);
    expect(padEnd('同理性', 8)).toBe('同理性  ');
    expect(displayWidth('abc')).toBe(3);
  });
});
