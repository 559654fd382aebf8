import { normalizeText, originalSlice, type NormalizedText } from '../text/normalize.ts';
import { addWordPairs } from '../text/content.ts';
import type { FlagId, SignalId } from '../scenario/schema.ts';
import type { CompiledNegation, CompiledRubric, CompiledScenario, PatternOwners } from './compile.ts';
import { isWordChar, SENTENCE_END } from './matcher.ts';
import { findMatches, type AnchorIndex, type CompiledPattern, type Span } from './pattern.ts';
import { numberCount, personCounts } from './wording.ts';

/** One thing the rubric noticed in a reply, with the trainee's own words as evidence. */
export interface Hit {
  readonly start: number;
  readonly end: number;
  readonly evidence: string;
}

export interface SignalHit extends Hit {
  readonly id: SignalId;
  /** 1 for a sincere phrasing, less for a stock phrase. */
  readonly strength: number;
  /** Weakened because the promise was handed to somebody else ("会有同事联系您"). */
  readonly handedOff?: true;
}

export interface FlagHit extends Hit {
  readonly id: FlagId;
  /** A graver form of the flag (its severe cap applies). */
  readonly severe: boolean;
  /** `lexicon`, or `forbidden:<id>` when a scenario's forbidden move raised it. */
  readonly source: string;
}

/** What one agent reply contains, before any judgement across turns. */
export interface TurnDetection {
  readonly signals: readonly SignalHit[];
  /** Signal phrases cancelled by a negation shortly before them ("我不会道歉"). */
  readonly negated: readonly SignalHit[];
  readonly flags: readonly FlagHit[];
  readonly keyPoints: readonly (Hit & { id: string })[];
  readonly factsAsked: readonly string[];
  /** Many short clauses that are little but stock phrases. */
  readonly salad: boolean;
  readonly truncated: boolean;
  readonly clauseCount: number;
  /** Distinct pairs of neighbouring words (src/text/content.ts), for the thin-reply scaling. */
  readonly wordPairs: ReadonlySet<string>;
  /**
   * How the reply is worded (wording.ts), in its distinct content clauses: "I" and "we" said,
   * numbers given. Quotes and courtesy-only clauses ("I'm so sorry") are left out.
   */
  readonly singular: number;
  readonly plural: number;
  readonly numbers: number;
}

export { SENTENCE_END };
/** Characters that end a clause in normalised text (a sentence end, or a comma, colon, dash…). */
export const CLAUSE_END = `${SENTENCE_END},、:—–…`;
const EVIDENCE_MAX = 80;

/**
 * Split text into [start, end) spans at boundary characters. Each span keeps its closing
 * punctuation, so a pattern can see the question mark that ends a question.
 */
export function splitSpans(text: string, boundaries: string): Span[] {
  const isBoundary = boundaryTable(boundaries);
  const spans: Span[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (isBoundary[text.charCodeAt(i)] === 1) {
      if (i > start) spans.push({ start, end: i + 1 });
      start = i + 1;
    }
  }
  if (text.length > start) spans.push({ start, end: text.length });
  return spans;
}

/** One flag per UTF-16 unit for a set of boundary characters (there are two sets, each built once). */
const boundaryTables = new Map<string, Uint8Array>();
function boundaryTable(boundaries: string): Uint8Array {
  let table = boundaryTables.get(boundaries);
  if (!table) {
    table = new Uint8Array(0x10000);
    for (let i = 0; i < boundaries.length; i++) table[boundaries.charCodeAt(i)] = 1;
    boundaryTables.set(boundaries, table);
  }
  return table;
}

function containing(spans: readonly Span[], at: number): Span {
  for (const s of spans) if (at >= s.start && at < s.end) return s;
  return { start: at, end: at };
}

/** The sentence around a match, in the trainee's own words, shortened around the match if long. */
function evidenceFor(n: NormalizedText, sentences: readonly Span[], span: Span): string {
  const sentence = containing(sentences, span.start);
  let from = sentence.start;
  let to = Math.max(sentence.end, span.end);
  if (to - from > EVIDENCE_MAX) {
    from = Math.max(from, span.start - 20);
    to = Math.min(to, Math.max(span.end, from + EVIDENCE_MAX));
  }
  const quote = originalSlice(n, from, to).trim().replace(/[。.!?;！？；]+$/u, '');
  return (from > sentence.start ? '…' : '') + quote + (to < sentence.end ? '…' : '');
}

