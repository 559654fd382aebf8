import type { FlagId, LocalText, Scenario, SignalId, Transcript } from '../scenario/schema.ts';
import { DimensionId, localize } from '../scenario/schema.ts';
import { looksChinese, normalizeText } from '../text/normalize.ts';
import { contentUnits } from '../text/content.ts';
import type { CompiledRubric, CompiledScenario } from './compile.ts';
import { compileScenario } from './compile.ts';
import { calibrate, calibrationInputOf } from './calibrate.ts';
import { detectTurn, heardSignals, type SignalHit, type TurnDetection } from './detect.ts';
import { message, type Lang, type MessageCode } from './messages.ts';
import { customerEcho, firstPersonShare } from './wording.ts';

export interface Feedback {
  readonly code: string;
  readonly kind: 'praise' | 'tip' | 'warning';
  readonly message: string;
  readonly evidence?: string;
}

export interface TurnReport {
  /** Index of the agent's message in the transcript's `turns` array. */
  readonly turn: number;
  readonly signals: { id: SignalId; evidence: string; strength: number }[];
  readonly feedback: Feedback[];
}

export interface ScoreReport {
  readonly scenario: string | null;
  readonly locale: Lang;
  readonly total: number;
  readonly dimensions: Record<DimensionId, number>;
  readonly steps: { id: string; name: string; done: boolean; turn?: number }[];
  readonly flags: { id: FlagId; turn: number; evidence: string; source: string }[];
  readonly key_points: { id: string; text: string; hit: boolean; turn?: number }[];
  readonly turns: TurnReport[];
  readonly advice: string[];
  readonly notices: { code: string; message: string }[];
  /**
   * How the replies are worded (wording.ts), which the calibration weighs: the share of "I"
   * among "I" and "we", the numbers given, and how much of the customer's wording they take up.
   */
  readonly wording: { first_person: number; numbers: number; customer_echo: number };
}

/** Adds a notice to the report, in the report's language. */
type Notice = (code: MessageCode, params?: Record<string, string | number>) => void;

const DIMENSIONS = DimensionId.options;
export interface Scorer {
  /** Score a transcript, optionally against a scenario (adds its key points and forbidden moves). */
  scoreTranscript(transcript: Transcript, scenario?: Scenario): ScoreReport;
}

/**
 * Make a scorer bound to one compiled rubric. Scoring is a pure function of the transcript,
 * the scenario and the rubric: no clock, no randomness, no Intl, so the same transcript gets
 * the same report in Node and in the browser.
 */
export function createScorer(rubric: CompiledRubric): Scorer {
  return {
    scoreTranscript: (transcript, scenario) =>
      scoreWith(rubric, transcript, scenario ? compileScenario(scenario) : undefined),
  };
}

interface Occurrence {
  turn: number;
  start: number;
  hit: SignalHit;
}

/** What the turn-by-turn pass learns, for the dimension and total computations. */
interface TurnJudgement {
  turns: TurnReport[];
  flags: ScoreReport['flags'];
  severe: Set<FlagId>;
  credited: Occurrence[];
  keyPointTurn: Map<string, number>;
  substanceTurns: number;
  hollowApologyTurns: number;
  nonEmptyTurns: number;
  /** Distinct word pairs over all agent turns: how much was said, repeats not counted. */
  wordPairs: Set<string>;
  singular: number;
  plural: number;
  numbers: number;
}

function scoreWith(rubric: CompiledRubric, transcript: Transcript, scenario: CompiledScenario | undefined): ScoreReport {
  const agentText = transcript.turns.flatMap((t) => ('agent' in t ? [t.agent] : [])).join('');
  const lang: Lang = transcript.locale ?? (looksChinese(agentText) ? 'zh' : 'en');
  const notices: { code: string; message: string }[] = [];
  const notice: Notice = (code, params) =>
    notices.push({ code, message: message(code, lang, params) });

  const max = rubric.data.scoring.max_turns;
  let agentIndexes = transcript.turns.flatMap((turn, i) => ('agent' in turn ? [i] : []));
  if (agentIndexes.length > max) {
    agentIndexes = agentIndexes.slice(0, max);
    notice('too_many_turns', { max });
  }
  const judged = judgeTurns(rubric, scenario, transcript, agentIndexes, lang, notice);
  const best = new Map<SignalId, number>();
  for (const o of judged.credited) best.set(o.hit.id, Math.max(best.get(o.hit.id) ?? 0, o.hit.strength));
  const dimensions = dimensionScores(rubric, scenario, best, judged, notice);
  const uncalibrated = totalScore(rubric, dimensions, best, judged, agentIndexes.length, notice);
  const keyPoints = (scenario?.scenario.key_points ?? []).map((k) => {
    const text = localize(k.text, lang);
    const turn = judged.keyPointTurn.get(k.id);
    return turn === undefined ? { id: k.id, text, hit: false } : { id: k.id, text, hit: true, turn };
  });
  const flagIds = [...new Set(judged.flags.map((f) => f.id))];
  const report: ScoreReport = {
    scenario: scenario?.scenario.id ?? null,
    locale: lang,
    total: uncalibrated,
    dimensions,
    steps: stepsFor(rubric, scenario?.scenario.step_model, judged.credited, lang),
    flags: judged.flags,
    key_points: keyPoints,
    turns: judged.turns,
    advice: adviceFor(rubric, best, flagIds, keyPoints, lang),
    notices,
    wording: {
      first_person: round2(firstPersonShare(judged.singular, judged.plural)),
      numbers: judged.numbers,
      customer_echo: round2(customerEcho(customerTexts(transcript, rubric.data.scoring), judged.wordPairs)),
    },
  };
  // Nothing to calibrate when nothing was said.
  if (judged.nonEmptyTurns === 0) return report;
  return { ...report, total: calibrate(calibrationInputOf(report), rubric.data.scoring.calibration) };
}

