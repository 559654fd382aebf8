import { foldChars } from '../text/normalize.ts';

/**
 * The rubric's pattern language, compiled to regular expressions that cannot backtrack
 * catastrophically (only literals, bounded gaps and flat alternation):
 *
 *   text        a literal, matched after the same normalisation as replies (case, width,
 *               Traditional/Simplified); a space matches one space or none, and English
 *               words match whole words
 *   (a|b|c)     one of the alternatives; `(a|b)?` makes the group optional
 *   word*       an English word with any ending (apologi* → apologise, apologize, apologies)
 *   [0-9]+      one character from a class (`+`: one or more), e.g. [一二三四五六七八九十两]
 *   a ~ b       b follows a within the same sentence, at most 20 characters later
 *   a & b       a and b both appear in the same sentence, in any order
 *   \\?          a literal special character (here a question mark)
 */
export interface CompiledPattern {
  /** Unique per compiled pattern, for the anchor index. */
  readonly id: number;
  readonly source: string;
  /** Every part must match inside one sentence. */
  readonly parts: readonly RegExp[];
  /**
   * For each part, groups of literals: the text must contain at least one literal of every group
   * (no groups: no filter). Checked before any regex runs; most patterns are ruled out this way.
   */
  readonly anchors: readonly (readonly (readonly string[])[])[];
}

export class PatternError extends Error {}

let nextPatternId = 0;

const GAP_CHARS = 20;
const SENTENCE_BREAK = '。.!?;\\n';
const WORD = '[a-z0-9]';

export type Node =
  | { kind: 'lit'; text: string; star: boolean }
  | { kind: 'class'; body: string; plus: boolean }
  | { kind: 'alt'; options: Node[][]; optional: boolean }
  | { kind: 'gap' };

function parseSeq(src: string, pos: { i: number }, depth: number): Node[] {
  const seq: Node[] = [];
  let lit = '';
  const flush = (star: boolean) => {
    if (lit.length > 0 || star) seq.push({ kind: 'lit', text: lit, star });
    lit = '';
  };
  while (pos.i < src.length) {
    const ch = src[pos.i]!;
    if (ch === '(') {
      flush(false);
      pos.i++;
      const options: Node[][] = [parseSeq(src, pos, depth + 1)];
      while (src[pos.i] === '|') {
        pos.i++;
        options.push(parseSeq(src, pos, depth + 1));
      }
      if (src[pos.i] !== ')') throw new PatternError(`missing ')' in pattern "${src}"`);
      pos.i++;
      const optional = src[pos.i] === '?';
      if (optional) pos.i++;
      seq.push({ kind: 'alt', options, optional });
    } else if (ch === '?' || ch === '{' || ch === '}') {
      // Likely a regex habit; in this language '?' only follows a group, and a space is optional.
      throw new PatternError(`'${ch}' is only allowed right after ')' in pattern "${src}" (write \\? for a question mark)`);
    } else if (ch === '\\' && pos.i + 1 < src.length) {
      lit += src[pos.i + 1];
      pos.i += 2;
    } else if (ch === '|' || ch === ')') {
      if (depth === 0) throw new PatternError(`unexpected '${ch}' in pattern "${src}"`);
      break;
    } else if (ch === '[') {
      flush(false);
      const close = src.indexOf(']', pos.i + 1);
      if (close < 0) throw new PatternError(`missing ']' in pattern "${src}"`);
      const body = src.slice(pos.i + 1, close);
      if (body.length === 0 || /[\\\]\[]/.test(body)) throw new PatternError(`bad character class in pattern "${src}"`);
      pos.i = close + 1;
      const plus = src[pos.i] === '+';
      if (plus) pos.i++;
      seq.push({ kind: 'class', body, plus });
    } else if (ch === '~') {
      // Spaces around a gap mean nothing: the gap already spans them.
      lit = lit.trimEnd();
      flush(false);
      seq.push({ kind: 'gap' });
      pos.i++;
      while (src[pos.i] === ' ') pos.i++;
    } else if (ch === '*') {
      if (!/[a-z0-9']$/.test(lit)) throw new PatternError(`'*' must end an English word in pattern "${src}"`);
      flush(true);
      pos.i++;
    } else {
      lit += ch;
      pos.i++;
    }
  }
  flush(false);
  return seq;
}

const isWord = (ch: string | undefined) => ch !== undefined && /[a-z0-9]/.test(ch);

/**
 * A literal as regex source. A space matches one space or none; next to a word character it
 * also asserts the word's edge, so `(very|so)? sorry` cannot match inside "unsorry".
 */
function literal(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== ' ') {
      out += ch.replace(/[.*+?^${}()|[\]\\\/-]/g, '\\$&');
      continue;
    }
    if (isWord(text[i - 1])) out += `(?!${WORD})`;
    out += ' ?';
    if (isWord(text[i + 1])) out += `(?<!${WORD})`;
  }
  return out;
}

