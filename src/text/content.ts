/**
 * How much a reply says, for the thin-reply scaling of the total. Counted on normalised text as
 * distinct pairs of neighbouring tokens, so repeating a sentence adds nothing: a Han character is
 * one token, a run of Latin letters, digits and apostrophes another. Explicit ranges, not Unicode
 * property escapes, so Node and the browser count alike whatever their Unicode version.
 */
const TOKEN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[a-z0-9\u00c0-\u024f']+/g;
const HAN = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/** The distinct pairs of neighbouring tokens in (normalised, lower-case) text, first seen first. */
export function wordPairs(text: string): string[] {
  const pairs = new Set<string>();
  let prev: string | undefined;
  for (const m of text.matchAll(TOKEN)) {
    const token = m[0];
    if (prev !== undefined) pairs.add(`${prev} ${token}`);
    prev = token;
  }
  return [...pairs];
}

/**
 * Content units of a set of distinct pairs: a pair that starts with a Han character counts
 * `hanWeight` (Chinese carries in about 1.7 characters what English carries in a word).
 */
export function contentUnits(pairs: Iterable<string>, hanWeight: number): number {
  let units = 0;
  for (const p of pairs) units += HAN.test(p) ? hanWeight : 1;
  return units;
}
