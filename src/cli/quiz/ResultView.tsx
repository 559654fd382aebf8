import { Box, Text, useInput } from 'ink';
import type { QuizGrade } from '../../quiz/grade.ts';
import { RATINGS, type QuizRating } from '../../quiz/schedule.ts';
import { isOpen, type Question } from '../../quiz/schema.ts';
import { localize } from '../../scenario/schema.ts';
import type { Lang } from '../../text/messages.ts';
import { optionsOf } from './QuestionView.tsx';
import { formatInterval, quizText } from './texts.ts';

/** The right answer of a closed question, as the candidate reads it. */
function rightAnswer(q: Question, lang: Lang): string {
  if (q.type === 'fill') return localize(q.answer, lang);
  if (q.type === 'true_false') return quizText(q.answer ? 'true' : 'false', lang);
  if (q.type === 'single' || q.type === 'multiple') {
    const right = typeof q.answer === 'string' ? [q.answer] : q.answer;
    return optionsOf(q, lang)
      .filter((o) => right.includes(o.id))
      .map((o) => `${o.label}. ${o.text}`)
      .join(lang === 'zh' ? ';' : '; ');
  }
  return '';
}

/**
 * The verdict on an answer: right or wrong with the score, each key point hit (✔) or missed (✘),
 * the reference answer and the explanation; then the rating, preset to the suggested one and
 * changeable with ←→ or 1-4, each with the time until the question comes back. Enter confirms.
 */
export function ResultView({ question: q, grade, lang, rating, suggested, preview, now, active, onChange, onConfirm }: {
  question: Question;
  grade: QuizGrade;
  lang: Lang;
  rating: QuizRating;
  suggested: QuizRating;
  preview: Record<QuizRating, number>;
  now: number;
  active: boolean;
  /** Changes the rating (as an update of the current one: keys can arrive before a re-render). */
  onChange: (update: (r: QuizRating) => QuizRating) => void;
  onConfirm: () => void;
}) {
  useInput(
    (input, key) => {
      if (key.leftArrow) onChange((r) => Math.max(1, r - 1) as QuizRating);
      else if (key.rightArrow) onChange((r) => Math.min(4, r + 1) as QuizRating);
      else if (/^[1-4]$/.test(input)) onChange(() => Number(input) as QuizRating);
      else if (key.return) onConfirm();
    },
    { isActive: active },
  );
  const t = quizText;
  return (
    <Box flexDirection="column">
      <Text bold color={grade.correct ? 'green' : 'red'}>
        {t(grade.correct ? 'correct' : 'wrong', lang)} · {t('score', lang, { n: grade.score })}
      </Text>
      {isOpen(q) ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>{t('keyPoints', lang)}</Text>
          {q.key_points.map((k) => {
            const hit = grade.hit.includes(k.id);
            return (
              <Text key={k.id} color={hit ? 'green' : 'red'}>
                {hit ? '✔' : '✘'} {localize(k.text, lang)}
              </Text>
            );
          })}
          <Text bold>{t('reference', lang)}</Text>
          <Text>{localize(q.answer, lang)}</Text>
        </Box>
      ) : (
        <Text>{t('rightAnswer', lang, { answer: rightAnswer(q, lang) })}</Text>
      )}
      <Box flexDirection="column" marginTop={1}>
        <Text bold>{t('why', lang)}</Text>
        <Text>{localize(q.explanation, lang)}</Text>
        <Text dimColor>{t('source', lang, { source: q.source })}</Text>
      </Box>
      <Box flexDirection="column" marginTop={1}>
        <Text bold>{t('rate', lang)}</Text>
        <Text>
          {RATINGS.map((r) => (
            <Text key={r} inverse={r === rating} color={r === suggested ? 'cyan' : undefined}>
              {`${r === rating ? '❯' : ' '}${r} ${t(`rating_${r}`, lang)} ${formatInterval(preview[r] - now, lang)}${r === suggested ? ` (${t('suggested', lang)})` : ''} `}
            </Text>
          ))}
        </Text>
      </Box>
      <Text dimColor>{t('keysRate', lang)}</Text>
    </Box>
  );
}
