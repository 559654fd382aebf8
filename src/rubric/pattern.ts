import { foldText } from '../text/normalize.ts';
import { CLASS_MAX, classRanges, compileMatcher, GAP_CHARS, isWordChar, SENTENCE_END, type PartMatcher } from './matcher.ts';

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
  /** How many `&`-joined parts; every part must match inside one sentence. */
  readonly partCount: number;
  /** Every match of part `part` in `text`, leftmost first and not overlapping, as a global regex finds them. */
  matchPart(part: number, text: string): Span[];
  /**
   * For each part, groups of literals: the text must contain at least one literal of every group
   * (no groups: no filter). Checked before any regex runs; most patterns are ruled out this way.
   */
  readonly anchors: readonly (readonly (readonly string[])[])[];
}

export class PatternError extends Error {}

let nextPatternId = 0;

const WORD = '[a-z0-9]';

export type Node =
  | { kind: 'lit'; text: string; star: boolean }
  | { kind: 'class'; body: string; plus: boolean }
  | { kind: 'alt'; options: Node[][]; optional: boolean }
  | { kind: 'gap' };

/** Characters with a meaning in the pattern language; anything else is literal text. */
const PATTERN_SPECIAL = '()|?{}\\[~*';

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
      if (classRanges(body).some(([lo, hi]) => lo > hi)) throw new PatternError(`character range out of order in [${body}] in pattern "${src}"`);
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
      // A run of plain characters at once: building the literal a character at a time was a
      // sixth of what validating a scenario allocates.
      const start = pos.i++;
      while (pos.i < src.length && !PATTERN_SPECIAL.includes(src[pos.i]!)) pos.i++;
      lit += src.slice(start, pos.i);
    }
  }
  flush(false);
  return seq;
}

const SPECIAL = /[.*+?^${}()|[\]\\\/-]/g;

/**
 * A literal as regex source. A space matches one space or none; next to a word character it
 * also asserts the word's edge, so `(very|so)? sorry` cannot match inside "unsorry". Between two
 * words ("tell me") the edges leave exactly one space, so that is what is written: the same
 * matches from a much smaller regex, which V8 compiles several times faster.
 */
function literal(text: string): string {
  if (!text.includes(' ')) return text.replace(SPECIAL, '\\$&');
  return text
    .split(' ')
    .map((chunk, i, chunks) => {
      if (i === 0) return chunk.replace(SPECIAL, '\\$&');
      const wordBefore = isWordChar(chunks[i - 1]!.slice(-1));
      const wordAfter = isWordChar(chunk[0]);
      const space = wordBefore && wordAfter ? ' ' : `${wordBefore ? `(?!${WORD})` : ''} ?${wordAfter ? `(?<!${WORD})` : ''}`;
      return space + chunk.replace(SPECIAL, '\\$&');
    })
    .join('');
}

