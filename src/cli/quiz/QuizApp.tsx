import { Box, Text, useApp, useInput } from 'ink';
import { useRef, useState } from 'react';
import { isAnswerError, type Grader, type QuizAnswer, type QuizGrade } from '../../quiz/grade.ts';
import type { QuizProgress } from '../../quiz/progress.ts';
import { dueQueue, leeches, previewDue, reviewQuestion, suggestRating, type QuizRating, type ScheduleOptions } from '../../quiz/schedule.ts';
import type { QuizBank } from '../../quiz/schema.ts';
import { quizStats } from '../../quiz/stats.ts';
import type { Lang } from '../../text/messages.ts';
import { QuestionView } from './QuestionView.tsx';
import { ResultView } from './ResultView.tsx';
import { quizText } from './texts.ts';

export interface QuizAppProps {
  bank: QuizBank;
  grader: Grader;
  /** Progress as loaded; every review is passed to `save` at once. */
  progress: QuizProgress;
  save: (progress: QuizProgress) => void;
  now: () => number;
  options: ScheduleOptions;
  lang: Lang;
  /** Keyboard input is live (false when stdin is not a terminal). */
  interactive: boolean;
  /** Shown above the first question (e.g. a corrupt progress file was set aside). */
  notice?: string;
}

type Phase =
  | { kind: 'question'; id: string }
  | { kind: 'result'; id: string; grade: QuizGrade; rating: QuizRating; suggested: QuizRating; at: number; preview: Record<QuizRating, number> }
  | { kind: 'done' };

/** `dojo quiz`: ask what is due, grade the answer, let the candidate rate it, save, and go on. */
export function QuizApp(props: QuizAppProps) {
  const { bank, grader, lang, interactive, options } = props;
  const { exit } = useApp();
  const [progress, setProgress] = useState(props.progress);
  const [answered, setAnswered] = useState(0);
  const next = (p: QuizProgress): Phase => {
    const id = dueQueue(bank, p, props.now(), options).ids[0];
    return id === undefined ? { kind: 'done' } : { kind: 'question', id };
  };
  const [phase, setPhase] = useState<Phase>(() => next(props.progress));
  // Keys can arrive before a re-render hands the input handlers fresh closures: read the latest state.
  const latest = useRef({ phase, progress });
  latest.current = { phase, progress };
  useInput(
    (input, key) => {
      if (key.escape || (phase.kind === 'done' && (input === 'q' || key.return))) exit();
    },
    { isActive: interactive },
  );

  const submit = (id: string, answer: QuizAnswer) => {
    if (latest.current.phase.kind !== 'question') return;
    const grade = grader.grade(id, answer);
    if (isAnswerError(grade)) return;
    const suggested = suggestRating(grader.question(id)!, grade);
    const at = props.now();
    const result: Phase = { kind: 'result', id, grade, rating: suggested, suggested, at, preview: previewDue(latest.current.progress, id, at) };
    latest.current = { ...latest.current, phase: result };
    setPhase(result);
  };
  const confirm = () => {
    const { phase, progress } = latest.current;
    if (phase.kind !== 'result') return;
    const updated = reviewQuestion(progress, phase.id, phase.rating, props.now(), { score: phase.grade.score, suggested: phase.suggested });
    props.save(updated);
    const following = next(updated);
    latest.current = { phase: following, progress: updated };
    setProgress(updated);
    setAnswered((n) => n + 1);
    setPhase(following);
  };

  const t = quizText;
  const queue = dueQueue(bank, progress, phase.kind === 'result' ? phase.at : props.now(), options);
  const header = (
    <Box flexDirection="column" marginBottom={1}>
      {props.notice && <Text color="yellow">{props.notice}</Text>}
      <Text dimColor>
        {t('due', lang, { ...queue.counts })}
        {queue.counts.boosted > 0 ? ` ${t('boosted', lang, { n: queue.counts.boosted })}` : ''} · {t('progressOf', lang, { n: answered })}
      </Text>
    </Box>
  );

  if (phase.kind === 'done') {
    const s = quizStats(progress, props.now(), { tzOffsetMinutes: options.tzOffsetMinutes });
    const stuck = leeches(bank, progress);
    return (
      <Box flexDirection="column">
        {header}
        <Text bold>{t('doneTitle', lang)}</Text>
        <Text>
          {t('stats', lang, {
            today: s.reviewsToday,
            retention: s.retention === null ? '—' : `${Math.round(s.retention * 100)}%`,
            perDay: s.reviewsPerDay,
            streak: s.streak,
          })}
        </Text>
        {stuck.length > 0 && <Text color="yellow">{t('leeches', lang, { ids: stuck.join(', ') })}</Text>}
        <Text dimColor>{t('keysDone', lang)}</Text>
      </Box>
    );
  }
  const question = grader.question(phase.id)!;
  return (
    <Box flexDirection="column">
      {header}
      {phase.kind === 'question' ? (
        <QuestionView key={`${phase.id}-${answered}`} question={question} lang={lang} active={interactive} onSubmit={(a) => submit(phase.id, a)} />
      ) : (
        <ResultView
          question={question}
          grade={phase.grade}
          lang={lang}
          rating={phase.rating}
          suggested={phase.suggested}
          preview={phase.preview}
          now={phase.at}
          active={interactive}
          onChange={(update) => {
            const p = latest.current.phase;
            if (p.kind !== 'result') return;
            const changed = { ...p, rating: update(p.rating) };
            latest.current = { ...latest.current, phase: changed };
            setPhase(changed);
          }}
          onConfirm={confirm}
        />
      )}
    </Box>
  );
}
