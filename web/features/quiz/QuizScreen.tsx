import { useMemo, useState } from 'react';
import type { CompiledRubric } from '../../../src/rubric/compile.ts';
import {
  dueQueue, isAnswerError, isChoice, isOpen, leeches, previewDue, quizStats, reviewQuestion, suggestRating, Topic,
  type Question, type QuizAnswer, type QuizGrade, type QuizProgress, type QuizRating,
} from '../../../src/quiz/index.ts';
import { localize } from '../../../src/scenario/schema.ts';
import type { Lang } from '../../../src/text/messages.ts';
import type { StoreNotice } from '../../app/stored-list.ts';
import { t as appText } from '../../app/texts.ts';
import { loadWebQuiz, readQuizProgress, writeQuizProgress } from './quiz-data.ts';
import { quizText as t } from './texts.ts';

const NEW_PER_DAY_KEY = 'complaint-dojo.quiz-new-per-day';
const tzOffsetMinutes = () => -new Date().getTimezoneOffset();

type Phase = { kind: 'ask' } | { kind: 'graded'; grade: QuizGrade; rating: QuizRating; suggested: QuizRating; at: number; preview: Record<QuizRating, number> };

/** "in 10 min", "in 3 days": when a rating would bring the question back. */
function interval(ms: number, lang: Lang): string {
  const min = Math.max(1, Math.round(ms / 60_000));
  if (min < 60) return t('inMinutes', lang, { n: min });
  const h = Math.round(min / 60);
  if (h < 24) return t('inHours', lang, { n: h });
  return t('inDays', lang, { n: Math.round(h / 24) });
}

/**
 * The Quiz screen: what is due (new / learning / review, and what practice brought forward),
 * one question at a time, graded at once with the key points hit and missed, the reference answer
 * and explanation; Again / Hard / Good / Easy suggested from the grade and changeable; progress
 * saved in the browser after every review.
 */
