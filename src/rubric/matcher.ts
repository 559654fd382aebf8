import type { Node, Span } from './pattern.ts';

/**
 * A backtracking matcher for one part of a pattern, walking the parsed pattern itself. It finds
 * exactly the matches of the regular expression `compileSeq` builds for the same part (same
 * leftmost start, same alternative and repetition order, same word edges), but needs no regex
 * compile: V8 spends 30–90 µs compiling each of the rubric's long alternations, far more than a
 * few runs of this cost. Patterns start here and move to the regex once they are hot.
 *
 * It returns undefined when a text makes it backtrack more than `STEPS_PER_CHAR` steps a
 * character (repetitions and gaps against a long run of matching text): V8's regex does the same
 * search natively, far faster, so the caller hands the pattern to its regex.
 */
export type PartMatcher = (text: string) => Span[] | undefined;

/** Characters that end a sentence in normalised text: a gap never crosses one. */
export const SENTENCE_END = '。.!?;\n';
/** How far `a ~ b` may reach, and how many characters `[…]+` takes at most. */
export const GAP_CHARS = 20;
export const CLASS_MAX = 12;

/** A step of the match: given the position so far, the end of a whole match, or -1. */
type Step = (pos: number) => number;

// The subject of the match in progress, and the backtracking steps it has left: module-level, so
// no step has to carry them. Matching is synchronous; a matcher restores both when it returns.
let subject = '';
let stepsLeft = 0;

/** Backtracking steps allowed per character of text (real replies need a few). */
const STEPS_PER_CHAR = 64;
const STEPS_MIN = 4096;
const OUT_OF_STEPS = new Error('out of steps');

/** One step of a repetition or gap tried; past the budget, the whole match is given up. */
function spend(): void {
  if (--stepsLeft < 0) throw OUT_OF_STEPS;
}

