import type { CompiledRubric, CompiledScenario } from '../rubric/compile.ts';
import { compileScenario } from '../rubric/compile.ts';
import { detectTurn, heardSignals } from '../rubric/detect.ts';
import { createScorer, type ScoreReport } from '../rubric/score.ts';
import { localize, type Condition, type FlagId, type LocalText, type Scenario, type SignalId, type Stage, type TranscriptTurn } from '../scenario/schema.ts';
import type { Lang } from '../text/messages.ts';
import { conditionHolds, type ConditionContext } from './conditions.ts';
import { pick, seedFrom } from './random.ts';

export type Outcome = 'ongoing' | 'resolved' | 'escalated' | 'timeout';

/**
 * A practice session as plain, versioned JSON: everything needed to continue it, including the
 * PRNG state, so a saved session resumes with exactly the same continuation.
 */
export interface DialogueState {
  readonly version: 1;
  readonly scenario: string;
  readonly lang: Lang;
  readonly seed: number;
  readonly rng: number;
  readonly startedAt: number;
  readonly updatedAt: number;
  readonly anger: number;
  readonly trust: number;
  /** Trainee replies the customer will still sit through. */
  readonly patience: number;
  readonly stage: Stage;
  readonly revealed: readonly string[];
  readonly played: readonly string[];
  readonly said: readonly string[];
  readonly shown: readonly SignalId[];
  readonly keyPoints: readonly string[];
  readonly outcome: Outcome;
  readonly transcript: readonly TranscriptTurn[];
  /** Anger after each customer message (the opening included). */
  readonly angerCurve: readonly number[];
}

export type DialogueEvent =
  | { type: 'customer'; text: string; beat: string; facts: string[]; anger: number }
  | { type: 'mood'; anger: number; trust: number; angerDelta: number; trustDelta: number }
  | { type: 'stage'; from: Stage; to: Stage }
  | { type: 'end'; outcome: Exclude<Outcome, 'ongoing'>; text: string; threat?: string }
  | { type: 'ignored'; reason: 'session_over' };

export interface StepResult {
  readonly state: DialogueState;
  readonly events: DialogueEvent[];
}

export interface Dialogue {
  /** Start a session: the customer's opening lines, anger and patience from the scenario. */
  startSession(scenario: Scenario, options: { seed: number; now: number; lang?: Lang }): StepResult;
  /** The customer's reaction to one trainee reply. Pure: same state and reply, same result. */
  step(state: DialogueState, reply: string, options?: { now?: number }): StepResult;
  /** The rubric's report on the conversation so far. */
  report(state: DialogueState): ScoreReport;
}

export class UnknownScenarioError extends Error {}

const clamp = (x: number) => Math.min(100, Math.max(0, Math.round(x)));

/**
 * Make the dialogue engine for a rubric and the scenarios sessions may use. The rules in the
 * rubric's `dynamics` decide anger, trust, stage and endings; nothing here calls a model.
 */
export function createDialogue(rubric: CompiledRubric, scenarios: Iterable<Scenario>): Dialogue {
  const byId = new Map<string, CompiledScenario>();
  for (const s of scenarios) byId.set(s.id, compileScenario(s));
  const scorer = createScorer(rubric);
  const compiled = (id: string) => {
    const c = byId.get(id);
    if (!c) throw new UnknownScenarioError(`no scenario '${id}' in this dialogue`);
    return c;
  };

  return {
    startSession(scenario, { seed, now, lang = 'zh' }) {
      if (!byId.has(scenario.id) || byId.get(scenario.id)!.scenario !== scenario) byId.set(scenario.id, compileScenario(scenario));
      const lines = scenario.opening.map((l) => localize(l, lang));
      const anger = clamp(scenario.customer.anger);
      const state: DialogueState = {
        version: 1,
        scenario: scenario.id,
        lang,
        seed: seedFrom(seed),
        rng: seedFrom(seed),
        startedAt: now,
        updatedAt: now,
        anger,
        trust: clamp(rubric.data.dynamics.start_trust),
        patience: scenario.customer.patience,
        stage: 'opening',
        revealed: [],
        played: [],
        said: lines,
        shown: [],
        keyPoints: [],
        outcome: 'ongoing',
        transcript: lines.map((text) => ({ customer: text })),
        angerCurve: lines.map(() => anger),
      };
      return { state, events: lines.map((text) => ({ type: 'customer', text, beat: 'opening', facts: [], anger })) };
    },

    step(state, reply, options = {}) {
      if (state.outcome !== 'ongoing') return { state, events: [{ type: 'ignored', reason: 'session_over' }] };
      return advance(rubric, compiled(state.scenario), state, reply, options.now ?? state.updatedAt);
    },

    report(state) {
      return scorer.scoreTranscript({ locale: state.lang, turns: [...state.transcript] }, compiled(state.scenario).scenario);
    },
  };
}