export default function QuizScreen({ lang, rubric, onNotice }: { lang: Lang; rubric: CompiledRubric; onNotice: (n: StoreNotice) => void }) {
  const quiz = useMemo(() => loadWebQuiz(rubric), [rubric]);
  const [progress, setProgress] = useState<QuizProgress>(() => {
    const r = readQuizProgress(window.localStorage, Date.now());
    if (r.notice) queueMicrotask(() => onNotice(r.notice!));
    return r.progress;
  });
  const [topic, setTopic] = useState<Topic | ''>('');
  const [newPerDay, setNewPerDay] = useState(() => Number(window.localStorage.getItem(NEW_PER_DAY_KEY)) || 20);
  const [phase, setPhase] = useState<Phase>({ kind: 'ask' });
  const [answer, setAnswer] = useState<{ picked: string[]; text: string; bool?: boolean }>({ picked: [], text: '' });
  const [asked, setAsked] = useState(0);
  const options = { newPerDay, topic: topic || undefined, tzOffsetMinutes: tzOffsetMinutes() };
  const queue = dueQueue(quiz.bank, progress, phase.kind === 'graded' ? phase.at : Date.now(), options);
  const id = queue.ids[0];
  const [current, setCurrent] = useState<string | undefined>(id);
  const questionId = phase.kind === 'graded' ? current : id;
  const q = questionId ? quiz.grader.question(questionId) : undefined;
  const topics = [...new Set(quiz.bank.questions.map((x) => x.topic))];

  const submit = () => {
    if (!q) return;
    const typed: QuizAnswer = q.type === 'true_false'
      ? { kind: 'bool', value: answer.bool ?? false }
      : isChoice(q) ? { kind: 'choice', picked: answer.picked } : { kind: 'text', text: answer.text };
    const grade = quiz.grader.grade(q.id, typed);
    if (isAnswerError(grade)) return;
    const suggested = suggestRating(q, grade);
    const at = Date.now();
    setCurrent(q.id);
    setPhase({ kind: 'graded', grade, rating: suggested, suggested, at, preview: previewDue(progress, q.id, at) });
  };
  const confirm = () => {
    if (phase.kind !== 'graded' || !current) return;
    const updated = reviewQuestion(progress, current, phase.rating, Date.now(), { score: phase.grade.score, suggested: phase.suggested });
    const failed = writeQuizProgress(window.localStorage, updated);
    if (failed) onNotice(failed);
    setProgress(updated);
    setAnswer({ picked: [], text: '' });
    setAsked((n) => n + 1);
    setPhase({ kind: 'ask' });
  };
  const canSubmit = q !== undefined && (q.type === 'true_false' ? answer.bool !== undefined : isChoice(q) ? answer.picked.length > 0 : answer.text.trim() !== '');
  const stats = quizStats(progress, Date.now(), { tzOffsetMinutes: tzOffsetMinutes() });
  const stuck = leeches(quiz.bank, progress);

  return (
    <section className="quiz" aria-labelledby="quiz-title">
      <h1 id="quiz-title" tabIndex={-1}>{t('title', lang)}</h1>
      <div className="filters">
        <label>
          <span>{t('topic', lang)}</span>
          <select value={topic} onChange={(e) => { setTopic(e.target.value as Topic | ''); setPhase({ kind: 'ask' }); }} data-testid="quiz-topic">
            <option value="">{appText('all', lang)}</option>
            {topics.map((x) => <option key={x} value={x}>{t(`topic_${x}`, lang)}</option>)}
          </select>
        </label>
        <label>
          <span>{t('newPerDay', lang)}</span>
          <input type="number" min={0} max={200} value={newPerDay} onChange={(e) => { const n = Math.max(0, Math.min(200, Number(e.target.value) || 0)); setNewPerDay(n); window.localStorage.setItem(NEW_PER_DAY_KEY, String(n)); }} />
        </label>
      </div>
      <p className="quiz-counts" data-testid="quiz-due">
        {t('due', lang, { new: queue.counts.new, learning: queue.counts.learning, review: queue.counts.review })}
        {queue.counts.boosted > 0 && <strong> · {t('boosted', lang, { n: queue.counts.boosted })}</strong>}
        {' · '}{t('answered', lang, { n: asked })}
      </p>

      {!q ? (
        <div className="panel" data-testid="quiz-done">
          <h2>{t('done', lang)}</h2>
          <p>{t('stats', lang, { today: stats.reviewsToday, retention: stats.retention === null ? '—' : `${Math.round(stats.retention * 100)}%`, perDay: stats.reviewsPerDay, streak: stats.streak })}</p>
          {stuck.length > 0 && <p className="warn">{t('leeches', lang, { ids: stuck.join(', ') })}</p>}
        </div>
      ) : (
        <form className="panel quiz-card" data-testid="quiz-question" data-question={q.id} data-type={q.type} onSubmit={(e) => { e.preventDefault(); if (phase.kind === 'ask') submit(); else confirm(); }}>
          <p className="muted small">{t(`type_${q.type}`, lang)} · {t(`topic_${q.topic}`, lang)}{progress.boosts[q.id] && <> · <strong>{t('fromPractice', lang)}</strong></>}</p>
          {q.type === 'case' && <blockquote className="case">{localize(q.case, lang)}</blockquote>}
          <fieldset disabled={phase.kind === 'graded'}>
            <legend className="prompt">{localize(q.prompt, lang)}</legend>
            <AnswerInput q={q} lang={lang} answer={answer} setAnswer={setAnswer} />
          </fieldset>
          {phase.kind === 'ask' ? (
            <button type="submit" className="primary" disabled={!canSubmit} data-testid="quiz-submit">{t('check', lang)}</button>
          ) : (
            <Result q={q} lang={lang} phase={phase} setRating={(rating) => setPhase({ ...phase, rating })} />
          )}
        </form>
      )}
    </section>
  );
}

