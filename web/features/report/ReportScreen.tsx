import { lazy, Suspense, useMemo, useState } from 'react';
import type { Dialogue } from '../../../src/dialogue/engine.ts';
import type { CompiledRubric } from '../../../src/rubric/compile.ts';
import { localize, replyNumbers, type Scenario } from '../../../src/scenario/schema.ts';
import type { Lang } from '../../../src/text/messages.ts';
import type { Attempt } from '../../app/attempts.ts';
import { threatText } from '../../../src/dialogue/threats.ts';
import { t } from '../../app/texts.ts';
import { SecondOpinionPanel } from '../llm/SecondOpinionPanel.tsx';
import { useSecondOpinion } from '../llm/use-llm.ts';
import { LineChart } from './LineChart.tsx';

const ServqualRadar = lazy(() => import('./RadarChart.tsx'));

/** Show `text` with the first occurrence of `evidence` marked (as text: nothing is parsed as HTML). */
function Highlighted({ text, evidence }: { text: string; evidence: string }) {
  const at = evidence ? text.indexOf(evidence) : -1;
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark>{evidence}</mark>
      {text.slice(at + evidence.length)}
    </>
  );
}

/**
 * The end-of-session report: outcome and total, the SERVQUAL radar, the handling steps with the
 * reply each happened in, the anger curve, red flags quoting the trainee, per-reply feedback with
 * "rewrite from here", and the trainee's replies beside a model answer.
 */
