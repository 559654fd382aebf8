import { Box, Text, useInput } from 'ink';
import type { ReactNode } from 'react';
import type { DialogueState } from '../../dialogue/engine.ts';
import type { CompiledRubric } from '../../rubric/compile.ts';
import type { ScoreReport } from '../../rubric/score.ts';
import { localize, replyNumbers, type Scenario } from '../../scenario/schema.ts';
import type { Lang } from '../../text/messages.ts';
import { displayWidth } from '../../text/width.ts';
import { threatText } from '../../dialogue/threats.ts';
import { practiceText } from './texts.ts';

const bar = (v: number) => '█'.repeat(Math.round(v / 5)) + '░'.repeat(20 - Math.round(v / 5));

/**
 * The end report: total, dimension bars, the step checklist with the turn each step happened,
 * red flags quoting the trainee, and the model answer beside the trainee's replies.
 */
export function ReportView({ report, rubric, scenario, state, lang, onQuit, active, children }: {
  report: ScoreReport;
  rubric: CompiledRubric;
  scenario: Scenario;
  state: DialogueState;
  lang: Lang;
  onQuit: () => void;
  active: boolean;
  /** Shown under the report, above the footer (the model's second opinion with --llm). */
  children?: ReactNode;
}) {
  useInput((input, key) => { if (input === 'q' || key.escape || key.return) onQuit(); }, { isActive: active });
  const t = practiceText;
  const names = rubric.data.dimensions.map((d) => `${localize(d.name, lang)} ${d.weight}%`);
  const width = Math.max(...names.map(displayWidth));
  const yours = state.transcript.flatMap((x) => ('agent' in x ? [x.agent] : []));
  const reply = replyNumbers(state.transcript);
  const model = scenario.model_answers[0]!;
  const escalatedTo = state.outcome === 'escalated' ? scenario.endings?.escalated.threat : undefined;
  const threat = escalatedTo ? threatText(escalatedTo, lang) : '';
  return (
    <Box flexDirection="column">
      <Text bold>{t(`outcome_${state.outcome}`, lang, { threat })}</Text>
      <Text bold color="cyan">{t('total', lang, { n: report.total })}</Text>
      <Box flexDirection="column" marginTop={1}>
        {rubric.data.dimensions.map((d, i) => (
          <Text key={d.id}>
            {names[i]}{' '.repeat(width - displayWidth(names[i]!))} {bar(report.dimensions[d.id])} {String(report.dimensions[d.id]).padStart(3)}
          </Text>
        ))}
      </Box>
      <Box flexDirection="column" marginTop={1}>
        <Text bold>{t('steps', lang)}</Text>
        {report.steps.map((s) => (
          <Text key={s.id} color={s.done ? 'green' : undefined} dimColor={!s.done}>
            {s.done ? '✔' : '·'} {s.name} — {s.done ? t('stepAt', lang, { n: reply.get(s.turn ?? -1) ?? 0 }) : t('notDone', lang)}
          </Text>
        ))}
      </Box>
      <Box flexDirection="column" marginTop={1}>
        <Text bold>{t('flags', lang)}{report.flags.length === 0 ? `: ${t('none', lang)}` : ''}</Text>
        {report.flags.map((f, i) => (
          <Text key={i} color="red">
            ✘ {localize(rubric.data.flags.find((d) => d.id === f.id)!.name, lang)} ({t('stepAt', lang, { n: reply.get(f.turn) ?? 0 })}): “{f.evidence}”
          </Text>
        ))}
      </Box>
      <Box marginTop={1}>
        <Box flexDirection="column" width="50%" paddingRight={2}>
          <Text bold underline>{t('yours', lang)}</Text>
          {yours.map((r, i) => <Text key={i}>{i + 1}. {r}</Text>)}
        </Box>
        <Box flexDirection="column" width="50%">
          <Text bold underline>{t('model', lang, { label: localize(model.label, lang) })}</Text>
          {model.replies.map((r, i) => <Text key={i}>{i + 1}. {localize(r, lang)}</Text>)}
        </Box>
      </Box>
      {report.advice.length > 0 && (
        <Box flexDirection="column" marginTop={1}>
          {report.advice.slice(0, 3).map((a, i) => <Text key={i} color="yellow">→ {a}</Text>)}
        </Box>
      )}
      {children}
      <Text dimColor>{t('report', lang)}</Text>
    </Box>
  );
}
