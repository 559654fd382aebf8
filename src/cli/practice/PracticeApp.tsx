import { Box, Text, useApp, useInput } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import type { Dialogue, DialogueState } from '../../dialogue/engine.ts';
import type { LlmSession } from '../../llm/session.ts';
import type { CompiledRubric } from '../../rubric/compile.ts';
import type { ScoreReport } from '../../rubric/score.ts';
import { localize, type Scenario } from '../../scenario/schema.ts';
import type { Lang } from '../../text/messages.ts';
import { AngerMeter } from './AngerMeter.tsx';
import { ReplyInput } from './ReplyInput.tsx';
import { ReportView } from './ReportView.tsx';
import { ScenarioPicker } from './ScenarioPicker.tsx';
import { SecondOpinionView } from './SecondOpinionView.tsx';
import { useLlmCustomer } from './use-llm-customer.ts';
import { practiceText } from './texts.ts';

export interface PracticeAppProps {
  dialogue: Dialogue;
  rubric: CompiledRubric;
  scenarios: readonly Scenario[];
  lang: Lang;
  seed: number;
  now: () => number;
  /** Start straight in this scenario instead of the picker. */
  initial?: Scenario;
  /** Keyboard input is live (false when stdin is not a terminal). */
  interactive: boolean;
  /** How many conversation messages stay on screen. */
  visibleMessages?: number;
  /** A local model words the customer's lines and gives a second opinion (`--llm`). */
  llm?: LlmSession;
  /** Called once when the session ends, with its report (the quiz brings missed steps and flags forward). */
  onEnd?: (report: ScoreReport) => void;
}

/** `dojo practice`: pick a scenario, talk to the customer, read the report. */
export function PracticeApp(props: PracticeAppProps) {
  const { dialogue, rubric, scenarios, lang, interactive } = props;
  const { exit } = useApp();
  const [scenario, setScenario] = useState<Scenario | undefined>(props.initial);
  const [state, setState] = useState<DialogueState | undefined>(() =>
    props.initial ? dialogue.startSession(props.initial, { seed: props.seed, now: props.now(), lang }).state : undefined,
  );
  const [finished, setFinished] = useState(false);
  const [hints, setHints] = useState(false);
  const turns = useLlmCustomer({ llm: props.llm, dialogue, now: props.now, state, setState });
  const report = useMemo(() => (state && (finished || hints) ? dialogue.report(state) : undefined), [state, finished, hints, dialogue]);

  const talking = scenario !== undefined && state !== undefined && !finished && state.outcome === 'ongoing';
  const ended = scenario !== undefined && state !== undefined && !talking;
  useEffect(() => {
    if (ended && state) props.onEnd?.(dialogue.report(state));
    // Once, when the session ends: the report does not change after that.
  }, [ended]);
  useInput(
    (_, key) => {
      if (key.tab) setHints((h) => !h);
      else if (key.escape) setFinished(true);
    },
    { isActive: interactive && talking },
  );

  if (!scenario || !state) {
    return (
      <ScenarioPicker
        scenarios={scenarios}
        lang={lang}
        active={interactive}
        onQuit={exit}
        onPick={(s) => {
          setScenario(s);
          setState(dialogue.startSession(s, { seed: props.seed, now: props.now(), lang }).state);
        }}
      />
    );
  }
  if (finished || state.outcome !== 'ongoing') {
    const final = report ?? dialogue.report(state);
    return (
      <ReportView report={final} rubric={rubric} scenario={scenario} state={state} lang={lang} onQuit={exit} active={interactive}>
        {props.llm && <SecondOpinionView llm={props.llm} rubric={rubric} scenario={scenario} state={state} report={final} lang={lang} />}
      </ReportView>
    );
  }
  const t = practiceText;
  const messages = state.transcript.slice(-(props.visibleMessages ?? 8));
  const hint = report?.advice[0] ?? t('noHint', lang);
  return (
    <Box flexDirection="column">
      <Text bold>{localize(scenario.title, lang)}</Text>
      <Text dimColor>{t('youAre', lang, { role: localize(scenario.setting.role, lang), place: localize(scenario.setting.place, lang) })}</Text>
      <AngerMeter anger={state.anger} lang={lang} />
      <Box flexDirection="column" marginY={1}>
        {messages.map((m, i) =>
          'customer' in m ? (
            <Text key={i}>
              <Text color="red" bold>{t('customer', lang)}: </Text>
              {turns.live !== undefined && i === messages.length - 1 ? `${turns.live}▍` : m.customer}
            </Text>
          ) : (
            <Text key={i}>
              <Text color="cyan" bold>{t('you', lang)}: </Text>
              {m.agent}
            </Text>
          ),
        )}
      </Box>
      {turns.notices.map((n) => (
        <Text key={n.code} color="yellow">
          ⚠ {n.message}
        </Text>
      ))}
      {hints && (
        <Text color="yellow">
          {t('hint', lang)}: {hint}
        </Text>
      )}
      <ReplyInput
        active={interactive && talking}
        placeholder={t('typeHere', lang)}
        onSubmit={(reply) => turns.submit(scenario, reply)}
      />
      <Text dimColor>{t('keys', lang)}</Text>
    </Box>
  );
}