function compileSeq(seq: Node[], leftEdge: boolean, rightEdge: boolean): string {
  let out = '';
  seq.forEach((node, i) => {
    const left = i === 0 ? leftEdge : seq[i - 1]!.kind === 'gap';
    const right = i === seq.length - 1 ? rightEdge : seq[i + 1]!.kind === 'gap';
    if (node.kind === 'gap') {
      out += `[^${SENTENCE_BREAK}]{0,${GAP_CHARS}}?`;
    } else if (node.kind === 'class') {
      // Bounded repetition keeps matching linear.
      out += `[${node.body.replace(/^\^/, '\\^')}]${node.plus ? '{1,12}' : ''}`;
    } else if (node.kind === 'lit') {
      if (left && isWord(node.text[0])) out += `(?<!${WORD})`;
      out += literal(node.text);
      if (node.star) out += "[a-z0-9']*";
      else if (right && isWord(node.text[node.text.length - 1])) out += `(?!${WORD})`;
    } else {
      const body = node.options.map((o) => compileSeq(o, left, right)).join('|');
      out += `(?:${body})${node.optional ? '?' : ''}`;
    }
  });
  return out;
}

/** Literals of which every match of `node` contains at least one; empty if none can be said. */
function nodeAnchors(node: Node): string[] {
  if (node.kind === 'lit') {
    const chunk = node.text.split(' ').reduce((x, y) => (y.length > x.length ? y : x), '');
    return chunk ? [chunk] : [];
  }
  if (node.kind === 'alt' && !node.optional) {
    const options = node.options.map((o) => seqAnchors(o)[0] ?? []);
    return options.every((o) => o.length > 0) ? [...new Set(options.flat())] : [];
  }
  return [];
}

/** A group's selectivity: longer literals are rarer; many alternatives are likelier to occur. */
const selectivity = (group: string[]) => Math.min(...group.map((a) => a.length)) * 10 - group.length * 0.3;

/**
 * Up to three anchor groups for `seq`, most selective first: every match of `seq` contains at
 * least one literal from each group.
 */
function seqAnchors(seq: Node[]): string[][] {
  return seq
    .map(nodeAnchors)
    .filter((g) => g.length > 0)
    .sort((x, y) => selectivity(y) - selectivity(x))
    .slice(0, 3);
}

/** Compile one pattern; throws PatternError with a readable message when it is malformed. */
export function compilePattern(source: string): CompiledPattern {
  const seqs = parsePattern(source);
  return {
    id: nextPatternId++,
    source,
    parts: seqs.map((seq) => new RegExp(compileSeq(seq, true, true), 'g')),
    anchors: seqs.map(seqAnchors),
  };
}

/**
 * Parse a pattern into its `&`-joined parts, throwing PatternError where `compilePattern` would:
 * every author mistake is found here, so a checker need not build the regexes and anchors.
 */
export function parsePattern(source: string): Node[][] {
  const folded = foldChars(source).chars.join('').replace(/ +/g, ' ');
  const parts = folded.split('&').map((p) => p.trim());
  if (parts.some((p) => p.length === 0)) throw new PatternError(`empty part in pattern "${source}"`);
  if (parts.length > MAX_PARTS) throw new PatternError(`more than ${MAX_PARTS} parts joined with & in pattern "${source}"`);
  return parts.map((part) => {
    const seq = parseSeq(part, { i: 0 }, 0);
    if (seq.length === 0 || seq.every((n) => n.kind === 'gap')) throw new PatternError(`empty pattern "${source}"`);
    if (seq[0]!.kind === 'gap' || seq[seq.length - 1]!.kind === 'gap') {
      throw new PatternError(`pattern "${source}" cannot start or end with ~`);
    }
    return seq;
  });
}

export interface Span {
  start: number;
  end: number;
}

interface TrieNode {
  /** Keyed by UTF-16 code unit: numbers, so walking the trie allocates nothing. */
  next: Map<number, TrieNode>;
  /** Keys (dense pattern index × 32 + part × 4) of the pattern parts this literal satisfies. */
  keys?: number[];
  /** The scan that last reached this node: its literal occurs in that reply. */
  mark?: number;
}

const MAX_PARTS = 8;


/**
 * Every anchor literal of a set of patterns in one trie. One pass over a reply marks every trie
 * node it reaches, i.e. every anchor literal that occurs; a pattern is a candidate when its most
 * selective anchor group (the one that carries keys) is satisfied and every other group has a
 * marked literal. Buffers are reused across calls, so a scan allocates almost nothing.
 */
