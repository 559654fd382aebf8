import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { DialogueEvent, DialogueState } from '../../../src/dialogue/engine.ts';
import type { LlmNotice, LlmNoticeCode } from '../../../src/llm/notices.ts';
import type { LlmSession, SecondOpinion } from '../../../src/llm/session.ts';
import type { DimensionDef } from '../../../src/rubric/data.ts';
import type { ScoreReport } from '../../../src/rubric/score.ts';
import type { Scenario } from '../../../src/scenario/schema.ts';
import type { Lang } from '../../../src/text/messages.ts';
import { getLlmSettings, subscribeLlmSettings, type LlmSettings } from './settings.ts';

// This module is in the first screen's bundle: it imports only types from the core's LLM code.
type Runtime = typeof import('./runtime.ts');
let runtime: Promise<Runtime> | undefined;

/** The Ollama client and sessions, fetched on first use (a failed fetch is tried again next time). */
export function loadRuntime(): Promise<Runtime> {
  runtime ??= import('./runtime.ts').catch((e: unknown) => {
    runtime = undefined;
    throw e;
  });
  return runtime;
}

export function useLlmSettings(): LlmSettings {
  return useSyncExternalStore(subscribeLlmSettings, getLlmSettings);
}

/**
 * The practice screen's side of the model, mirroring the terminal's useLlmCustomer: the engine
 * has already stepped and the attempt is saved with the scripted line before the model is asked,
 * so no reply is ever lost. `word` lets the model word that line; `live` is the text streamed so
 * far ('' while waiting for the first piece, undefined when nothing streams). `notices` are the
 * session's notices (each shown once; a transport failure switches the model off for the session).
 */
export function useModelCustomer(attempt: string, lang: Lang) {
  const settings = useLlmSettings();
  const sessionRef = useRef<Promise<LlmSession | undefined> | undefined>(undefined);
  const [session, setSession] = useState<LlmSession | undefined>(undefined);
  const [live, setLive] = useState<string | undefined>(undefined);
  const [notices, setNotices] = useState<readonly LlmNotice[]>([]);
  const inflight = useRef<AbortController | undefined>(undefined);

  useEffect(() => {
    setSession(undefined);
    setNotices([]);
    if (!settings.enabled) {
      sessionRef.current = undefined;
      return;
    }
    let alive = true;
    const ready = loadRuntime().then(
      (r) => r.sessionFor(attempt, settings, lang),
      () => undefined,
    );
    sessionRef.current = ready;
    void ready.then((s) => {
      if (!alive || !s) return;
      setSession(s);
      setNotices(s.notices());
      // Load the model while the trainee reads the opening; a failure shows its notice right away.
      void s.warmUp().then(() => alive && setNotices(s.notices()));
    });
    return () => {
      alive = false;
      inflight.current?.abort();
    };
  }, [settings, attempt, lang]);

  /**
   * Ask the model to word the customer line among `events` (the engine's step to `state`).
   * Returns false when there is nothing for the model to do (setting off, model switched off,
   * conversation over): the caller shows the scripted line as usual. Otherwise `done` is called
   * with the state holding the line actually shown (the model's, or the scripted one on any
   * failure), or with undefined when the line was cancelled (the screen closed or `cancel`).
   */
  const word = (scenario: Scenario, state: DialogueState, events: readonly DialogueEvent[], done: (shown: DialogueState | undefined) => void): boolean => {
    const pending = sessionRef.current;
    if (!settings.enabled || !pending || state.outcome !== 'ongoing' || (session && !session.active)) return false;
    if (!events.some((e) => e.type === 'customer')) return false;
    inflight.current?.abort();
    const control = new AbortController();
    inflight.current = control;
    setLive('');
    void (async () => {
      let shown: DialogueState | undefined = state;
      try {
        const s = await pending;
        const intent = s ? (await loadRuntime()).lineIntentOf(events) : undefined;
        if (s && intent && !control.signal.aborted) {
          const onText = (text: string) => {
            if (!control.signal.aborted) setLive(text);
          };
          shown = (await s.customerLine(scenario, state, intent, { signal: control.signal, onText })).state;
          setNotices(s.notices());
        }
      } catch {
        shown = state; // the session never throws; a failed chunk load leaves the scripted line
      }
      if (control.signal.aborted) shown = undefined;
      // One synchronous block, so React draws the final line and drops the live one together.
      done(shown);
      if (inflight.current === control) {
        inflight.current = undefined;
        setLive(undefined);
      }
    })();
    return true;
  };

  const cancel = () => inflight.current?.abort();

  return { enabled: settings.enabled, model: settings.model, live, notices, word, cancel };
}

export type OpinionState =
  | { status: 'loading'; model: string }
  | { status: 'done'; model: string; opinion: SecondOpinion; host: string };

/**
 * The judge's second opinion for a report, with the setting on: asked once per report (and
 * cached by transcript hash), `loading` meanwhile; undefined with the setting off.
 */
export function useSecondOpinion(input: {
  attempt: string;
  lang: Lang;
  dimensions: readonly DimensionDef[];
  scenario: Scenario;
  state: DialogueState;
  report: ScoreReport;
}): OpinionState | undefined {
  const settings = useLlmSettings();
  const [opinion, setOpinion] = useState<OpinionState | undefined>(undefined);
  const { attempt, lang, dimensions, scenario, state, report } = input;
  useEffect(() => {
    if (!settings.enabled) {
      setOpinion(undefined);
      return;
    }
    let alive = true;
    const model = settings.model;
    const host = settings.host;
    setOpinion({ status: 'loading', model });
    const unavailable = (code: LlmNoticeCode): SecondOpinion => ({ status: 'unavailable', code });
    void loadRuntime()
      .then((r) => r.sessionFor(attempt, settings, lang).secondOpinion({ dimensions, scenario, state, report }))
      .catch(() => unavailable('llm_unreachable'))
      .then((o) => alive && setOpinion({ status: 'done', model, host, opinion: o }));
    return () => {
      alive = false;
    };
  }, [settings, attempt, lang, dimensions, scenario, state, report]);
  return opinion;
}
