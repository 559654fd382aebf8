import type { DialogueEvent, DialogueState } from '../dialogue/engine.ts';
import type { DimensionDef } from '../rubric/data.ts';
import type { ScoreReport } from '../rubric/score.ts';
import { localize, type Scenario } from '../scenario/schema.ts';
import type { Lang } from '../text/messages.ts';
import type { LlmClient } from './client.ts';
import { compareScores, type ScoreComparison } from './compare.ts';
import { prepareGuard, type GuardReason } from './guard.ts';
import { judgeTranscript, type JudgeCache, type JudgeVerdict } from './judge.ts';
import { classifyFailure, guardReasonText, llmNotice, TRANSPORT_CODES, type LlmNotice, type LlmNoticeCode } from './notices.ts';
import { buildCustomerPrompt, type LineIntent } from './prompt.ts';
import { DEFAULT_LINE_LIMITS, streamLine, type LineLimits } from './stream-line.ts';

export interface LlmLimits extends LineLimits {
  /** Loading the model at the start of a session (a cold model can take a while). */
  readonly loadMs: number;
  /** Waiting for the judge's verdict. */
  readonly judgeMs: number;
}

export const DEFAULT_LIMITS: LlmLimits = { ...DEFAULT_LINE_LIMITS, loadMs: 60_000, judgeMs: 120_000 };

/** What happened to one customer line. `turn` indexes the transcript's `turns`. */
export interface LineRecord {
  readonly turn: number;
  readonly source: 'model' | 'scripted';
  /**
   * Why the scripted line was used: a notice code, 'off' (the model is switched off), 'cancelled'
   * (the trainee replied before it finished) or 'facts' (the line only answers questions).
   */
  readonly why?: LlmNoticeCode | 'off' | 'cancelled' | 'facts';
  readonly reason?: GuardReason;
  readonly evidence?: string;
  readonly firstTokenMs?: number;
}

export type SecondOpinion =
  | { status: 'ok'; verdict: JudgeVerdict; comparison: ScoreComparison; cached: boolean }
  | { status: 'unavailable'; code: LlmNoticeCode };

export interface LlmSessionOptions {
  client: LlmClient;
  model: string;
  lang: Lang;
  /** Only for wording notices ("did not answer (http://…)"). */
  host?: string;
  limits?: Partial<LlmLimits>;
  /** Verdicts by transcript hash; defaults to a Map kept for this session. */
  cache?: JudgeCache;
  clock?: () => number;
}

/**
 * The model's part of one practice session: it words customer lines and gives a second opinion,
 * while the dialogue engine keeps deciding everything. The first transport failure (server down,
 * model missing, HTTP error, time limit, garbled or broken stream) adds one notice and switches the
 * model off for the rest of the session, so the trainee carries on with scripted lines. Each
 * notice code is shown at most once.
 */
export interface LlmSession {
  readonly model: string;
  /** False once a transport failure has switched the model off. */
  readonly active: boolean;
  notices(): readonly LlmNotice[];
  lines(): readonly LineRecord[];
  /** Load the model (Ollama loads it on an empty chat). Resolves to whether the model is usable. */
  warmUp(): Promise<boolean>;
  /**
   * Word the customer line the engine just chose. `state` is the state after `step`; the result's
   * state has the model's line in place of the scripted one when the guard accepted it.
   */
  customerLine(
    scenario: Scenario,
    state: DialogueState,
    intent: LineIntent,
    options?: { onText?: (text: string) => void; signal?: AbortSignal },
  ): Promise<{ state: DialogueState; record: LineRecord }>;
  /** The model's grades beside the rule engine's report (which stays official). */
  secondOpinion(input: { dimensions: readonly DimensionDef[]; scenario?: Scenario; state: DialogueState; report: ScoreReport }): Promise<SecondOpinion>;
}

/** The engine's customer line among a step's events (none when the conversation ended). */
export function lineIntentOf(events: readonly DialogueEvent[]): LineIntent | undefined {
  const e = events.find((x) => x.type === 'customer');
  return e && e.type === 'customer' ? { text: e.text, beat: e.beat, facts: e.facts } : undefined;
}

/** `state` with its last customer message worded as `text` (the engine's own bookkeeping is untouched). */
export function withCustomerLine(state: DialogueState, text: string): DialogueState {
  const last = state.transcript[state.transcript.length - 1];
  if (!last || !('customer' in last)) return state;
  return { ...state, transcript: [...state.transcript.slice(0, -1), { customer: text }] };
}