function AnswerInput({ q, lang, answer, setAnswer }: {
  q: Question;
  lang: Lang;
  answer: { picked: string[]; text: string; bool?: boolean };
  setAnswer: (a: { picked: string[]; text: string; bool?: boolean }) => void;
}) {
  if (q.type === 'true_false') {
    return (
      <div className="choices" role="radiogroup">
        {[true, false].map((v) => (
          <label key={String(v)} className="choice">
            <input type="radio" name="tf" checked={answer.bool === v} onChange={() => setAnswer({ ...answer, bool: v })} />
            {v ? t('true', lang) : t('false', lang)}
          </label>
        ))}
      </div>
    );
  }
  if (isChoice(q)) {
    const multiple = q.type === 'multiple';
    return (
      <div className="choices">
        {multiple && <p className="muted small">{t('pickAll', lang)}</p>}
        {q.options.map((o) => (
          <label key={o.id} className="choice">
            <input
              type={multiple ? 'checkbox' : 'radio'}
              name="choice"
              value={o.id}
              checked={answer.picked.includes(o.id)}
              onChange={(e) => setAnswer({ ...answer, picked: multiple ? (e.target.checked ? [...answer.picked, o.id] : answer.picked.filter((x) => x !== o.id)) : [o.id] })}
            />
            <span className="option-id">{o.id.toUpperCase()}.</span> {localize(o.text, lang)}
          </label>
        ))}
      </div>
    );
  }
  return (
    <label className="open-answer">
      <span className="visually-hidden">{t('yourAnswer', lang)}</span>
      {q.type === 'fill' ? (
        <input value={answer.text} onChange={(e) => setAnswer({ ...answer, text: e.target.value })} data-testid="quiz-text" maxLength={500} />
      ) : (
        <textarea rows={5} value={answer.text} onChange={(e) => setAnswer({ ...answer, text: e.target.value })} data-testid="quiz-text" maxLength={4000} placeholder={t('openPlaceholder', lang)} />
      )}
    </label>
  );
}

function Result({ q, lang, phase, setRating }: { q: Question; lang: Lang; phase: Extract<Phase, { kind: 'graded' }>; setRating: (r: QuizRating) => void }) {
  const { grade } = phase;
  const keyPoint = (id: string) => (isOpen(q) ? localize(q.key_points.find((k) => k.id === id)?.text ?? id, lang) : id.toUpperCase());
  const reference = q.type === 'true_false' ? (q.answer ? t('true', lang) : t('false', lang))
    : q.type === 'single' ? `${q.answer.toUpperCase()}. ${localize(q.options.find((o) => o.id === q.answer)!.text, lang)}`
    : q.type === 'multiple' ? q.answer.map((a) => a.toUpperCase()).join(', ')
    : localize(q.answer, lang);
  return (
    <div className="quiz-result" role="status" data-testid="quiz-result" data-correct={grade.correct} data-score={grade.score}>
      <p className={grade.correct ? 'good' : 'bad'}><strong>{grade.correct ? t('correct', lang) : t('incorrect', lang)}</strong> · {t('score', lang, { n: grade.score })}</p>
      {isOpen(q) && (
        <ul className="key-points" data-testid="quiz-key-points">
          {grade.hit.map((id) => <li key={id} className="done"><span className="mark" aria-hidden="true">✔</span> {keyPoint(id)} <span className="muted">— {t('hit', lang)}</span></li>)}
          {grade.missed.map((id) => <li key={id} className="missed"><span className="mark" aria-hidden="true">○</span> {keyPoint(id)} <span className="muted">— {t('missed', lang)}</span></li>)}
        </ul>
      )}
      <p><strong>{t('reference', lang)}</strong> {reference}</p>
      <p className="muted">{localize(q.explanation, lang)} <span className="small">({t('source', lang)}{q.source})</span></p>
      <div className="ratings" role="group" aria-label={t('rateLabel', lang)}>
        {([1, 2, 3, 4] as const).map((r) => (
          <button key={r} type="button" aria-pressed={phase.rating === r} onClick={() => setRating(r)} data-testid={`rate-${r}`}>
            {t(`rate_${r}`, lang)}<span className="muted small"> · {interval(phase.preview[r] - phase.at, lang)}</span>
            {r === phase.suggested && <span className="visually-hidden"> ({t('suggested', lang)})</span>}
          </button>
        ))}
      </div>
      <p className="muted small">{t('suggestedIs', lang, { rating: t(`rate_${phase.suggested}`, lang) })}</p>
      <button type="submit" className="primary" data-testid="quiz-next" autoFocus>{t('next', lang)}</button>
    </div>
  );
}