/** The customer's lines, normalised and each cut to the length a reply is cut to. */
function customerTexts(transcript: Transcript, scoring: CompiledRubric['data']['scoring']): string[] {
  return transcript.turns
    .flatMap((t) => ('customer' in t ? [t.customer] : []))
    .slice(0, scoring.max_turns)
    .map((text) => normalizeText(text.slice(0, scoring.max_reply_chars)).text);
}

/** Judge each agent turn: its signals, flags, key points and feedback. */
function judgeTurns(
  rubric: CompiledRubric,
  scenario: CompiledScenario | undefined,
  transcript: Transcript,
  agentIndexes: number[],
  lang: Lang,
  notice: Notice,
): TurnJudgement {
  const { data } = rubric;
  const scoring = data.scoring;
  const say = (code: MessageCode, params?: Record<string, string | number>) => message(code, lang, params);
  const t = (text: LocalText) => localize(text, lang);
  const signalDef = new Map(data.signals.map((s) => [s.id, s]));
  const flagDef = new Map(data.flags.map((f) => [f.id, f]));
  const j: TurnJudgement = {
    turns: [],
    flags: [],
    severe: new Set(),
    credited: [],
    keyPointTurn: new Map(),
    substanceTurns: 0,
    hollowApologyTurns: 0,
    nonEmptyTurns: 0,
    wordPairs: new Set(),
    singular: 0,
    plural: 0,
    numbers: 0,
  };

  for (const index of agentIndexes) {
    const text = (transcript.turns[index] as { agent: string }).agent;
    const feedback: Feedback[] = [];
    if (text.trim().length === 0) {
      notice('empty_reply', { turn: index });
      j.turns.push({ turn: index, signals: [], feedback });
      continue;
    }
    j.nonEmptyTurns++;
    const d: TurnDetection = detectTurn(text, rubric, scenario);
    if (d.truncated) notice('truncated', { turn: index, max: scoring.max_reply_chars });
    for (const p of d.wordPairs) j.wordPairs.add(p);
    j.singular += d.singular;
    j.plural += d.plural;
    j.numbers += d.numbers;
    const flagged = new Set<FlagId>();
    for (const f of d.flags) {
      if (f.severe) j.severe.add(f.id);
      // The rubric and the scenario's forbidden moves can both catch one move: report it once.
      if (flagged.has(f.id)) continue;
      flagged.add(f.id);
      j.flags.push({ id: f.id, turn: index, evidence: f.evidence, source: f.source });
      feedback.push({ code: `flag_${f.id}`, kind: 'warning', message: t(flagDef.get(f.id)!.advice), evidence: f.evidence });
    }
    const { kept, cancelled } = heardSignals(d, rubric);
    if (cancelled) feedback.push({ code: 'apology_cancelled', kind: 'warning', message: say('apology_cancelled') });
    for (const s of kept) j.credited.push({ turn: index, start: s.start, hit: s });
    for (const s of d.negated) {
      const name = t(signalDef.get(s.id)!.name);
      feedback.push({ code: `negated_${s.id}`, kind: 'warning', message: say('negated', { evidence: s.evidence, signal: name }), evidence: s.evidence });
    }
    if (d.salad) feedback.push({ code: 'stock_salad', kind: 'warning', message: say('stock_salad') });
    const apologies = kept.filter((s) => s.id === 'apology');
    if (apologies.length >= 3) feedback.push({ code: 'repeated_apology', kind: 'tip', message: say('repeated_apology') });
    const stock = apologies.find((s) => s.strength < 1);
    if (stock && !apologies.some((s) => s.strength === 1)) {
      feedback.push({ code: 'stock_apology', kind: 'tip', message: say('stock_apology', { evidence: stock.evidence }), evidence: stock.evidence });
    }
    const handed = kept.find((s) => s.handedOff);
    if (handed) feedback.push({ code: 'handed_off', kind: 'tip', message: say('handed_off', { evidence: handed.evidence }), evidence: handed.evidence });
    // Trainers want a promise in the trainee's own name (首问负责); the calibration weighs it too.
    else if (d.plural >= 2 && d.singular === 0) feedback.push({ code: 'speak_as_i', kind: 'tip', message: say('speak_as_i') });
    const substantive = (s: SignalHit) => signalDef.get(s.id)!.kind === 'substance' && s.strength >= scoring.substance_min_strength;
    if (kept.some(substantive) || d.keyPoints.length > 0) j.substanceTurns++;
    else if (apologies.length > 0) j.hollowApologyTurns++;
    for (const k of d.keyPoints) {
      if (j.keyPointTurn.has(k.id)) continue;
      j.keyPointTurn.set(k.id, index);
      const point = t(scenario!.scenario.key_points.find((p) => p.id === k.id)!.text);
      feedback.push({ code: `key_point_${k.id}`, kind: 'praise', message: say('key_point_hit', { point }), evidence: k.evidence });
    }
    // Praise each substance signal the first time it is said in full in the conversation: not a
    // hedged one ("尽快", "we'll be in touch") nor a promise handed off.
    const praiseworthy = (h: SignalHit) => substantive(h) && !h.handedOff;
    for (const s of kept) {
      const def = signalDef.get(s.id)!;
      const first = j.credited.find((o) => o.hit.id === s.id && praiseworthy(o.hit));
      if (praiseworthy(s) && first?.turn === index && first.start === s.start) {
        feedback.push({ code: `signal_${s.id}`, kind: 'praise', message: t(def.praise), evidence: s.evidence });
      }
    }
    j.turns.push({
      turn: index,
      signals: kept.map((s) => ({ id: s.id, evidence: s.evidence, strength: round2(s.strength) })),
      feedback,
    });
  }
  return j;
}

