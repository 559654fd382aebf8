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
  readonly source: string;
  /** Every part must match inside one sentence. */
  readonly parts: readonly RegExp[];
  /** A literal each part must contain; checked with `includes` before running the regex. */
  readonly anchors: readonly string[];
}

export class PatternError extends Error {}

const GAP_CHARS = 20;
const SENTENCE_BREAK = '。.!?;\\n';
const WORD = '[a-z0-9]';

type Node =
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

/** The longest literal that every match of `seq` must contain (for the includes() prefilter). */
function anchorOf(seq: Node[]): string {
  let best = '';
  for (const node of seq) {
    if (node.kind !== 'lit') continue;
    for (const chunk of node.text.split(' ')) if (chunk.length > best.length) best = chunk;
  }
  return best;
}

/** Compile one pattern; throws PatternError with a readable message when it is malformed. */
export function compilePattern(source: string): CompiledPattern {
  const folded = foldChars(source).chars.join('').replace(/ +/g, ' ');
  const parts = folded.split('&').map((p) => p.trim());
  if (parts.some((p) => p.length === 0)) throw new PatternError(`empty part in pattern "${source}"`);
  const regexes: RegExp[] = [];
  const anchors: string[] = [];
  for (const part of parts) {
    const seq = parseSeq(part, { i: 0 }, 0);
    if (seq.length === 0 || seq.every((n) => n.kind === 'gap')) throw new PatternError(`empty pattern "${source}"`);
    if (seq[0]!.kind === 'gap' || seq[seq.length - 1]!.kind === 'gap') {
      throw new PatternError(`pattern "${source}" cannot start or end with ~`);
    }
    regexes.push(new RegExp(compileSeq(seq, true, true), 'g'));
    anchors.push(anchorOf(seq));
  }
  return { source, parts: regexes, anchors };
}

export interface Span {
  start: number;
  end: number;
}

/**
 * Find every match of `pattern` in normalised `text`, restricted to sentences. `sentences` are
 * [start, end) ranges covering the text. Returns the span of each match (for `&`, from the first
 * part's start to the last part's end).
 */
export function findMatches(pattern: CompiledPattern, text: string, sentences: readonly Span[]): Span[] {
  for (const anchor of pattern.anchors) if (anchor && !text.includes(anchor)) return [];
  const found: Span[] = [];
  for (const sentence of sentences) {
    const slice = text.slice(sentence.start, sentence.end);
    // For `a & b`, the match is the earliest part's own span: the sentence is evidence enough.
    let first: Span | undefined;
    let all = true;
    for (const re of pattern.parts) {
      re.lastIndex = 0;
      const m = re.exec(slice);
      if (!m) {
        all = false;
        break;
      }
      if (!first || m.index < first.start) first = { start: m.index, end: m.index + m[0].length };
    }
    if (!all || !first) continue;
    if (pattern.parts.length > 1) {
      found.push({ start: sentence.start + first.start, end: sentence.start + first.end });
      continue;
    }
    // Single-part patterns: every occurrence counts (repetition is judged later).
    const re = pattern.parts[0]!;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(slice)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      found.push({ start: sentence.start + m.index, end: sentence.start + m.index + m[0].length });
    }
  }
  return found;
}