/** Is the match at `start` negated by a negator shortly before it in the same clause? */
export function isNegated(text: string, clauseStart: number, start: number, negation: CompiledNegation): boolean {
  const window = text.slice(Math.max(clauseStart, start - 60), start);
  // Most matches have no negator nearby at all: skip the exemption work for them.
  if (!negation.zh.some((w) => window.includes(w)) && !negation.enAny.test(window)) {
    return false;
  }
  let before = text.slice(clauseStart, start);
  for (const compound of negation.notNegators) before = before.split(compound).join('\u0001');
  // Chinese: a negator word within the last few characters.
  const zhWindow = before.slice(-negation.window.zh);
  if (negation.zh.some((w) => zhWindow.includes(w))) return true;
  // English: a negator among the last few words, after any fresh promise: in "if it doesn't
  // turn up, we'll refund it" the refund is not negated.
  const words = before.split(/[^a-z0-9']+/).filter(Boolean).slice(-negation.window.en);
  const scope = words.slice(lastPromiseStart(words) + 1);
  return scope.some((w) => negation.en.has(w) || w.endsWith("n't"));
}

/** Index of the last word that starts a new promise ("i'll", "we will", "then"), or -1. */
function lastPromiseStart(words: readonly string[]): number {
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i]!;
    if (w === "i'll" || w === "we'll" || w === 'then') return i;
    if (w === 'will' && (words[i - 1] === 'i' || words[i - 1] === 'we')) return i;
  }
  return -1;
}

/**
 * Run every pattern that can possibly match (the index rules out the rest) and file the matches
 * under the list that owns the pattern, so each signal or flag just reads its own lists.
 */
function matchAll(index: AnchorIndex, owners: PatternOwners, text: string, sentences: readonly Span[]) {
  const lists = new Map<readonly CompiledPattern[], Span[]>();
  for (const p of index.candidates(text)) {
    const spans = findMatches(p, text, sentences);
    if (spans.length === 0) continue;
    const owner = owners.get(p.id)!;
    const list = lists.get(owner);
    if (list) list.push(...spans);
    else lists.set(owner, spans);
  }
  return (patterns: readonly CompiledPattern[]): Span[] => lists.get(patterns) ?? [];
}

/**
 * Keep one span per overlapping group, so a phrase matched by two patterns counts once. Among
 * spans starting together the longer (more specific) wins: "抱歉给您带来不便" is a stock phrase,
 * not the sincere "抱歉" it begins with.
 */
function dedupe<T extends Span & { strength?: number }>(hits: T[]): T[] {
  const sorted = [...hits].sort(
    (a, b) => a.start - b.start || b.end - a.end || (b.strength ?? 1) - (a.strength ?? 1),
  );
  const out: T[] = [];
  for (const h of sorted) {
    const last = out[out.length - 1];
    if (last && h.start < last.end) continue;
    out.push(h);
  }
  return out;
}

/**
 * Detect signals, red flags, key points and fact questions in one agent reply. Pure: the
 * same text, rubric and scenario always give the same result.
 */
export function detectTurn(
  rawText: string,
  rubric: CompiledRubric,
  scenario: CompiledScenario | undefined,
): TurnDetection {
  // The dialogue engine and the scorer read the same replies (every step, then the report): a
  // reply is detected once per rubric and scenario. Results are never mutated, so sharing is safe.
  if (rawText.length > CACHE_MAX_CHARS) return detectTurnNow(rawText, rubric, scenario);
  let byScenario = detectionCache.get(rubric);
  if (!byScenario) detectionCache.set(rubric, (byScenario = new WeakMap()));
  const key = scenario ?? NO_SCENARIO;
  let cache = byScenario.get(key);
  if (!cache) byScenario.set(key, (cache = new Map()));
  let d = cache.get(rawText);
  if (!d) {
    if (cache.size >= CACHE_MAX_ENTRIES) cache.clear();
    cache.set(rawText, (d = detectTurnNow(rawText, rubric, scenario)));
  }
  return d;
}

let detectionCache = new WeakMap<CompiledRubric, WeakMap<object, Map<string, TurnDetection>>>();

/** Forget every remembered detection (benchmarks use it so each measured run detects afresh). */
export function clearDetectionCache(): void {
  detectionCache = new WeakMap();
}
const NO_SCENARIO = {};
const CACHE_MAX_ENTRIES = 512;
const CACHE_MAX_CHARS = 8000;