export class AnchorIndex {
  private readonly root: TrieNode = { next: new Map() };
  /** Dense index → parts needing their first group; → parts found in the current reply. */
  private readonly need: Uint8Array;
  private readonly got: Uint8Array;
  private readonly groupSeen: Uint8Array;
  private readonly touched: number[] = [];
  private readonly touchedGroups: number[] = [];
  private readonly patterns: CompiledPattern[] = [];
  /** Dense index → the trie nodes of each further anchor group (one of each group must be marked). */
  private readonly moreGroups: TrieNode[][][] = [];
  /** Dense indices of patterns without anchors: always candidates. */
  private readonly unanchored: number[] = [];
  private scanId = 0;

  constructor(patterns: Iterable<CompiledPattern>) {
    const list = [...patterns];
    this.need = new Uint8Array(list.length);
    this.got = new Uint8Array(list.length);
    this.groupSeen = new Uint8Array(list.length * 32);
    list.forEach((p, d) => {
      this.patterns.push(p);
      const more: TrieNode[][] = [];
      p.anchors.forEach((partGroups, part) => {
        partGroups.forEach((group, g) => {
          if (g === 0) {
            this.need[d]!++;
            for (const anchor of group) (this.node(anchor).keys ??= []).push(d * 32 + part * 4);
          } else {
            more.push(group.map((anchor) => this.node(anchor)));
          }
        });
      });
      this.moreGroups.push(more);
      if (this.need[d] === 0) this.unanchored.push(d);
    });
  }

  /** The trie node of `literal`, created if need be. */
  private node(literal: string): TrieNode {
    let node = this.root;
    for (let i = 0; i < literal.length; i++) {
      const unit = literal.charCodeAt(i);
      let next = node.next.get(unit);
      if (!next) node.next.set(unit, (next = { next: new Map() }));
      node = next;
    }
    return node;
  }

  /** The patterns of this index that can possibly match `text`. */
  candidates(text: string): CompiledPattern[] {
    for (const g of this.touchedGroups) this.groupSeen[g] = 0;
    for (const d of this.touched) this.got[d] = 0;
    this.touchedGroups.length = 0;
    this.touched.length = 0;
    const scan = ++this.scanId;
    for (let i = 0; i < text.length; i++) {
      let node: TrieNode | undefined = this.root;
      for (let j = i; j < text.length; j++) {
        node = node.next.get(text.charCodeAt(j));
        if (!node) break;
        if (node.mark === scan) continue;
        node.mark = scan;
        if (!node.keys) continue;
        for (const k of node.keys) {
          if (this.groupSeen[k]) continue;
          this.groupSeen[k] = 1;
          this.touchedGroups.push(k);
          const d = k >> 5;
          if (this.got[d] === 0) this.touched.push(d);
          this.got[d]!++;
        }
      }
    }
    const out: CompiledPattern[] = [];
    const marked = (n: TrieNode) => n.mark === scan;
    for (const list of [this.unanchored, this.touched]) {
      for (const d of list) {
        if (this.got[d] === this.need[d] && this.moreGroups[d]!.every((group) => group.some(marked))) out.push(this.patterns[d]!);
      }
    }
    return out;
  }
}

/** Index of the span containing `at` (spans are sorted and cover the text). */
function spanIndex(spans: readonly Span[], at: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spans[mid]!.start <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function allMatches(re: RegExp, text: string): Span[] {
  const found: Span[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    found.push({ start: m.index, end: m.index + m[0].length });
  }
  return found;
}

/**
 * Find every match of `pattern` in normalised `text`. `sentences` are sorted [start, end) ranges
 * covering the text; a gap never crosses a sentence end, so single-part patterns run once over
 * the whole text. For `a & b`, every part must match in the same sentence, and the match is the
 * span of the part that comes first in it.
 */
export function findMatches(pattern: CompiledPattern, text: string, sentences: readonly Span[]): Span[] {
  if (pattern.parts.length === 1) return allMatches(pattern.parts[0]!, text);
  // For each part, its first match in each sentence.
  const bySentence = pattern.parts.map((re) => {
    const first = new Map<number, Span>();
    for (const s of allMatches(re, text)) {
      const idx = spanIndex(sentences, s.start);
      if (!first.has(idx)) first.set(idx, s);
    }
    return first;
  });
  const found: Span[] = [];
  for (const idx of [...bySentence[0]!.keys()].sort((a, b) => a - b)) {
    if (!bySentence.every((m) => m.has(idx))) continue;
    found.push(bySentence.map((m) => m.get(idx)!).reduce((a, b) => (b.start < a.start ? b : a)));
  }
  return found;
}
