import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Dialogue } from '../../../src/dialogue/engine.ts';
import { localize, type Scenario } from '../../../src/scenario/schema.ts';
import type { Lang } from '../../../src/text/messages.ts';
import type { Attempt } from '../../app/attempts.ts';
import { t } from '../../app/texts.ts';
import { LlmNotices } from '../llm/LlmNotices.tsx';
import { useModelCustomer } from '../llm/use-llm.ts';
import { AngerMeter } from './AngerMeter.tsx';
import { Avatar } from './Avatar.tsx';
import { typingDelayMs } from './mood.ts';

/** Replies longer than this are refused in the box (the scorer would cut them anyway). */
export const MAX_REPLY_CHARS = 4000;

/**
 * The practice chat. Every reply is run through the dialogue engine and saved at once; the
 * customer's answer then appears after a short typing delay, and the meter and face follow it.
 */
export function PracticeScreen({ lang, attempt, scenario, dialogue, typingDelay, draft, onDraft, onSave, onFinish }: {
  lang: Lang;
  attempt: Attempt;
  scenario: Scenario;
  dialogue: Dialogue;
  /** Fixed delay in ms for every line (0 in tests and the benchmark); undefined = realistic. */
  typingDelay?: number;
  draft: string;
  onDraft: (text: string) => void;
  onSave: (a: Attempt) => void;
  onFinish: (a: Attempt) => void;
}) {
  const state = attempt.state;
  const transcript = state.transcript;
  // Lines already on screen; a reload shows the whole saved conversation at once.
  const [revealed, setRevealed] = useState(transcript.length);
  const [hints, setHints] = useState(false);
  const [reply, setReply] = useState(draft);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const logEnd = useRef<HTMLParagraphElement>(null);
  const customerName = localize(scenario.customer.name, lang);
  // With the local model on (web/features/llm), it words the customer's lines as they stream in.
  const llm = useModelCustomer(attempt.id, lang);
  const latest = useRef(attempt);
  latest.current = attempt;

  // Reveal pending customer lines one at a time, each after its typing delay.
  useEffect(() => {
    if (revealed >= transcript.length || llm.live !== undefined) return;
    const next = transcript[revealed]!;
    const wait = 'agent' in next ? 0 : (typingDelay ?? typingDelayMs(next.customer));
    const timer = setTimeout(() => setRevealed((r) => r + 1), wait);
    return () => clearTimeout(timer);
  }, [revealed, transcript, typingDelay, llm.live]);

  const shown = transcript.slice(0, revealed);
  const customerLinesShown = shown.filter((m) => 'customer' in m).length;
  const anger = state.angerCurve[Math.max(0, customerLinesShown - 1)] ?? state.anger;
  const typing = revealed < transcript.length;
  const over = state.outcome !== 'ongoing' && !typing;
  const hint = useMemo(() => (hints ? (dialogue.report(state).advice[0] ?? t('noHint', lang)) : ''), [hints, dialogue, state, lang]);

  useLayoutEffect(() => {
    logEnd.current?.scrollIntoView?.({ block: 'nearest' });
    if (customerLinesShown > 0 && shown.length > 0 && 'customer' in shown[shown.length - 1]!) performance.mark('dojo:customer-line');
  }, [revealed, llm.live]); // eslint-disable-line react-hooks/exhaustive-deps

  const send = () => {
    const text = reply.trim();
    if (!text || typing || over) return;
    performance.mark('dojo:send');
    const step = dialogue.step({ ...state, lang }, text, { now: Date.now() });
    const next = step.state;
    onSave({ ...attempt, state: next });
    setReply('');
    onDraft('');
    // With the model on, the attempt is saved with the scripted line first; the line the trainee
    // actually saw (the model's, or the scripted one on any failure) replaces it when it is done.
    const worded = llm.word(scenario, next, step.events, (shown) => {
      if (!shown) return;
      const a = latest.current;
      if (shown !== next && !a.ended && a.state.transcript.length === next.transcript.length) onSave({ ...a, state: shown });
      setRevealed(shown.transcript.length);
    });
    // The trainee's own line shows at once; with no typing delay, so does the answer.
    setRevealed(typingDelay === 0 && !worded ? next.transcript.length : transcript.length + 1);
  };

  return (
    <section className="practice" aria-labelledby="practice-title">
      <div className="practice-head">
        <Avatar anger={anger} lang={lang} name={customerName} />
        <div className="practice-title">
          <h1 id="practice-title" tabIndex={-1}>{localize(scenario.title, lang)}</h1>
          <p className="muted">{t('youAre', lang, { role: localize(scenario.setting.role, lang), place: localize(scenario.setting.place, lang) })}</p>
          <AngerMeter anger={anger} lang={lang} />
          {!over && <p className="muted small">{t('patience', lang, { n: Math.max(0, state.patience) })}</p>}
        </div>
      </div>

      <div className="chat" role="log" aria-live="polite" aria-relevant="additions" aria-label={t('conversation', lang)} data-testid="chat" tabIndex={0}>
        <ol>
        {shown.map((m, i) =>
          'customer' in m ? (
            <li key={i} className="line customer" data-testid="customer-line">
              <span className="who">{customerName}</span>
              <p>{m.customer}</p>
            </li>
          ) : (
            <li key={i} className="line agent" data-testid="agent-line">
              <span className="who">{t('you', lang)}</span>
              <p>{m.agent}</p>
            </li>
          ),
        )}
        {llm.live && (
          <li className="line customer streaming" data-testid="customer-line-streaming" aria-hidden="true">
            <span className="who">{customerName}</span>
            <p>{llm.live}</p>
          </li>
        )}
        </ol>
        <p ref={logEnd} className="typing" aria-hidden="true">{typing && !llm.live ? t('typing', lang, { name: customerName }) : ''}</p>
      </div>

      {llm.enabled && <LlmNotices lang={lang} model={llm.model} notices={llm.notices} />}

      {over ? (
        <div className={`ending ending-${state.outcome}`} data-testid="ending">
          <p><strong>{t(`outcome_${state.outcome}`, lang)}</strong></p>
          <button type="button" className="primary" autoFocus onClick={() => onFinish(attempt)} data-testid="see-report">{t('seeReport', lang)}</button>
        </div>
      ) : (
        <form className="reply" onSubmit={(e) => { e.preventDefault(); send(); }}>
          <label htmlFor="reply-input">{t('replyLabel', lang)}</label>
          <textarea
            id="reply-input"
            ref={inputRef}
            data-testid="reply-input"
            value={reply}
            rows={3}
            maxLength={MAX_REPLY_CHARS}
            autoFocus
            placeholder={t('replyPlaceholder', lang)}
            aria-describedby="reply-help"
            onChange={(e) => { setReply(e.target.value); onDraft(e.target.value); }}
            onKeyDown={(e) => {
              // Enter sends; Shift+Enter adds a line; Enter that confirms an IME candidate does neither.
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                send();
              }
            }}
          />
          <p id="reply-help" className="muted small">{t('replyHelp', lang)}</p>
          <div className="reply-actions">
            <button type="submit" className="primary" data-testid="send-button" disabled={typing || reply.trim() === ''}>{t('send', lang)}</button>
            <button type="button" aria-pressed={hints} onClick={() => setHints((h) => !h)} data-testid="hint-toggle">{hints ? t('hintOn', lang) : t('hintOff', lang)}</button>
            <button type="button" className="quiet" onClick={() => { llm.cancel(); onFinish(attempt); }} data-testid="end-session">{t('endSession', lang)}</button>
          </div>
          {hints && <p className="hint" role="status" data-testid="hint">{t('hints', lang)}: {hint}</p>}
        </form>
      )}
    </section>
  );
}
