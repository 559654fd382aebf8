import * as OpenCC from 'opencc-js/t2cn';
import { CANTONESE_MARKERS, foldCantonese } from './cantonese.ts';

/**
 * Text as the rubric sees it: NFKC (full-width → half-width), Traditional → Simplified Chinese,
 * written Cantonese → Mandarin,
 * lower case, curly quotes straightened, and spacing folded (removed between Chinese characters,
 * one space between words). `origin[i]` is the index in the original text of the normalised
 * UTF-16 unit `i`, so evidence can quote the trainee's own words.
 */
export interface NormalizedText {
  readonly text: string;
  readonly origin: readonly number[];
  readonly source: string;
}

// 'tw' covers both standard and Taiwan variant characters (著→着, 裏→里).
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

/**
 * Memo of characters that the Traditional → Simplified conversion changes on their own, for the
 * basic plane: 0 not yet asked, 1 unchanged, 2 changed. Every reply and pattern asks per character.
 */
const changeMemo = new Uint8Array(0x10000);
const astralMemo = new Map<string, boolean>();
function changesAlone(ch: string): boolean {
  if (ch < '\u2e80') return false;
  if (ch.length === 1) {
    const code = ch.charCodeAt(0);
    if (changeMemo[code] === 0) changeMemo[code] = toSimplified(ch) !== ch ? 2 : 1;
    return changeMemo[code] === 2;
  }
  let changes = astralMemo.get(ch);
  if (changes === undefined) astralMemo.set(ch, (changes = toSimplified(ch) !== ch));
  return changes;
}

const QUOTES: Record<string, string> = { '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"' };
/** Variant characters the Traditional → Simplified conversion keeps: 妳 (Taiwan, 'you' to a woman) is 你. */
const VARIANTS: Record<string, string> = { 妳: '你' };
/**
 * Han characters that need more than copying, one flag per UTF-16 unit, so the common case costs
 * one array read: 1 a variant to replace, 2 a mark of written Cantonese.
 */
const SPECIAL_HAN = new Uint8Array(0x10000);
for (const ch of Object.keys(VARIANTS)) SPECIAL_HAN[ch.charCodeAt(0)] |= 1;
for (const ch of CANTONESE_MARKERS) SPECIAL_HAN[ch.charCodeAt(0)] |= 2;

const isHan = (ch: string | undefined) => ch !== undefined && ch >= '\u3400' && ch <= '\u9fff';

/** Length of the run of Han characters starting at `from`, walking in `step` direction. */
function hanRun(chars: readonly string[], from: number, step: 1 | -1): number {
  let n = 0;
  for (let i = from; i >= 0 && i < chars.length && isHan(chars[i]); i += step) n++;
  return n;
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[a-z0-9]/.test(ch);
}

/**
 * Fold characters one by one: NFKC, lower case, straight quotes, Traditional → Simplified,
 * every whitespace char as ' ', control and zero-width chars dropped. `origin[i]` is the index
 * in `source` of folded code point `i`.
 */
export function foldChars(source: string): { chars: string[]; origin: number[] } {
  const chars: string[] = [];
  const origin: number[] = [];
  let traditional = false;
  let cantonese = false;
  for (let index = 0; index < source.length; ) {
    const code = source.charCodeAt(index);
    // Fast paths: printable ASCII and common Han characters need no NFKC.
    if (code >= 0x20 && code < 0x7f) {
      chars.push(code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : source[index]!);
      origin.push(index);
      index += 1;
      continue;
    }
    if (code >= 0x4e00 && code <= 0x9fff) {
      const special = SPECIAL_HAN[code]!;
      const ch = special & 1 ? VARIANTS[source[index]!]! : source[index]!;
      cantonese ||= (special & 2) !== 0;
      chars.push(ch);
      origin.push(index);
      traditional ||= changesAlone(ch);
      index += 1;
      continue;
    }
    const cp = String.fromCodePoint(source.codePointAt(index)!);
    const isControl = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u2060\ufeff]/.test(cp);
    if (!isControl) {
      const folded = (QUOTES[cp] ?? cp).normalize('NFKC').toLowerCase();
      for (const ch of folded) {
        chars.push(/\s/.test(ch) ? ' ' : ch);
        origin.push(index);
        traditional ||= changesAlone(ch);
      }
    }
    index += cp.length;
  }
  // The Traditional → Simplified conversion is almost always one char for one char; when a
  // phrase rule changes the length, convert char by char so the origin map holds.
  // Most replies are Simplified Chinese or English: when no character would change on its own,
  // skip the converter. Replies with Traditional characters get the full, phrase-aware pass.
  const simplified = traditional ? toSimplifiedKeepingLength(chars) : chars;
  // Written Cantonese ("對唔住,係我哋…") is read as Mandarin, one character for one.
  if (cantonese) foldCantonese(simplified);
  return { chars: simplified, origin };
}