function advance(rubric: CompiledRubric, cs: CompiledScenario, state: DialogueState, reply: string, now: number): StepResult {
  const dyn = rubric.data.dynamics;
  const scenario = cs.scenario;
  const motive = scenario.customer.motive;
  const events: DialogueEvent[] = [];
  const d = detectTurn(reply, rubric, cs);
  const { kept } = heardSignals(d, rubric);

  // Each signal once per reply, at its strongest; a signal shown before counts for less.
  const strength = new Map<SignalId, number>();
  for (const s of kept) strength.set(s.id, Math.max(strength.get(s.id) ?? 0, s.strength));
  const flags = new Set<FlagId>(d.flags.map((f) => f.id));
  const newKeyPoints = d.keyPoints.map((k) => k.id).filter((id) => !state.keyPoints.includes(id));
  let angerDelta = 0;
  let trustDelta = 0;
  // An apology alone, when the customer has heard one already, is hollow: it earns nothing and irritates.
  const hollow = strength.size === 1 && strength.has('apology') && state.shown.includes('apology');
  if (hollow) strength.clear();
  for (const [id, s] of strength) {
    const factor = s * (state.shown.includes(id) ? dyn.repeat_factor : 1);
    angerDelta += (dyn.anger[motive][id] ?? 0) * factor;
    trustDelta += (dyn.trust[motive][id] ?? 0) * factor;
  }
  for (const f of flags) {
    angerDelta += dyn.flags[f]?.anger ?? 0;
    trustDelta += dyn.flags[f]?.trust ?? 0;
  }
  angerDelta += dyn.key_point.anger * newKeyPoints.length;
  trustDelta += dyn.key_point.trust * newKeyPoints.length;
  if (hollow) {
    angerDelta += dyn.hollow_apology.anger;
    trustDelta += dyn.hollow_apology.trust;
  } else if (strength.size === 0 && flags.size === 0 && newKeyPoints.length === 0) {
    angerDelta += dyn.idle.anger;
    trustDelta += dyn.idle.trust;
  }
  const anger = clamp(state.anger + Math.max(angerDelta, -dyn.max_calm_per_reply));
  const trust = clamp(state.trust + Math.min(trustDelta, dyn.max_trust_per_reply));
  const shown = [...new Set([...state.shown, ...strength.keys()])];
  events.push({ type: 'mood', anger, trust, angerDelta: anger - state.anger, trustDelta: trust - state.trust });

  let stage = nextStage(state.stage, strength, anger, dyn.stages);
  const turn = state.transcript.filter((t) => 'agent' in t).length + 1;
  const ctx = (s: Stage, played: readonly string[]): ConditionContext => ({
    stage: s,
    anger,
    trust,
    signals: new Set(strength.keys()),
    shown: new Set(shown),
    flags,
    asked: new Set(d.factsAsked),
    keyPoints: new Set(d.keyPoints.map((k) => k.id)),
    played: new Set(played),
    turn,
  });
  let rng = state.rng;
  const lang = state.lang;
  const transcript: TranscriptTurn[] = [...state.transcript, { agent: reply }];
  const base = { ...state, anger, trust, shown, keyPoints: [...state.keyPoints, ...newKeyPoints], patience: state.patience - 1, updatedAt: now };

  // Endings first: walking out, accepting, or running out of patience.
  const outcome = endingFor(scenario, dyn, ctx(stage, state.played), shown, base.patience);
  if (outcome) {
    const ending = scenario.endings![outcome];
    const choice = pick(ending.lines, rng);
    rng = choice.state;
    const text = localize(choice.item, lang);
    const threat = outcome === 'escalated' ? scenario.endings!.escalated.threat : undefined;
    events.push({ type: 'end', outcome, text, ...(threat ? { threat } : {}) });
    const next: DialogueState = {
      ...base,
      stage,
      rng,
      outcome,
      said: [...state.said, text],
      transcript: [...transcript, { customer: text }],
      angerCurve: [...state.angerCurve, anger],
    };
    return { state: next, events };
  }

  // Facts the trainee asked about are answered from the scenario, once each.
  const facts = d.factsAsked.filter((f) => !state.revealed.includes(f));
  const factLines = facts.map((f) => localize(scenario.facts.find((x) => x.id === f)!.answer, lang));

  // Then the first beat whose conditions hold, with a variant not said before.
  const said = new Set(state.said);
  let beatId = 'fallback';
  let line: string | undefined;
  for (const beat of scenario.beats) {
    if (beat.once && state.played.includes(beat.id)) continue;
    if (!conditionHolds(beat.when, ctx(stage, state.played))) continue;
    const fresh = beat.lines.map((l) => localize(l, lang)).filter((l) => !said.has(l));
    if (fresh.length === 0) continue;
    const choice = pick(fresh, rng);
    rng = choice.state;
    line = choice.item;
    beatId = beat.id;
    if (beat.goto && beat.goto !== stage) {
      events.push({ type: 'stage', from: stage, to: beat.goto });
      stage = beat.goto;
    }
    break;
  }
  if (line === undefined && factLines.length === 0) {
    const band = anger < 40 ? dyn.fallback.low : anger < 70 ? dyn.fallback.mid : dyn.fallback.high;
    const fresh = band.map((l) => localize(l, lang)).filter((l) => !said.has(l));
    const choice = pick(fresh.length > 0 ? fresh : band.map((l: LocalText) => localize(l, lang)), rng);
    rng = choice.state;
    line = choice.item;
  }
  if (stage !== state.stage && !events.some((e) => e.type === 'stage')) events.push({ type: 'stage', from: state.stage, to: stage });
  const text = [...factLines, ...(line === undefined ? [] : [line])].join(' ');
  events.push({ type: 'customer', text, beat: line === undefined ? 'facts' : beatId, facts, anger });
  const next: DialogueState = {
    ...base,
    stage,
    rng,
    revealed: [...state.revealed, ...facts],
    played: beatId === 'fallback' || line === undefined ? state.played : [...state.played, beatId],
    said: [...state.said, ...(line === undefined ? [] : [line])],
    transcript: [...transcript, { customer: text }],
    angerCurve: [...state.angerCurve, anger],
  };
  return { state: next, events };
}

