import { describe, expect, it } from 'vitest';
import { customerEcho, firstPersonShare, numberCount, personCounts } from '../../src/rubric/wording.ts';
import { addWordPairs } from '../../src/text/content.ts';
import { normalizeText } from '../../src/text/normalize.ts';
import { scoreReply, scorer } from '../helpers/library.ts';

const pairsOf = (text: string) => {
  const pairs = new Set<string>();
  addWordPairs(text, 0, text.length, pairs);
  return pairs;
};

describe('wording measures', () => {
  it('tells "I" from "we" in both languages', () => {
    expect(personCounts('我今天亲自给您回电话,我们会把钱退给您。')).toEqual({ singular: 1, plural: 1 });
    expect(personCounts("i'll call you myself; we will refund you. i promise.")).toEqual({ singular: 2, plural: 1 });
    // Not the letter i inside a word, nor 我 inside 我们.
    expect(personCounts('it is in this kit; 我们我们')).toEqual({ singular: 0, plural: 2 });
    expect(firstPersonShare(0, 0)).toBe(0);
    expect(firstPersonShare(3, 0)).toBe(0.75);
    expect(firstPersonShare(1, 3)).toBe(0.2);
  });

  it('counts numbers given in digits or Chinese numerals before a unit', () => {
    expect(numberCount('明天下午五点前,退您 49.99 元,两个小时内上门')).toBe(4);
    expect(numberCount('room 1208 at 10 am')).toBe(2);
    // A numeral that is no quantity ("一下", "一定") is not a number.
    expect(numberCount('我查一下,一定给您说法')).toBe(0);
  });

  it("measures how much of the customer's wording the replies take up, at most 1", () => {
    const customer = normalizeText('我的洗衣机到现在还没送到').text;
    expect(customerEcho([customer], pairsOf(normalizeText('您的洗衣机明天上午送到').text))).toBeGreaterThan(0.5);
    expect(customerEcho([customer], pairsOf('我们会尽快处理'))).toBe(0);
    expect(customerEcho([], pairsOf('anything'))).toBe(0);
    expect(customerEcho([customer], pairsOf(customer))).toBe(1);
  });
});

describe('wording in the report', () => {
  it('leaves courtesy-only clauses and quotes out, so repeating "I\'m sorry" changes nothing', () => {
    const once = scoreReply("I'm sorry. We will refund you today.", { locale: 'en' });
    const thrice = scoreReply("I'm sorry. I'm so sorry. Really, I'm sorry. We will refund you today.", { locale: 'en' });
    expect(once.wording).toEqual(thrice.wording);
    expect(once.wording.first_person).toBe(0);
    // "I" in an own promise counts.
    expect(scoreReply("I'm sorry. I will refund you today.", { locale: 'en' }).wording.first_person).toBe(0.5);
  });

  it('reads Traditional and full-width customer lines like Simplified ones', () => {
    const reply = '王女士,您的洗衣机明天上午10点前一定送到,我亲自跟进。';
    const simplified = scorer.scoreTranscript({ turns: [{ customer: '我的洗衣机到现在还没送到' }, { agent: reply }] });
    const traditional = scorer.scoreTranscript({ turns: [{ customer: '我的洗衣機到現在還沒送到' }, { agent: reply }] });
    expect(simplified.wording.customer_echo).toBeGreaterThan(0);
    expect(traditional).toEqual(simplified);
  });

  it('bounds the work on a huge customer line', () => {
    const report = scorer.scoreTranscript({ turns: [{ customer: '送货'.repeat(500_000) }, { agent: '洗衣机明天上午送到,我亲自跟进。' }] });
    expect(report.wording.customer_echo).toBeGreaterThanOrEqual(0);
    expect(report.wording.customer_echo).toBeLessThanOrEqual(1);
  });
});

describe('wording feedback', () => {
  it('tips a turn that speaks only as "we" to make the promise its own', () => {
    const codes = (reply: string) => scoreReply(reply).turns[0]!.feedback.map((f) => f.code);
    expect(codes('我们已经查到了订单,我们明天上午送到。')).toContain('speak_as_i');
    expect(codes('We have found your order and we will deliver it tomorrow morning.')).toContain('speak_as_i');
    expect(codes('我查到了订单,我们明天上午送到,我亲自跟进。')).not.toContain('speak_as_i');
    // One "we" is ordinary speech, not a habit.
    expect(codes('We will deliver it tomorrow morning.')).not.toContain('speak_as_i');
  });
});