function toSimplifiedKeepingLength(chars: string[]): string[] {
  const converted = Array.from(toSimplified(chars.join('')));
  if (converted.length === chars.length) return converted;
  return chars.map((ch) => {
    const c = toSimplified(ch);
    return Array.from(c).length === 1 ? c : ch;
  });
}

/**
 * `foldChars` as a plain string, for patterns and search keys that need no origin map. Text that
 * is printable ASCII and Simplified Han (most patterns) is only lower-cased.
 */
export function foldText(source: string): string {
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    if (code >= 0x20 && code < 0x7f) continue;
    if (code >= 0x4e00 && code <= 0x9fff && SPECIAL_HAN[code] === 0 && !changesAlone(source[i]!)) continue;
    return foldChars(source).chars.join('');
  }
  return source.toLowerCase();
}

/** Normalise `source` for matching; deterministic and locale-independent (no Intl). */
export function normalizeText(source: string): NormalizedText {
  const { chars: finalChars, origin } = foldChars(source);
  // A spaced hyphen is a dash between clauses ("I wasn't listening - sorry"), not a hyphen.
  for (let i = 1; i + 1 < finalChars.length; i++) {
    if (finalChars[i] === '-' && finalChars[i - 1] === ' ' && finalChars[i + 1] === ' ') finalChars[i] = '—';
  }
  // Step 3: fold spacing. Keep one space only where it separates two word characters. Between
  // Chinese, spacing out single characters ("非 常 抱 歉") is dropped, but a space between longer
  // runs is chat-style punctuation ("转账还没成 换谁都慌的") and becomes a clause break.
  const out: string[] = [];
  const outOrigin: number[] = [];
  for (let i = 0; i < finalChars.length; i++) {
    const ch = finalChars[i]!;
    if (ch === ' ') {
      const prev = out[out.length - 1];
      let j = i + 1;
      while (j < finalChars.length && finalChars[j] === ' ') j++;
      const next = finalChars[j];
      // Also keep a space beside a quote mark, so "it 'in writing'" is told from "it's".
      const quoteEdge = (isWordChar(prev) && (next === "'" || next === '"')) || ((prev === "'" || prev === '"') && isWordChar(next));
      if ((isWordChar(prev) && isWordChar(next)) || quoteEdge) {
        out.push(' ');
        outOrigin.push(origin[i]!);
      } else if (hanRun(finalChars, i - 1, -1) >= 2 && hanRun(finalChars, j, 1) >= 2) {
        out.push(',');
        outOrigin.push(origin[i]!);
      }
      i = j - 1;
      continue;
    }
    out.push(ch);
    // One origin entry per UTF-16 unit, because regex indices count units, not code points.
    for (let k = 0; k < ch.length; k++) outOrigin.push(origin[i]!);
  }
  return { text: out.join(''), origin: outOrigin, source };
}

/** The original text behind normalised range [start, end). */
export function originalSlice(n: NormalizedText, start: number, end: number): string {
  if (n.origin.length === 0 || start >= end) return '';
  const from = n.origin[start] ?? n.source.length;
  const lastOrigin = n.origin[end - 1] ?? n.source.length - 1;
  // Include the whole last code point (surrogate pairs).
  const cp = n.source.codePointAt(lastOrigin) ?? 0;
  return n.source.slice(from, lastOrigin + (cp > 0xffff ? 2 : 1));
}

/** True when the text is mostly Chinese: used to pick the report language when none is given. */
export function looksChinese(text: string): boolean {
  let han = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) han++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
  }
  return han > 0 && han * 3 >= latin;
}
