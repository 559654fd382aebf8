/**
 * How much a reply says, for the thin-reply scaling of the total. Counted on normalised text as
 * distinct pairs of neighbouring tokens, so repeating a sentence adds nothing: a Han character is
 * one token, a run of Latin letters, digits and apostrophes another. Explicit ranges, not Unicode
 * property escapes, so Node and the browser count alike whatever their Unicode version.
 */
const TOKEN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[a-z0-9\u00c0-\u024f']+/g;

const isHan = (code: number) => (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);

/** Add the pairs of neighbouring tokens in text[from, to) to `into`. */
export function addWordPairs(text: string, from: number, to: number, into: Set<string>): void {
  TOKEN.lastIndex = from;
  let prev: string | undefined;
  for (let m = TOKEN.exec(text); m !== null && m.index < to; m = TOKEN.exec(text)) {
    const token = m[0];
    if (prev !== undefined) into.add(`${prev} ${token}`);
    prev = token;
  }
}

/** The distinct pairs of neighbouring tokens in (normalised, lower-case) text, first seen first. */
export function wordPairs(text: string): string[] {
  const pairs = new Set<string>();
  addWordPairs(text, 0, text.length, pairs);
  return [...pairs];
}

/**
 * Content units of a set of distinct pairs: a pair that starts with a Han character counts
 * `hanWeight` (Chinese carries in about 1.7 characters what English carries in a word).
 */
export function contentUnits(pairs: Iterable<string>, hanWeight: number): number {
  let units = 0;
  for (const p of pairs) units += isHan(p.charCodeAt(0)) ? hanWeight : 1;
  return units;
}