export function createLlmSession(options: LlmSessionOptions): LlmSession {
  const { client, model, lang } = options;
  const limits: LlmLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const clock = options.clock ?? (() => Date.now());
  const cache: JudgeCache = options.cache ?? new Map<string, JudgeVerdict>();
  const notices: LlmNotice[] = [];
  const lines: LineRecord[] = [];
  let off: LlmNoticeCode | undefined;
  let warming: Promise<boolean> | undefined;

  const notify = (code: LlmNoticeCode, detail: string, reason?: GuardReason) => {
    if (TRANSPORT_CODES.has(code)) off ??= code;
    if (notices.some((n) => n.code === code)) return;
    const params = { host: options.host ?? '', model, ms: detail, detail, reason: reason ? guardReasonText(reason, lang) : '' };
    notices.push(llmNotice(code, lang, params));
  };

  const warmUp = (): Promise<boolean> => {
    warming ??= (async () => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        const request = client.chat({ model, messages: [], stream: false });
        request.catch(() => undefined);
        const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), limits.loadMs)));
        if ((await Promise.race([request, timeout])) === 'timeout') notify('llm_timeout', String(limits.loadMs));
      } catch (e) {
        const f = classifyFailure(e, 'request');
        notify(f.code, f.detail);
      } finally {
        clearTimeout(timer);
      }
      return off === undefined;
    })();
    return warming;
  };

  return {
    model,
    get active() {
      return off === undefined;
    },
    notices: () => [...notices],
    lines: () => [...lines],
    warmUp,

    async customerLine(scenario, state, intent, opts = {}) {
      const turn = state.transcript.length - 1;
      const record = (r: Omit<LineRecord, 'turn'>) => {
        const full = { turn, ...r };
        lines.push(full);
        return full;
      };
      if (off === undefined && warming) await warming;
      if (off !== undefined) return { state, record: record({ source: 'scripted', why: 'off' }) };
      // Answers to the trainee's questions are the scenario's facts, word for word; the model
      // words only the rest of the line (the beat), so no answer can get lost or changed.
      const factText = intent.facts.flatMap((id) => scenario.facts.filter((f) => f.id === id)).map((f) => localize(f.answer, lang)).join(' ');
      const rest = factText !== '' && intent.text.startsWith(factText) ? intent.text.slice(factText.length).trim() : intent.text;
      if (rest === '') return { state, record: record({ source: 'scripted', why: 'facts' }) };
      const joined = (text: string) => (rest === intent.text ? text : `${factText} ${text}`);
      const guard = prepareGuard(scenario, state, rest);
      const onText = opts.onText;
      const result = await streamLine({
        client,
        model,
        messages: buildCustomerPrompt(scenario, state, { ...intent, text: rest }, guard.maxChars),
        guard,
        limits,
        clock,
        ...(onText ? { onText: (text: string) => onText(joined(text)) } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      const first = result.firstTokenMs === undefined ? {} : { firstTokenMs: result.firstTokenMs };
      if (result.source === 'model') return { state: withCustomerLine(state, joined(result.text)), record: record({ source: 'model', ...first }) };
      if ('cancelled' in result) return { state, record: record({ source: 'scripted', why: 'cancelled' }) };
      if ('rejected' in result) {
        notify('llm_line_rejected', '', result.rejected.reason);
        return { state, record: record({ source: 'scripted', why: 'llm_line_rejected', reason: result.rejected.reason, evidence: result.rejected.evidence, ...first }) };
      }
      notify(result.failure.code, result.failure.detail);
      return { state, record: record({ source: 'scripted', why: result.failure.code, ...first }) };
    },

    async secondOpinion({ dimensions, scenario, state, report }) {
      if (off === undefined && warming) await warming;
      if (off !== undefined) return { status: 'unavailable', code: off };
      const outcome = await judgeTranscript({
        client,
        model,
        input: { dimensions, ...(scenario ? { scenario } : {}), turns: state.transcript, lang },
        cache,
        timeoutMs: limits.judgeMs,
      });
      if (outcome.status === 'failed') {
        notify(outcome.code, outcome.detail);
        return { status: 'unavailable', code: outcome.code };
      }
      return { status: 'ok', verdict: outcome.verdict, comparison: compareScores(report, outcome.verdict), cached: outcome.cached };
    },
  };
}