function detectTurnNow(
  rawText: string,
  rubric: CompiledRubric,
  scenario: CompiledScenario | undefined,
): TurnDetection {
  const max = rubric.data.scoring.max_reply_chars;
  const truncated = rawText.length > max;
  const normalized = normalizeText(truncated ? rawText.slice(0, max) : rawText);
  // Matching sees quoted words blanked out; evidence still quotes the original text.
  const n: NormalizedText = { ...normalized, text: maskQuotes(normalized.text) };
  const text = n.text;
  const sentences = splitSpans(text, SENTENCE_END);
  const clauses = splitSpans(text, CLAUSE_END);
  const scan = matchAll(rubric.anchors, rubric.owners, text, sentences);
  const negatedAt = (span: Span) => isNegated(text, containing(clauses, span.start).start, span.start, rubric.negation);
  const evidenceAt = (span: Span) => evidenceFor(n, sentences, span);
  const hit = (span: Span): Hit => ({ start: span.start, end: span.end, evidence: evidenceAt(span) });

  // Clauses where the trainee hands the promise to somebody else ("会有同事联系您").
  const handoffClauses = scan(rubric.handoff.patterns)
    .filter((s) => !negatedAt(s))
    .map((s) => containing(clauses, s.start));
  const inHandoffClause = (s: Span) => handoffClauses.some((c) => s.start >= c.start && s.start < c.end);
  const handedOff = (id: SignalId, s: Span) => rubric.handoff.weakens.has(id) && inHandoffClause(s);

  const signals: SignalHit[] = [];
  const negated: SignalHit[] = [];
  for (const signal of rubric.signals) {
    const def = signal.def;
    const strong = scan(signal.strong);
    const weak = scan(signal.weak);
    if (strong.length === 0 && weak.length === 0) continue;
    // A stock or hedged phrasing on any part of an `a & b` match makes the whole match weak:
    // in "一般三到五个工作日会联系您,应该下周能上门" the time is hedged wherever the verb is.
    // So is a firm word inside a hedged phrase: the 马上 of "一有消息马上通知您".
    const hedged = (s: Span) =>
      s.parts !== undefined
        ? s.parts.some((p) => weak.some((w) => w.start < p.end && p.start < w.end))
        : weak.some((w) => w.start <= s.start && s.end <= w.end);
    const found = [
      ...strong.map((s) => ({ start: s.start, end: s.end, strength: hedged(s) ? def.weak_strength : 1 })),
      ...weak.map((s) => ({ start: s.start, end: s.end, strength: def.weak_strength })),
    ];
    // Decide negation before collapsing overlaps, so a negated reading cannot hide a plain one.
    const live = found.filter(outsideOf(scan(signal.except)));
    const plain = dedupe(live.filter((s) => !negatedAt(s)));
    const overlapsPlain = (s: Span) => plain.some((p) => p.start < s.end && s.start < p.end);
    const negatedOnly = dedupe(live.filter((s) => negatedAt(s) && !overlapsPlain(s)));
    for (const s of [...plain, ...negatedOnly]) {
      const heardAsBut = def.kind === 'courtesy' && followedByBut(text, containing(sentences, s.start), s.end, rubric.negation.butWords);
      let strength = heardAsBut ? Math.min(s.strength, rubric.data.scoring.but_strength) : s.strength;
      const handed = handedOff(def.id, s) && strength > rubric.data.scoring.handoff_strength;
      if (handed) strength = rubric.data.scoring.handoff_strength;
      const h: SignalHit = { start: s.start, end: s.end, evidence: evidenceAt(s), id: def.id, strength, ...(handed ? { handedOff: true as const } : {}) };
      (plain.includes(s) ? signals : negated).push(h);
    }
  }

  const flags: FlagHit[] = [];
  for (const flag of rubric.flags) {
    const def = flag.def;
    const severe = scan(flag.severe);
    const plainFlags = scan(flag.patterns);
    if (severe.length === 0 && plainFlags.length === 0) continue;
    const found = [...severe.map((s) => ({ ...s, strength: 2 })), ...plainFlags.map((s) => ({ ...s, strength: 1 }))];
    const live = found.filter(outsideOf(scan(flag.except)));
    for (const s of dedupe(live.filter((x) => !def.negatable || !negatedAt(x)))) {
      flags.push({ ...hit(s), id: def.id, source: 'lexicon', severe: s.strength === 2 });
    }
  }
  const keyPoints: (Hit & { id: string })[] = [];
  const factsAsked: string[] = [];
  if (scenario) {
    const own = matchAll(scenario.anchors, scenario.owners, text, sentences);
    for (const f of scenario.forbidden) {
      const live = own(f.patterns).filter(outsideOf(own(f.except)));
      for (const s of dedupe(live.filter((x) => !negatedAt(x)))) {
        flags.push({ ...hit(s), id: f.flag, source: `forbidden:${f.id}`, severe: false });
      }
    }
    for (const k of scenario.keyPoints) {
      // A key point met only in a clause handed to somebody else is not the trainee's.
      const first = dedupe(own(k.patterns).filter((s) => !negatedAt(s) && !inHandoffClause(s)))[0];
      if (first) keyPoints.push({ ...hit(first), id: k.id });
    }
    for (const f of scenario.facts) {
      if (own(f.patterns).some((s) => !negatedAt(s))) factsAsked.push(f.id);
    }
  }

  const heard = [...signals, ...negated];
  const content = contentClauses(clauses, heard, rubric.courtesy);
  const said = contentText(text, content);
  return {
    signals: signals.sort((a, b) => a.start - b.start),
    negated,
    flags: flags.sort((a, b) => a.start - b.start),
    keyPoints,
    factsAsked,
    salad: isSalad(text, clauses, heard, rubric.data.scoring.salad_coverage),
    truncated,
    clauseCount: clauses.length,
    wordPairs: contentPairs(text, content),
    ...personCounts(said),
    numbers: numberCount(said),
  };
}

