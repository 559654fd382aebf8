import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import type { QuizAnswer } from '../../quiz/grade.ts';
import { isChoice, type Question } from '../../quiz/schema.ts';
import { localize } from '../../scenario/schema.ts';
import type { Lang } from '../../text/messages.ts';
import { AnswerInput } from './AnswerInput.tsx';
import { quizText } from './texts.ts';

/** The options a closed question offers: its own, or True/False. */
export function optionsOf(q: Question, lang: Lang): { id: string; label: string; text: string }[] {
  if (isChoice(q)) return q.options.map((o) => ({ id: o.id, label: o.id.toUpperCase(), text: localize(o.text, lang) }));
  if (q.type === 'true_false') {
    return [
      { id: 'true', label: 'T', text: quizText('true', lang) },
      { id: 'false', label: 'F', text: quizText('false', lang) },
    ];
  }
  return [];
}

/**
 * One question: the prompt (and the case text), then either the options, moved through with the
 * arrow keys (Space ticks options of a multiple-choice question; typing an option's letter goes
 * straight to it), or a line to type the answer in. Enter submits.
 */
export function QuestionView({ question: q, lang, active, onSubmit }: { question: Question; lang: Lang; active: boolean; onSubmit: (a: QuizAnswer) => void }) {
  const options = optionsOf(q, lang);
  const [cursor, setCursorState] = useState(0);
  const [ticked, setTickedState] = useState<string[]>([]);
  // Keys can arrive before a re-render hands the input handler fresh closures (fast typing, a
  // loaded machine): the handler reads and writes the latest values through this ref.
  const latest = useRef({ cursor, ticked });
  const setCursor = (c: number) => {
    latest.current = { ...latest.current, cursor: c };
    setCursorState(c);
  };
  const toggle = (id: string) => {
    const t = latest.current.ticked;
    const next = t.includes(id) ? t.filter((x) => x !== id) : [...t, id];
    latest.current = { ...latest.current, ticked: next };
    setTickedState(next);
  };
  useInput(
    (input, key) => {
      const { cursor: at, ticked: picked } = latest.current;
      if (key.upArrow) setCursor((at + options.length - 1) % options.length);
      else if (key.downArrow) setCursor((at + 1) % options.length);
      else if (input === ' ' && q.type === 'multiple') toggle(options[at]!.id);
      else if (key.return) {
        if (q.type === 'true_false') onSubmit({ kind: 'bool', value: options[at]!.id === 'true' });
        else if (q.type === 'single') onSubmit({ kind: 'choice', picked: [options[at]!.id] });
        else if (picked.length > 0) onSubmit({ kind: 'choice', picked: options.filter((o) => picked.includes(o.id)).map((o) => o.id) });
      } else {
        const found = options.findIndex((o) => o.label.toLowerCase() === input.toLowerCase());
        if (found < 0) return;
        setCursor(found);
        if (q.type === 'multiple') toggle(options[found]!.id);
      }
    },
    { isActive: active && options.length > 0 },
  );
  const keys = options.length === 0 ? 'keysText' : q.type === 'multiple' ? 'keysMultiple' : 'keysSingle';
  return (
    <Box flexDirection="column">
      <Text bold>
        [{quizText(`type_${q.type}`, lang)}] {localize(q.prompt, lang)}
      </Text>
      {q.type === 'case' && (
        <Box flexDirection="column" marginTop={1}>
          <Text dimColor>{quizText('caseLabel', lang)}:</Text>
          <Text>{localize(q.case, lang)}</Text>
        </Box>
      )}
      <Box flexDirection="column" marginTop={1}>
        {options.map((o, i) => (
          <Text key={o.id} color={i === cursor ? 'cyan' : undefined}>
            {i === cursor ? '❯ ' : '  '}
            {q.type === 'multiple' ? (ticked.includes(o.id) ? '[x] ' : '[ ] ') : ''}
            {o.label}. {o.text}
          </Text>
        ))}
        {options.length === 0 && <AnswerInput active={active} placeholder={quizText('typeAnswer', lang)} onSubmit={(text) => onSubmit({ kind: 'text', text })} />}
      </Box>
      <Text dimColor>{quizText(keys, lang)}</Text>
    </Box>
  );
}