/**
 * The five dimensions, 0–100: each signal credits them once, at its strongest however often it
 * is repeated; key points count made or missed; red flags and repeated hollow apologies cost.
 */
function dimensionScores(
  rubric: CompiledRubric,
  scenario: CompiledScenario | undefined,
  best: ReadonlyMap<SignalId, number>,
  judged: TurnJudgement,
  notice: Notice,
): Record<DimensionId, number> {
  const { data } = rubric;
  const dims = Object.fromEntries(DIMENSIONS.map((d) => [d, 0])) as Record<DimensionId, number>;
  for (const [id, strength] of best) {
    const credit = data.signals.find((s) => s.id === id)!.credit;
    for (const d of DIMENSIONS) dims[d] += (credit[d] ?? 0) * strength;
  }
  for (const k of scenario?.keyPoints ?? []) {
    const d = k.dimension as DimensionId;
    dims[d] += judged.keyPointTurn.has(k.id) ? k.weight : -k.weight * data.scoring.missed_key_point_factor;
  }
  if (judged.hollowApologyTurns >= 3) {
    dims.empathy -= data.scoring.repeated_apology_penalty;
    notice('repeated_apology');
  }
  for (const id of new Set(judged.flags.map((f) => f.id))) {
    const penalty = data.flags.find((f) => f.id === id)!.penalty;
    for (const d of DIMENSIONS) dims[d] -= penalty[d] ?? 0;
  }
  for (const d of DIMENSIONS) dims[d] = Math.round(clamp(dims[d], 0, 100));
  return dims;
}