/** Stages move forward only: acknowledged → listening; a fix discussed → negotiating; calm enough → closing. */
function nextStage(stage: Stage, signals: ReadonlyMap<SignalId, number>, anger: number, rules: CompiledRubric['data']['dynamics']['stages']): Stage {
  const has = (ids: readonly SignalId[]) => ids.some((id) => signals.has(id));
  let next = stage;
  if (next === 'opening' && has(rules.listening)) next = 'listening';
  if ((next === 'opening' || next === 'listening') && has(rules.negotiating)) next = 'negotiating';
  if (next === 'negotiating' && anger <= rules.closing_anger_max) next = 'closing';
  return next;
}

function endingFor(
  scenario: Scenario,
  dyn: CompiledRubric['data']['dynamics'],
  ctx: ConditionContext,
  shown: readonly SignalId[],
  patience: number,
): Exclude<Outcome, 'ongoing'> | undefined {
  const endings = scenario.endings;
  if (!endings) return undefined;
  const holds = (c: Condition) => conditionHolds(c, ctx);
  if (ctx.anger >= dyn.escalate_anger && holds(endings.escalated.when)) return 'escalated';
  const resolvable = ctx.anger <= dyn.resolve.anger_max && ctx.trust >= dyn.resolve.trust_min && dyn.resolve.needs_any.some((s) => shown.includes(s));
  if (resolvable && holds(endings.resolved.when)) return 'resolved';
  if (patience <= 0) return ctx.anger >= dyn.escalate_anger ? 'escalated' : 'timeout';
  return undefined;
}