function compileSeq(seq: readonly Node[], leftEdge: boolean, rightEdge: boolean): string {
  let out = '';
  seq.forEach((node, i) => {
    const left = i === 0 ? leftEdge : seq[i - 1]!.kind === 'gap';
    const right = i === seq.length - 1 ? rightEdge : seq[i + 1]!.kind === 'gap';
    if (node.kind === 'gap') {
      out += `[^${SENTENCE_END.replace('\n', '\\n')}]{0,${GAP_CHARS}}?`;
    } else if (node.kind === 'class') {
      // Bounded repetition keeps matching linear.
      out += `[${node.body.replace(/^\^/, '\\^')}]${node.plus ? `{1,${CLASS_MAX}}` : ''}`;
    } else if (node.kind === 'lit') {
      if (left && isWordChar(node.text[0])) out += `(?<!${WORD})`;
      out += literal(node.text);
      if (node.star) out += "[a-z0-9']*";
      else if (right && isWordChar(node.text[node.text.length - 1])) out += `(?!${WORD})`;
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
    let longest = '';
    for (const chunk of node.text.split(' ')) if (chunk.length > longest.length) longest = chunk;
    return longest ? [longest] : [];
  }
  if (node.kind === 'alt' && !node.optional) {
    const literals = new Set<string>();
    for (const option of node.options) {
      const best = anchorGroups(option)[0];
      if (!best) return [];
      for (const a of best.group) literals.add(a);
    }
    return [...literals];
  }
  return [];
}

/** A group's selectivity: longer literals are rarer; many alternatives are likelier to occur. */
function selectivity(group: readonly string[]): number {
  let shortest = Infinity;
  for (const a of group) shortest = Math.min(shortest, a.length);
  return shortest * 10 - group.length * 0.3;
}

/** The anchor groups of `seq` with their selectivity, most selective first (stable). */
function anchorGroups(seq: readonly Node[]): { group: string[]; selectivity: number }[] {
  const groups: { group: string[]; selectivity: number }[] = [];
  for (const node of seq) {
    const group = nodeAnchors(node);
    if (group.length > 0) groups.push({ group, selectivity: selectivity(group) });
  }
  return groups.length > 1 ? groups.sort((x, y) => y.selectivity - x.selectivity) : groups;
}

/**
 * Up to three anchor groups for `seq`, most selective first: every match of `seq` contains at
 * least one literal from each group.
 */
export function seqAnchors(seq: readonly Node[]): string[][] {
  return anchorGroups(seq)
    .slice(0, 3)
    .map((g) => g.group);
}

/** What a pattern source compiles to, apart from its identity: shared by every compile of it. */
interface Recipe {
  readonly parts: readonly (readonly Node[])[];
  /** Built when first compiled (a validator only parses). */
  anchors?: readonly (readonly (readonly string[])[])[];
  /** How often its parts have been run; past `REGEX_AFTER_RUNS` the regexes take over. */
  runs: number;
  matchers?: readonly PartMatcher[];
  regexes?: readonly RegExp[];
}

/**
 * Runs on the walking matcher before a pattern gets its regexes. V8 needs 30–90 µs to compile one
 * of these regexes, about as long as a dozen runs of the matcher; once compiled, a regex runs in
 * about a microsecond. Rubric patterns, run on every reply, soon cross this line; a scenario's
 * own patterns, checked once by `dojo validate`, mostly never do.
 */
const REGEX_AFTER_RUNS = 16;

/**
 * Recipes by pattern source. The validator parses every pattern of a scenario and then compiles
 * them all, and the Author screen re-checks a scenario on every keystroke: each source is parsed
 * once. Bounded (a recipe with its matcher is a few kilobytes; a scenario has about 60 patterns)
 * and cleared when full: `dojo validate` on a thousand files must not keep them all.
 */
let recipes = new Map<string, Recipe>();
const RECIPES_MAX = 4_000;

function recipeOf(source: string): Recipe {
  let recipe = recipes.get(source);
  if (!recipe) {
    const parts = parseParts(source);
    if (recipes.size >= RECIPES_MAX) recipes.clear();
    recipes.set(source, (recipe = { parts, runs: 0 }));
  }
  return recipe;
}

/** Forget every remembered pattern parse (benchmarks use it so each file is compiled afresh). */
export function clearPatternCache(): void {
  recipes = new Map();
}

/** A compiled pattern: a parsed recipe with an identity of its own, for the anchor index. */
class SharedRecipePattern implements CompiledPattern {
  readonly id = nextPatternId++;
  readonly partCount: number;
  constructor(
    readonly source: string,
    private readonly recipe: Recipe,
  ) {
    this.partCount = recipe.parts.length;
  }
  get anchors() {
    return (this.recipe.anchors ??= this.recipe.parts.map(seqAnchors));
  }
  matchPart(part: number, text: string): Span[] {
    const recipe = this.recipe;
    if (recipe.regexes || ++recipe.runs > REGEX_AFTER_RUNS) {
      recipe.regexes ??= recipe.parts.map(partRegex);
      return allMatches(recipe.regexes[part]!, text);
    }
    recipe.matchers ??= recipe.parts.map((seq, i) => compileMatcher(seq, this.anchors[i]![0]));
    const found = recipe.matchers[part]!(text);
    if (found) return found;
    // Too much backtracking for the walking matcher on this text: the regex takes over for good.
    recipe.regexes = recipe.parts.map(partRegex);
    return allMatches(recipe.regexes[part]!, text);
  }
}

/** The regex a pattern part runs as once hot (the walking matcher must agree with it exactly). */
export function partRegex(seq: readonly Node[]): RegExp {
  return new RegExp(compileSeq(seq, true, true), 'g');
}

/** Compile one pattern; throws PatternError with a readable message when it is malformed. */
export function compilePattern(source: string): CompiledPattern {
  return new SharedRecipePattern(source, recipeOf(source));
}

/**
 * Parse a pattern into its `&`-joined parts, throwing PatternError where `compilePattern` would:
 * every author mistake is found here, so a checker need not build the regexes.
 */
export function parsePattern(source: string): readonly (readonly Node[])[] {
  return recipeOf(source).parts;
}

function parseParts(source: string): Node[][] {
  const folded = foldText(source).replace(/ +/g, ' ');
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
  /** For an `a & b` match: where each part matched (the span itself is the earliest part). */
  parts?: readonly Span[];
}

const MAX_PARTS = 8;

/**
 * Every anchor literal of a set of patterns in one trie. One pass over a reply marks every trie
 * node it reaches, i.e. every anchor literal that occurs; a pattern is a candidate when its most
 * selective anchor group (the one that carries keys) is satisfied and every other group has a
 * marked literal. The trie lives in typed arrays and one open-addressing edge table (node 0 is
 * the root): the scan runs once per reply and pattern set, so it must not allocate or chase
 * object shapes.
 */
export class AnchorIndex {
  /** Every edge of the trie, (node, code unit) → child; the root is node 0. */
  private readonly edges: EdgeTable;
  private readonly hasChildren: number[] = [0];
  /** Node → keys (dense pattern index × 32 + part × 4) of the pattern parts its literal satisfies. */
  private readonly keysOf: (number[] | undefined)[] = [undefined];
  /** Node → the scan that last reached it: its literal occurs in that reply. */
  private readonly mark: Int32Array;
  /** Dense index → parts needing their first group; → parts found in the current reply. */
  private readonly need: Uint8Array;
  private readonly got: Uint8Array;
  private readonly groupSeen: Uint8Array;
  private readonly touched: number[] = [];
  private readonly touchedGroups: number[] = [];
  private readonly patterns: CompiledPattern[] = [];
  /** Dense index → the nodes of each further anchor group (one of each group must be marked). */
  private readonly moreGroups: number[][][] = [];
  /** Dense indices of patterns without anchors: always candidates. */
  private readonly unanchored: number[] = [];
  private scanId = 0;

  constructor(patterns: Iterable<CompiledPattern>) {
    const list = [...patterns];
    // Edges while the trie is built, keyed by node × 0x10000 + code unit; frozen for scanning below.
    const building = new Map<number, number>();
    this.need = new Uint8Array(list.length);
    this.got = new Uint8Array(list.length);
    this.groupSeen = new Uint8Array(list.length * 32);
    list.forEach((p, d) => {
      this.patterns.push(p);
      const more: number[][] = [];
      p.anchors.forEach((partGroups, part) => {
        partGroups.forEach((group, g) => {
          if (g === 0) {
            this.need[d]!++;
            for (const anchor of group) {
              const node = this.node(anchor, building);
              (this.keysOf[node] ??= []).push(d * 32 + part * 4);
            }
          } else {
            more.push(group.map((anchor) => this.node(anchor, building)));
          }
        });
      });
      this.moreGroups.push(more);
      if (this.need[d] === 0) this.unanchored.push(d);
    });
    this.mark = new Int32Array(this.keysOf.length);
    this.edges = new EdgeTable(building);
  }

  /** The trie node of `literal`, created in `building` if need be. */
  private node(literal: string, building: Map<number, number>): number {
    let node = 0;
    for (let i = 0; i < literal.length; i++) {
      const unit = literal.charCodeAt(i);
      let next = building.get(node * 0x10000 + unit) ?? 0;
      if (next === 0) {
        next = this.keysOf.length;
        this.keysOf.push(undefined);
        this.hasChildren.push(0);
        building.set(node * 0x10000 + unit, next);
        this.hasChildren[node] = 1;
      }
      node = next;
    }
    return node;
  }

  /** The patterns of this index that can possibly match `text`. */
  candidates(text: string): CompiledPattern[] {
    const { mark, keysOf, edges, hasChildren, groupSeen, got, touched, touchedGroups } = this;
    for (const g of touchedGroups) groupSeen[g] = 0;
    for (const d of touched) got[d] = 0;
    touchedGroups.length = 0;
    touched.length = 0;
    const scan = ++this.scanId;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      let node = edges.get(0, text.charCodeAt(i));
      let j = i;
      while (node !== 0) {
        if (mark[node] !== scan) {
          mark[node] = scan;
          const keys = keysOf[node];
          if (keys !== undefined) {
            for (const k of keys) {
              if (groupSeen[k]) continue;
              groupSeen[k] = 1;
              touchedGroups.push(k);
              const d = k >> 5;
              if (got[d] === 0) touched.push(d);
              got[d]!++;
            }
          }
        }
        if (hasChildren[node] === 0 || ++j >= n) break;
        node = edges.get(node, text.charCodeAt(j));
      }
    }
    const out: CompiledPattern[] = [];
    for (const list of [this.unanchored, touched]) {
      for (const d of list) {
        if (got[d] === this.need[d] && this.othersMarked(d, scan)) out.push(this.patterns[d]!);
      }
    }
    return out;
  }

  /** Has every further anchor group of pattern `d` a literal reached by scan `scan`? */
  private othersMarked(d: number, scan: number): boolean {
    for (const group of this.moreGroups[d]!) {
      let found = false;
      for (const node of group) {
        if (this.mark[node] === scan) {
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
    return true;
  }
}

/**
 * A trie's edges (node, code unit) → child, frozen into an open-addressing table: a lookup is a
 * multiply and a probe or two, several times cheaper than a Map on the scan's hottest line.
 */
class EdgeTable {
  private readonly nodes: Int32Array;
  private readonly units: Uint16Array;
  private readonly children: Int32Array;
  private readonly shift: number;
  private readonly mask: number;

  constructor(edges: ReadonlyMap<number, number>) {
    let bits = 4;
    while (1 << bits < edges.size * 2) bits++;
    this.nodes = new Int32Array(1 << bits).fill(-1);
    this.units = new Uint16Array(1 << bits);
    this.children = new Int32Array(1 << bits);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    for (const [key, child] of edges) {
      const node = Math.floor(key / 0x10000);
      const unit = key % 0x10000;
      let h = this.slot(node, unit);
      while (this.nodes[h] !== -1) h = (h + 1) & this.mask;
      this.nodes[h] = node;
      this.units[h] = unit;
      this.children[h] = child;
    }
  }

  private slot(node: number, unit: number): number {
    return Math.imul(node * 0x10000 + unit, 0x9e3779b1) >>> this.shift;
  }

  /** The child of `node` along `unit`, or 0 (the root is never a child). */
  get(node: number, unit: number): number {
    for (let h = this.slot(node, unit); ; h = (h + 1) & this.mask) {
      const at = this.nodes[h]!;
      if (at === node && this.units[h] === unit) return this.children[h]!;
      if (at === -1) return 0;
    }
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
 * span of the part that comes first in it, with every part's span in `parts`.
 */
export function findMatches(pattern: CompiledPattern, text: string, sentences: readonly Span[]): Span[] {
  if (pattern.partCount === 1) return pattern.matchPart(0, text);
  // For each part, its first match in each sentence.
  const bySentence = Array.from({ length: pattern.partCount }, (_, part) => {
    const first = new Map<number, Span>();
    for (const s of pattern.matchPart(part, text)) {
      const idx = spanIndex(sentences, s.start);
      if (!first.has(idx)) first.set(idx, s);
    }
    return first;
  });
  const found: Span[] = [];
  for (const idx of [...bySentence[0]!.keys()].sort((a, b) => a - b)) {
    if (!bySentence.every((m) => m.has(idx))) continue;
    const parts = bySentence.map((m) => m.get(idx)!);
    const first = parts.reduce((a, b) => (b.start < a.start ? b : a));
    found.push({ start: first.start, end: first.end, parts });
  }
  return found;
}
