import { useEffect, useRef, useState } from 'react';
import type { Dialogue, DialogueState } from '../../dialogue/engine.ts';
import type { LlmNotice } from '../../llm/notices.ts';
import { lineIntentOf, type LlmSession } from '../../llm/session.ts';
import type { Scenario } from '../../scenario/schema.ts';

/**
 * Send trainee replies to the engine and, with a model, let it word the customer's answer while
 * the trainee watches it stream. The engine steps at once, so a reply is never lost: the transcript
 * holds it before any model call starts, and a reply sent while a line is still streaming cancels
 * that line (the scripted one stays). `live` is the streamed text of the last customer line, ''
 * before the first piece, undefined when nothing streams. `notices` are the session's notices.
 */
export function useLlmCustomer(options: {
  llm?: LlmSession;
  dialogue: Dialogue;
  now: () => number;
  state: DialogueState | undefined;
  setState: (state: DialogueState) => void;
}) {
  const { llm, dialogue, setState } = options;
  const latest = useRef(options.state);
  latest.current = options.state;
  const inflight = useRef<AbortController | undefined>(undefined);
  const [live, setLive] = useState<string | undefined>(undefined);
  const [notices, setNotices] = useState<readonly LlmNotice[]>([]);
  // Load the model while the trainee reads the opening; a failure shows its notice right away.
  useEffect(() => {
    if (llm) void llm.warmUp().then(() => setNotices(llm.notices()));
  }, [llm]);

  const submit = (scenario: Scenario, reply: string) => {
    const current = latest.current;
    if (!current) return;
    inflight.current?.abort();
    inflight.current = undefined;
    const step = dialogue.step(current, reply, { now: options.now() });
    // Pasted text sends several replies before React renders again: keep the newest state here.
    latest.current = step.state;
    setState(step.state);
    const intent = llm?.active && step.state.outcome === 'ongoing' ? lineIntentOf(step.events) : undefined;
    if (!llm || !intent) return setLive(undefined);
    const control = new AbortController();
    inflight.current = control;
    setLive('');
    void llm.customerLine(scenario, step.state, intent, { signal: control.signal, onText: (text) => !control.signal.aborted && setLive(text) }).then(({ state: worded }) => {
      if (inflight.current === control) {
        inflight.current = undefined;
        setLive(undefined);
      }
      if (worded !== step.state && latest.current === step.state) {
        latest.current = worded;
        setState(worded);
      }
      setNotices(llm.notices());
    });
  };
  return { submit, live, notices };
}