/** The total: the saturating curve over the weighted dimensions, then every cap that applies. */
function totalScore(
  rubric: CompiledRubric,
  dims: Record<DimensionId, number>,
  best: ReadonlyMap<SignalId, number>,
  judged: TurnJudgement,
  agentTurns: number,
  notice: Notice,
): number {
  const { data } = rubric;
  const scoring = data.scoring;
  if (judged.nonEmptyTurns === 0) {
    if (agentTurns === 0) notice('no_agent_turns');
    return 0;
  }
  const weightSum = data.dimensions.reduce((a, d) => a + d.weight, 0) || 1;
  const weighted = data.dimensions.reduce((a, d) => a + d.weight * dims[d.id], 0) / weightSum;
  let total = scoring.base + (100 - scoring.base) * (1 - Math.exp(-weighted / scoring.saturation));
  // A flag on a reply that stays strong even after the flag's own penalty is capped less hard:
  // either a slip in an otherwise good reply or a look-alike the lexicon mistook for the move.
  // A severe flag (buying silence) is never relaxed, nor is anything raised beside it.
  const strongDespiteFlags = judged.flags.length > 0 && judged.severe.size === 0 && total >= scoring.strong_reply;
  if (strongDespiteFlags) notice('flag_in_strong_reply');
  for (const id of new Set(judged.flags.map((f) => f.id))) {
    const def = data.flags.find((f) => f.id === id)!;
    const cap = judged.severe.has(id) ? (def.severe_cap ?? def.cap) : def.cap;
    total = Math.min(total, strongDespiteFlags ? Math.max(cap, scoring.strong_reply_flag_cap) : cap);
  }
  // Sincere but vague on time (no firm commitment anywhere) is capped, as trainers grade it.
  const timeStrength = best.get('commitment_time') ?? 0;
  if (timeStrength < 1) total = Math.min(total, scoring.vague_cap);
  if (timeStrength > 0 && timeStrength < 1) total = Math.min(total, scoring.hedged_cap);
  const warm = (best.get('apology') ?? 0) > 0 || (best.get('empathy') ?? 0) > 0;
  if (!warm) total = Math.min(total, scoring.cold_cap);
  if (best.size === 0 && judged.keyPointTurn.size === 0) total = Math.min(total, scoring.empty_cap);
  else if (judged.substanceTurns === 0) {
    total = Math.min(total, scoring.hollow_cap);
    notice('hollow');
  }
  // Too little said to be a full handling: trainers grade a two-line reply below the same moves
  // spelled out. This only ever lowers a total; padding cannot raise one.
  const units = scoring.full_reply_units > 0 ? contentUnits(judged.wordPairs, scoring.han_pair_weight) : Infinity;
  if (units < scoring.full_reply_units) {
    const factor = clamp(1 - scoring.thin_reply_slope * Math.log(scoring.full_reply_units / Math.max(units, 1)), scoring.thin_reply_floor, 1);
    const scaled = total * factor;
    if (Math.round(scaled) < Math.round(total)) notice('thin_reply', { units: Math.round(units), full: scoring.full_reply_units, percent: Math.round(factor * 100) });
    total = scaled;
  }
  return Math.round(clamp(total, 0, 100));
}

function stepsFor(rubric: CompiledRubric, modelId: string | undefined, credited: Occurrence[], lang: Lang): ScoreReport['steps'] {
  const models = rubric.data.step_models;
  const model = models.find((m) => m.id === (modelId ?? 'six_step')) ?? models[0];
  if (!model) return [];
  const ordered = [...credited].sort((a, b) => a.turn - b.turn || a.start - b.start);
  const doneAt = new Map<string, Occurrence>();
  return model.steps.map((step) => {
    const prior = step.after ? doneAt.get(step.after) : undefined;
    const occurrence = ordered.find(
      (o) =>
        step.done_by.includes(o.hit.id) &&
        (!step.after || (prior !== undefined && (o.turn > prior.turn || (o.turn === prior.turn && o.start > prior.start)))),
    );
    const name = localize(step.name, lang);
    if (!occurrence) return { id: step.id, name, done: false };
    doneAt.set(step.id, occurrence);
    return { id: step.id, name, done: true, turn: occurrence.turn };
  });
}

/** The few things that would raise the score most, most valuable first. */
function adviceFor(
  rubric: CompiledRubric,
  best: Map<SignalId, number>,
  flagIds: FlagId[],
  keyPoints: ScoreReport['key_points'],
  lang: Lang,
): string[] {
  const weights = new Map(rubric.data.dimensions.map((d) => [d.id, d.weight]));
  const advice: string[] = flagIds.map((id) => localize(rubric.data.flags.find((f) => f.id === id)!.advice, lang));
  const gains = rubric.data.signals
    .map((s) => {
      const missing = 1 - (best.get(s.id) ?? 0);
      const value = DIMENSIONS.reduce((a, d) => a + (s.credit[d] ?? 0) * (weights.get(d) ?? 0), 0);
      return { s, gain: missing * value };
    })
    .filter((g) => g.gain > 0)
    // Plain comparison, not localeCompare: advice order must not depend on the ICU build.
    .sort((a, b) => b.gain - a.gain || (a.s.id < b.s.id ? -1 : 1));
  for (const g of gains.slice(0, 3)) advice.push(localize(g.s.advice, lang));
  for (const k of keyPoints.filter((k) => !k.hit).slice(0, 2)) advice.push(message('key_point_missed', lang, { point: k.text }));
  return advice;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const round2 = (x: number) => Math.round(x * 100) / 100;