/**
 * The clauses that say something: a clause whose only signals are courtesy (an apology, thanks,
 * "I understand") adds nothing, so repeating or varying one cannot make a reply look fuller.
 */
function contentClauses(clauses: readonly Span[], signals: readonly SignalHit[], courtesy: ReadonlySet<SignalId>): Span[] {
  return clauses.filter((c) => {
    const inside = signals.filter((s) => s.start < c.end && s.end > c.start);
    return inside.length === 0 || inside.some((s) => !courtesy.has(s.id));
  });
}

/** Word pairs of the content clauses; pairs are taken within a clause, never across two. */
function contentPairs(text: string, content: readonly Span[]): Set<string> {
  const pairs = new Set<string>();
  for (const c of content) addWordPairs(text, c.start, c.end, pairs);
  return pairs;
}

/** The distinct content clauses as one text, for the wording measures: a repeat counts once. */
function contentText(text: string, content: readonly Span[]): string {
  return [...new Set(content.map((c) => text.slice(c.start, c.end)))].join('\n');
}

/**
 * A test that keeps the matches no `except` match overlaps. An `a & b` exception covers the
 * stretch of the sentence its parts span, not only its first part.
 */
function outsideOf(exceptions: readonly Span[]): (s: Span) => boolean {
  const covered = exceptions.map((x) =>
    x.parts ? { start: Math.min(...x.parts.map((p) => p.start)), end: Math.max(...x.parts.map((p) => p.end)) } : x,
  );
  return (s) => !covered.some((x) => x.start < s.end && s.start < x.end);
}

const QUOTE_PAIRS: Record<string, string> = { '"': '"', '“': '”', '「': '」', '『': '』', "'": "'" };
// "您说……", "you said …": what follows, to the end of the clause, is the customer's, not the
// trainee's. "您说得对" (you're right) is the trainee's own words and stays. So is what a third
// party told the customer ("经理让您自己带孩子去医院", "经销商说保修归厂家管", "the manager told you"),
// quoted to disown it.
const REPORTED = /(?:(?<![跟和给对向同])(?:您|你)(?:刚才|刚刚|之前|上次)?(?:说|讲|提到|问|要求)(?![得的对吧声明清]|什么都|啥都|一声|实话)|(?:经理|店长|主管|领班|同事|他|她)(?:刚才|刚刚|之前|当时)?(?:让|叫|告诉|说)(?=您|你)|(?:经理|店长|主管|同事|经销商|厂家|师傅|快递员|前台|维修部|工程部|销售部|他们)(?:刚才|刚刚|之前|当时|也)?(?:说|讲)(?![得的对吧了])|(?<![a-z])(?:you|u) (?:said|mentioned|asked|wanted|say|told me)(?![a-z])|(?<![a-z])(?:manager|he|she|colleague) (?:told|asked) you(?![a-z]))[^。.!?;\n,:—–…]*/g;
const REPORTED_HEAD = /^(.*?(?:说|讲|提到|问|要求|让|叫|告诉|said|mentioned|asked|wanted|say|told me|told you|asked you))(.*)$/s;

/**
 * Words someone else said are blanked out, keeping every index, so "您刚才说“你们必须道歉”" or
 * "you said 'make it go away for a grand'" is not heard as the trainee apologising or promising.
 * A single quote counts as a quotation mark only when it cannot be an apostrophe.
 */