export function ReportScreen({ lang, attempt, scenario, rubric, dialogue, onRetry, onRewrite, onLibrary }: {
  lang: Lang;
  attempt: Attempt;
  scenario: Scenario;
  rubric: CompiledRubric;
  dialogue: Dialogue;
  onRetry: () => void;
  onRewrite: (replyIndex: number, text: string) => void;
  onLibrary: () => void;
}) {
  const state = attempt.state;
  // Wording follows the interface language; the score does not depend on it.
  const report = useMemo(() => dialogue.report({ ...state, lang }), [dialogue, state, lang]);
  const [model, setModel] = useState(0);
  // With the local model on: its grades beside the rule score (which stays official).
  const opinion = useSecondOpinion({ attempt: attempt.id, lang, dimensions: rubric.data.dimensions, scenario, state, report });
  const transcript = state.transcript;
  const replyNumber = replyNumbers(transcript);
  const replies = transcript.flatMap((m) => ('agent' in m ? [m.agent] : []));
  const reply = (turn: number) => { const m = transcript[turn]; return m && 'agent' in m ? m.agent : ''; };
  const radarData = rubric.data.dimensions.map((d) => ({ name: `${localize(d.name, lang)} ${d.weight}%`, score: report.dimensions[d.id] }));
  const curve = state.angerCurve;
  const threat = state.outcome === 'escalated' ? scenario.endings?.escalated.threat : undefined;
  const flagName = (id: string) => localize(rubric.data.flags.find((f) => f.id === id)?.name ?? id, lang);
  const signalName = (id: string) => localize(rubric.data.signals.find((s) => s.id === id)?.name ?? id, lang);
  const answer = scenario.model_answers[Math.min(model, scenario.model_answers.length - 1)]!;

  return (
    <section className="report" data-testid="report" aria-labelledby="report-title">
      <header className="report-head">
        <div>
          <h1 id="report-title" tabIndex={-1}>{t('reportTitle', lang)}: {localize(scenario.title, lang)}</h1>
          <p className={`outcome outcome-${state.outcome}`} data-testid="outcome" data-outcome={state.outcome}>
            {t(`outcome_${state.outcome}`, lang)}
            {threat && <span className="muted"> — {t('threat', lang, { threat: threatText(threat, lang) })}</span>}
          </p>
        </div>
        <p className="total">
          <span className="total-label">{t('total', lang)}</span>
          <span className="total-value" data-testid="total-score">{report.total}</span>
          <span className="muted">/100</span>
        </p>
      </header>

      <div className="report-grid">
        <section aria-labelledby="servqual-title" className="panel">
          <h2 id="servqual-title">{t('servqual', lang)}</h2>
          <div className="radar" data-testid="radar-chart">
            <Suspense fallback={<div className="radar-placeholder">{t('loading', lang)}</div>}>
              <ServqualRadar data={radarData} label={t('servqual', lang)} />
            </Suspense>
          </div>
          <table className="dimensions">
            <caption className="visually-hidden">{t('dimension_table', lang)}</caption>
            <tbody>
              {radarData.map((d, i) => (
                <tr key={i}>
                  <th scope="row">{d.name}</th>
                  <td><span className="bar" style={{ width: `${d.score}%` }} aria-hidden="true" /></td>
                  <td className="num">{d.score}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section aria-labelledby="steps-title" className="panel">
          <h2 id="steps-title">{t('steps', lang)}</h2>
          <ol className="timeline" data-testid="steps">
            {report.steps.map((s) => (
              <li key={s.id} className={s.done ? 'done' : 'missed'} data-step={s.id} data-done={s.done}>
                <span className="mark" aria-hidden="true">{s.done ? '✔' : '○'}</span>
                <span className="step-name">{s.name}</span>
                <span className="muted">{s.done && s.turn !== undefined ? t('stepAt', lang, { n: replyNumber.get(s.turn) ?? s.turn }) : t('notDone', lang)}</span>
              </li>
            ))}
          </ol>
          <h2>{t('angerCurve', lang)}</h2>
          <LineChart
            values={curve}
            testId="anger-curve"
            label={t('angerCurveLabel', lang, { from: curve[0] ?? 0, to: curve[curve.length - 1] ?? 0, n: curve.length })}
          />
        </section>
      </div>

      {opinion && <SecondOpinionPanel lang={lang} opinion={opinion} dimensions={rubric.data.dimensions} />}

      <section aria-labelledby="flags-title" className="panel">
        <h2 id="flags-title">{t('flags', lang)}</h2>
        {report.flags.length === 0 ? (
          <p className="good">{t('noFlags', lang)}</p>
        ) : (
          <ul className="flags" data-testid="flags">
            {report.flags.map((f, i) => (
              <li key={i} data-flag={f.id}>
                <strong>{flagName(f.id)}</strong> <span className="muted">({t('stepAt', lang, { n: replyNumber.get(f.turn) ?? f.turn })})</span>
                <blockquote><Highlighted text={reply(f.turn)} evidence={f.evidence} /></blockquote>
              </li>
            ))}
          </ul>
        )}
        {report.notices.length > 0 && (
          <ul className="score-notices" data-testid="score-notices" aria-label={t('scoreNotices', lang)}>
            {report.notices.map((n, i) => <li key={i} data-notice={n.code}>{n.message}</li>)}
          </ul>
        )}
      </section>

      {report.key_points.length > 0 && (
        <section aria-labelledby="kp-title" className="panel">
          <h2 id="kp-title">{t('keyPoints', lang)}</h2>
          <ul className="key-points">
            {report.key_points.map((k) => (
              <li key={k.id} className={k.hit ? 'done' : 'missed'}>
                <span className="mark" aria-hidden="true">{k.hit ? '✔' : '○'}</span> {k.text} <span className="muted">— {k.hit ? t('hit', lang) : t('missed', lang)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {report.advice.length > 0 && (
        <section aria-labelledby="advice-title" className="panel advice">
          <h2 id="advice-title">{t('advice', lang)}</h2>
          <ul>{report.advice.slice(0, 4).map((a, i) => <li key={i}>{a}</li>)}</ul>
        </section>
      )}

      <section aria-labelledby="turns-title" className="panel">
        <h2 id="turns-title">{t('perTurn', lang)}</h2>
        <ol className="turns">
          {report.turns.map((turn) => {
            const n = replyNumber.get(turn.turn) ?? 0;
            return (
              <li key={turn.turn} data-testid="turn-feedback">
                <h3>{t('replyN', lang, { n })}</h3>
                <blockquote>{reply(turn.turn)}</blockquote>
                <p className="signals">
                  {turn.signals.length === 0 ? <span className="muted">{t('noSignals', lang)}</span> : [...new Set(turn.signals.map((s) => s.id))].map((id) => <span key={id} className="chip">{signalName(id)}</span>)}
                </p>
                <ul className="feedback">
                  {turn.feedback.map((f, i) => <li key={i} className={`fb-${f.kind}`}>{f.message}</li>)}
                </ul>
                <button type="button" className="quiet" data-testid={`rewrite-${n}`} onClick={() => onRewrite(n - 1, reply(turn.turn))}>{t('rewrite', lang)}</button>
              </li>
            );
          })}
        </ol>
      </section>

      <section aria-labelledby="compare-title" className="panel">
        <h2 id="compare-title">{t('compare', lang)}</h2>
        {scenario.model_answers.length > 1 && (
          <div className="tabs" role="group" aria-label={t('modelAnswer', lang)}>
            {scenario.model_answers.map((m, i) => (
              <button key={i} type="button" aria-pressed={i === model} onClick={() => setModel(i)}>{localize(m.label, lang)}</button>
            ))}
          </div>
        )}
        <div className="compare" data-testid="compare">
          <div>
            <h3>{t('yourReplies', lang)}</h3>
            <ol>{replies.map((r, i) => <li key={i}>{r}</li>)}</ol>
          </div>
          <div>
            <h3>{t('modelAnswer', lang)}: {localize(answer.label, lang)}</h3>
            <ol>{answer.replies.map((r, i) => <li key={i}>{localize(r, lang)}</li>)}</ol>
          </div>
        </div>
      </section>

      <div className="report-actions">
        <button type="button" className="primary" onClick={onRetry} data-testid="retry">{t('retry', lang)}</button>
        <button type="button" onClick={onLibrary}>{t('backToLibrary', lang)}</button>
      </div>
    </section>
  );
}
