// Plain measures of how a reply is worded, beside what it does: whether the trainee speaks as
// "I" or as "we", how many specifics (times, amounts, room and case numbers) it gives, and how
// much of what the customer said it takes up. Trainers weigh all three ("I'll call you at five"
// over "we will contact you"; the customer's own words over a template); the calibration
// (calibrate.ts) gives each a small weight fitted to their grades. Every function reads
// normalised text (src/text/normalize.ts: Simplified, half-width, lower-case), so Traditional
// and full-width input measure alike.

import { addWordPairs } from '../text/content.ts';

// 我 not in 我们; "i" as a word (also in "i'm", "i'll"). Plural: 我们, "we" (also "we'll").
const SINGULAR = /我(?!们)|\bi\b/g;
const PLURAL = /我们|\bwe\b/g;
// Digits, or Chinese numerals before a unit ("两个小时", "三天", "五点").
const NUMBER = /\d+|[一二三四五六七八九十两]+(?=[点天小时分钟号块元个月周])/g;

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

/** How often a reply says "I" and how often "we". */
export function personCounts(text: string): { singular: number; plural: number } {
  return { singular: count(text, SINGULAR), plural: count(text, PLURAL) };
}

/** How many numbers a reply gives. */
export function numberCount(text: string): number {
  return count(text, NUMBER);
}

/** The share of the trainee's "I" among "I" and "we", 0–1 (0 when neither is said). */
export function firstPersonShare(singular: number, plural: number): number {
  return singular / (singular + plural + 1);
}

/**
 * How much of the customer's wording the replies take up, 0–1: the share of the customer's
 * distinct word pairs that the replies also use, times three (a third already reads as listening).
 */
export function customerEcho(customerTexts: readonly string[], agentPairs: ReadonlySet<string>): number {
  const said = new Set<string>();
  for (const text of customerTexts) addWordPairs(text, 0, text.length, said);
  if (said.size === 0) return 0;
  let echoed = 0;
  for (const pair of said) if (agentPairs.has(pair)) echoed++;
  return Math.min(1, (3 * echoed) / said.size);
}
