import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadLibrary } from '../../src/node/library.ts';
import { compileMatcher } from '../../src/rubric/matcher.ts';
import { compilePattern, parsePattern, partRegex, PatternError, seqAnchors, type Span } from '../../src/rubric/pattern.ts';
import { localize } from '../../src/scenario/schema.ts';
import { normalizeText } from '../../src/text/normalize.ts';

/** Every match of a global regex, as findMatches reads them (empty matches passed over). */
function regexMatches(re: RegExp, text: string): Span[] {
  const found: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex++;
    else found.push({ start: m.index, end: m.index + m[0].length });
  }
  return found;
}

/**
 * Compare the walking matcher with the regex on every part of `source`, for every text: scanning
 * every start, and trying only starts near the part's anchor literals (as the pattern uses it).
 */
function disagreements(source: string, texts: readonly string[]): string[] {
  const out: string[] = [];
  for (const seq of parsePattern(source)) {
    const matchers = [compileMatcher(seq), compileMatcher(seq, seqAnchors(seq)[0])];
    const re = partRegex(seq);
    for (const text of texts) {
      const want = JSON.stringify(regexMatches(re, text));
      for (const [i, matcher] of matchers.entries()) {
        const got = JSON.stringify(matcher(text));
        if (got !== want) out.push(`${source} (${i === 0 ? 'every start' : 'anchored'}) on ${JSON.stringify(text)}: ${got} ≠ ${want}`);
      }
    }
  }
  return out;
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the walking matcher finds exactly what the regex finds', () => {
  it('for every pattern of the rubric and the shipped scenarios, on real replies', () => {
    const library = loadLibrary();
    const rubric = library.rubric!.data;
    const sources = [
      ...rubric.signals.flatMap((s) => [...s.patterns, ...s.weak_patterns, ...s.except]),
      ...rubric.flags.flatMap((f) => [...f.patterns, ...f.severe_patterns, ...f.except]),
      ...[...library.scenarios.values()].flatMap(({ scenario: s }) => [
        ...s.key_points.flatMap((k) => k.patterns),
        ...s.forbidden.flatMap((f) => [...f.patterns, ...f.except]),
        ...s.facts.flatMap((f) => f.asked_by),
      ]),
    ];
    const phrases: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === 'string') phrases.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(parse(readFileSync(new URL('../fixtures/phrases.yaml', import.meta.url), 'utf8')));
    const answers = [...library.scenarios.values()].flatMap(({ scenario: s }) =>
      s.model_answers.flatMap((m) => (['zh', 'en'] as const).flatMap((lang) => m.replies.map((r) => localize(r, lang)))),
    );
    // Every 3rd phrase and every model answer: a few hundred replies that hit most patterns.
    const texts = [...phrases.filter((_, i) => i % 3 === 0), ...answers].map((t) => normalizeText(t).text);
    expect(sources.length).toBeGreaterThan(1000);
    expect(texts.length).toBeGreaterThan(200);
    const bad = sources.flatMap((s) => disagreements(s, texts));
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('for random patterns on random text (edges, optional spaces, gaps, classes, stems, empty options)', () => {
    const next = random(20261122);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
    const words = ['a', 'ab', 'b a', 'ba ', ' a', '我', '你们', '我 你', 'a我', "a'b", '.', '\\?'];
    const node = (depth: number): string => {
      const r = next();
      if (depth < 2 && r < 0.25) {
        const options = Array.from({ length: 1 + Math.floor(next() * 3) }, () => seq(depth + 1));
        return `(${options.join('|')})${next() < 0.4 ? '?' : ''}`;
      }
      if (r < 0.35) return pick(['[ab]', '[ab]+', '[我你]+', '[a-b]']);
      if (r < 0.45) return `${pick(['a', 'ab', 'b'])}*`;
      return pick(words);
    };
    const seq = (depth: number): string => {
      const parts = Array.from({ length: 1 + Math.floor(next() * 3) }, () => node(depth));
      return parts.map((p, i) => (i > 0 && next() < 0.3 ? ` ~ ${p}` : p)).join('');
    };
    const text = () => Array.from({ length: Math.floor(next() * 40) }, () => pick(['a', 'b', ' ', '我', '你', '们', '.', '?', "'", 'c', '1'])).join('');
    const bad: string[] = [];
    let checked = 0;
    for (let i = 0; i < 3000 && bad.length === 0; i++) {
      const source = next() < 0.15 ? `${seq(0)} & ${seq(0)}` : seq(0);
      try {
        parsePattern(source);
      } catch (e) {
        if (e instanceof PatternError) continue;
        throw e;
      }
      checked++;
      bad.push(...disagreements(source, Array.from({ length: 12 }, text)));
    }
    expect(checked).toBeGreaterThan(2000);
    expect(bad.slice(0, 5)).toEqual([]);
  });
});

describe('on text that makes a pattern backtrack hard', () => {
  // Two repetitions and gaps against 2,000 characters that all fit them: the regex backtracks
  // through millions of steps natively; the walking matcher must not do it in JavaScript.
  const hostile = 'a'.repeat(2000) + 'c';
  const source = '[ab]+ ~ [ab]+ ~ c';

  it('the walking matcher gives up within its step budget', () => {
    const [seq] = parsePattern(source);
    const started = performance.now();
    expect(compileMatcher(seq!, seqAnchors(seq!)[0])(hostile)).toBeUndefined();
    // The budget is 64 steps a character: a few milliseconds, not the seconds a full search takes.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('and the pattern still finds what the regex finds, through the regex', () => {
    const pattern = compilePattern(source);
    expect(pattern.matchPart(0, hostile)).toEqual(regexMatches(partRegex(parsePattern(source)[0]!), hostile));
    expect(pattern.matchPart(0, 'ab ab c')).toEqual([{ start: 0, end: 7 }]);
  });
});