const isWordUnit = (code: number) => (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
const wordAt = (pos: number) => pos >= 0 && pos < subject.length && isWordUnit(subject.charCodeAt(pos));
/** Is `ch` a word character (`[a-z0-9]`, text being lower-cased), where word edges are drawn? */
export const isWordChar = (ch: string | undefined) => ch !== undefined && isWordUnit(ch.charCodeAt(0));

/**
 * Compile one `&`-part (a parsed sequence) into a function listing its matches, like a global
 * regex. `required` (the part's most selective anchor group) lets it try only starts that can
 * lead to a match: every match contains one of these literals and, unless the part can match a
 * sentence end itself, lies within one sentence, so it starts between that sentence's start and
 * the literal.
 */
export function compileMatcher(seq: readonly Node[], required?: readonly string[]): PartMatcher {
  const root = buildSeq(seq, (pos) => pos, true, true);
  const first = firstUnits(seq, 0);
  const windows = required && required.length > 0 && !canMatchSentenceEnd(seq) ? required : undefined;
  const tryFrom = (start: number, found: Span[]): number => {
    if (first && !first.has(subject.charCodeAt(start))) return start + 1;
    const end = root(start);
    // An empty match is passed over, as the regex scan does.
    if (end <= start) return start + 1;
    found.push({ start, end });
    return end;
  };
  return (text) => {
    const previous = subject;
    const previousSteps = stepsLeft;
    subject = text;
    stepsLeft = STEPS_MIN + STEPS_PER_CHAR * text.length;
    try {
      const found: Span[] = [];
      if (!windows) {
        for (let start = 0; start < text.length; ) start = tryFrom(start, found);
        return found;
      }
      let next = 0;
      for (const at of occurrences(text, windows)) {
        if (at < next) continue;
        for (let start = Math.max(next, sentenceStart(text, at)); start <= at; ) start = next = tryFrom(start, found);
        next = Math.max(next, at + 1);
      }
      return found;
    } catch (e) {
      if (e === OUT_OF_STEPS) return undefined;
      throw e;
    } finally {
      subject = previous;
      stepsLeft = previousSteps;
    }
  };
}

/** Where each of `literals` occurs in `text`, ascending. */
function occurrences(text: string, literals: readonly string[]): number[] {
  const at: number[] = [];
  for (const literal of literals) {
    for (let i = text.indexOf(literal); i >= 0; i = text.indexOf(literal, i + 1)) at.push(i);
  }
  return literals.length > 1 ? at.sort((a, b) => a - b) : at;
}

/** The start of the sentence holding position `at`: just after the last sentence end before it. */
function sentenceStart(text: string, at: number): number {
  let i = at - 1;
  while (i >= 0 && !SENTENCE_END.includes(text[i]!)) i--;
  return i + 1;
}

/** Can a match of `seq` take in a sentence end (a literal "e.g." or a class with "?")? */
function canMatchSentenceEnd(seq: readonly Node[]): boolean {
  return seq.some((node) => {
    if (node.kind === 'lit') return SENTENCE_END_CHAR.test(node.text);
    if (node.kind === 'class') return SENTENCE_END_UNITS.some(classTest(node.body));
    if (node.kind === 'alt') return node.options.some(canMatchSentenceEnd);
    return false;
  });
}
const SENTENCE_END_CHAR = new RegExp(`[${SENTENCE_END}]`);
const SENTENCE_END_UNITS = [...SENTENCE_END].map((ch) => ch.charCodeAt(0));

function buildSeq(seq: readonly Node[], next: Step, leftEdge: boolean, rightEdge: boolean): Step {
  let step = next;
  for (let i = seq.length - 1; i >= 0; i--) {
    const left = i === 0 ? leftEdge : seq[i - 1]!.kind === 'gap';
    const right = i === seq.length - 1 ? rightEdge : seq[i + 1]!.kind === 'gap';
    step = buildNode(seq[i]!, step, left, right);
  }
  return step;
}

function buildNode(node: Node, next: Step, left: boolean, right: boolean): Step {
  switch (node.kind) {
    case 'gap':
      return gap(next);
    case 'class':
      return charClass(node.body, node.plus ? CLASS_MAX : 1, next);
    case 'alt':
      return alternatives(
        node.options.map((o) => (succ: Step) => buildSeq(o, succ, left, right)),
        node.optional,
        next,
      );
    case 'lit': {
      let step = next;
      if (node.star) step = star(step);
      else if (right && isWordChar(node.text[node.text.length - 1])) step = notWordAhead(step);
      step = literal(node.text, step);
      if (left && isWordChar(node.text[0])) step = notWordBehind(step);
      return step;
    }
  }
}

/** A literal: its words, with each space handled as `literal()` in pattern.ts writes it. */
function literal(text: string, next: Step): Step {
  const chunks = text.split(' ');
  let step = next;
  for (let i = chunks.length - 1; i >= 0; i--) {
    const chunk = chunks[i]!;
    if (chunk.length > 0) step = exact(chunk, step);
    if (i === 0) break;
    const wordBefore = isWordChar(chunks[i - 1]!.slice(-1));
    const wordAfter = isWordChar(chunk[0]);
    if (wordBefore && wordAfter) step = exact(' ', step);
    else {
      if (wordAfter) step = notWordBehind(step);
      step = optionalSpace(step);
      if (wordBefore) step = notWordAhead(step);
    }
  }
  return step;
}

const exact = (chunk: string, next: Step): Step => (pos) => (subject.startsWith(chunk, pos) ? next(pos + chunk.length) : -1);
const notWordBehind = (next: Step): Step => (pos) => (wordAt(pos - 1) ? -1 : next(pos));
const notWordAhead = (next: Step): Step => (pos) => (wordAt(pos) ? -1 : next(pos));

/** ` ?`: greedy, so the space is taken when it leads to a match. */
const optionalSpace = (next: Step): Step => (pos) => {
  if (subject.charCodeAt(pos) === 0x20) {
    const end = next(pos + 1);
    if (end >= 0) return end;
  }
  return next(pos);
};

/** `[a-z0-9']*` after a stem: greedy, longest first. */
const star = (next: Step): Step => (pos) => {
  let run = 0;
  for (let c = subject.charCodeAt(pos); isWordUnit(c) || c === 0x27; c = subject.charCodeAt(pos + ++run));
  for (let j = run; j >= 0; j--) {
    spend();
    const end = next(pos + j);
    if (end >= 0) return end;
  }
  return -1;
};

/** `[^。.!?;\n]{0,20}?`: lazy, shortest first, never across a sentence end. */
const gap = (next: Step): Step => (pos) => {
  for (let j = 0; j <= GAP_CHARS; j++) {
    spend();
    const end = next(pos + j);
    if (end >= 0) return end;
    if (pos + j >= subject.length || SENTENCE_END.includes(subject[pos + j]!)) return -1;
  }
  return -1;
};

/** `[body]` or `[body]{1,12}` (greedy), on UTF-16 units as the regex (no `u` flag) sees them. */
function charClass(body: string, max: number, next: Step): Step {
  const inClass = classTest(body);
  return (pos) => {
    let run = 0;
    while (run < max && pos + run < subject.length && inClass(subject.charCodeAt(pos + run))) run++;
    for (let j = run; j >= 1; j--) {
      spend();
      const end = next(pos + j);
      if (end >= 0) return end;
    }
    return -1;
  };
}

/** Ranges of a class body as a regex reads it: `a-z` is a range, a `-` at either end is itself. */
export function classRanges(body: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (let i = 0; i < body.length; i++) {
    const lo = body.charCodeAt(i);
    if (body[i + 1] === '-' && i + 2 < body.length) {
      ranges.push([lo, body.charCodeAt(i + 2)]);
      i += 2;
    } else ranges.push([lo, lo]);
  }
  return ranges;
}

function classTest(body: string): (code: number) => boolean {
  const ranges = classRanges(body);
  return (code) => ranges.some(([lo, hi]) => code >= lo && code <= hi);
}

/**
 * `(?:a|b)` tries each option in order; `(?:a|b)?` then tries skipping the group. As in the
 * regex, an optional group may not match empty (that pass is refused and the next tried).
 */
function alternatives(options: ((succ: Step) => Step)[], optional: boolean, next: Step): Step {
  if (!optional) {
    const steps = options.map((o) => o(next));
    return (pos) => {
      for (const step of steps) {
        const end = step(pos);
        if (end >= 0) return end;
      }
      return -1;
    };
  }
  // Where the group was entered, so an option that consumed nothing can be refused. The pattern
  // has no loops, so the group is never re-entered before this pass is over.
  let entered = -1;
  const steps = options.map((o) => o((pos) => (pos === entered ? -1 : next(pos))));
  return (pos) => {
    const outer = entered;
    entered = pos;
    try {
      for (const step of steps) {
        const end = step(pos);
        if (end >= 0) return end;
      }
    } finally {
      entered = outer;
    }
    return next(pos);
  };
}

/**
 * The UTF-16 units a non-empty match of `seq` (from node `i`) can start with, or undefined when
 * that is hard to say (classes, gaps): a cheap filter on where to try a match at all.
 */
function firstUnits(seq: readonly Node[], i: number): Set<number> | undefined {
  const node = seq[i];
  if (!node) return undefined;
  if (node.kind === 'lit') {
    if (node.text.length === 0 || node.text[0] === ' ') return undefined;
    return new Set([node.text.charCodeAt(0)]);
  }
  if (node.kind !== 'alt') return undefined;
  const units = new Set<number>();
  for (const option of node.options) {
    const first = firstUnits(option, 0);
    if (!first) return undefined;
    for (const u of first) units.add(u);
  }
  if (node.optional) {
    const rest = firstUnits(seq, i + 1);
    if (!rest) return undefined;
    for (const u of rest) units.add(u);
  }
  return units;
}