export function maskQuotes(text: string): string {
  // Reported speech keeps its double quotation marks, so a quotation it opens is still masked
  // to its close: in 经理刚才说“自己带孩子去医院,有问题再负责” the words after the comma are his too.
  const blankWords = (s: string) => s.replace(/[^"“”「」『』]/g, '\u3000');
  const masked = text.replace(REPORTED, (m) => m.replace(REPORTED_HEAD, (_, head: string, rest: string) => head + blankWords(rest)));
  let out = '';
  let from = 0;
  const opener = /["“「『']/g;
  for (let m = opener.exec(masked); m !== null; m = opener.exec(masked)) {
    const i = m.index;
    const ch = m[0];
    const apostrophe = ch === "'" && (isWordChar(masked[i - 1]) || masked[i + 1] === ' ' || masked[i + 1] === undefined);
    if (apostrophe) continue;
    const closer = QUOTE_PAIRS[ch]!;
    let j = i + 1;
    while (j < masked.length && !(masked[j] === closer && (closer !== "'" || !isWordChar(masked[j + 1])))) j++;
    // An unclosed quote masks nothing: more likely a stray mark than a long quotation.
    if (j >= masked.length) break;
    out += masked.slice(from, i + 1) + '\u3000'.repeat(j - i - 1) + closer;
    from = j + 1;
    opener.lastIndex = from;
  }
  return out + masked.slice(from);
}

/** Red flags that make a whole turn heard as hostile, cancelling its courtesy. */
const HOSTILE: ReadonlySet<FlagId> = new Set(['blame', 'rude']);

/**
 * The signals a reply is credited with, as a listener hears them: a blaming or rude turn earns
 * nothing for its apology, empathy or thanks, and a salad of stock phrases counts for less.
 */
export function heardSignals(d: TurnDetection, rubric: CompiledRubric): { kept: SignalHit[]; cancelled: boolean; scale: number } {
  const hostile = d.flags.some((f) => HOSTILE.has(f.id));
  const courtesy = rubric.courtesy;
  const scale = d.salad ? rubric.data.scoring.salad_strength : 1;
  const kept = d.signals
    .filter((s) => !(hostile && courtesy.has(s.id)))
    .map((s) => (scale === 1 ? s : { ...s, strength: s.strength * scale }));
  return { kept, cancelled: kept.length < d.signals.length, scale };
}

/** Does a "but" follow position `end` in the same sentence ("理解您的心情,但是……")? */
function followedByBut(text: string, sentence: Span, end: number, butWords: readonly string[]): boolean {
  const rest = text.slice(end, sentence.end);
  return butWords.some((w) => {
    const at = rest.indexOf(w);
    if (at < 0) return false;
    // English words must stand alone ("but", not "button").
    const before = rest[at - 1];
    const after = rest[at + w.length];
    const isLatin = /[a-z]/.test(w);
    return !isLatin || (!/[a-z]/.test(before ?? '') && !/[a-z]/.test(after ?? ''));
  });
}

/** Is this UTF-16 unit a letter or digit (`[\p{L}\p{N}]`)? Memoised per unit: 0 not asked, 1 yes, 2 no. */
const letterMemo = new Uint8Array(0x10000);
function isLetterUnit(unit: number): boolean {
  if (letterMemo[unit] === 0) letterMemo[unit] = /[\p{L}\p{N}]/u.test(String.fromCharCode(unit)) ? 1 : 2;
  return letterMemo[unit] === 1;
}

/**
 * A "salad" is a reply made of many short clauses that are mostly signal phrases, with no
 * sentence around them: "sorry, I understand, thank you, refund, today".
 */
function isSalad(text: string, clauses: readonly Span[], signals: readonly SignalHit[], minCoverage: number): boolean {
  if (clauses.length < 4) return false;
  const distinct = new Set(signals.map((s) => s.id)).size;
  if (distinct < 3) return false;
  // Share of the reply's letters that are inside a signal phrase.
  const covered = new Uint8Array(text.length);
  for (const s of signals) covered.fill(1, s.start, s.end);
  let letters = 0;
  let inside = 0;
  // Unit by unit: a letter outside the basic plane is two units, neither a letter on its own.
  for (let i = 0; i < text.length; i++) {
    if (isLetterUnit(text.charCodeAt(i))) {
      letters++;
      inside += covered[i]!;
    }
  }
  if (letters === 0 || inside / letters < minCoverage) return false;
  const short = clauses.filter((c) => {
    const piece = text.slice(c.start, c.end).trim();
    const words = piece.split(' ').filter(Boolean).length;
    const isLatin = /[a-z]/.test(piece) && !/\p{Script=Han}/u.test(piece);
    return isLatin ? words <= 3 : Array.from(piece).length <= 5;
  }).length;
  return short / clauses.length >= 0.6;
}
