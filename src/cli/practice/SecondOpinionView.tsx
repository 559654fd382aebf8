import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import type { DialogueState } from '../../dialogue/engine.ts';
import type { LlmSession, SecondOpinion } from '../../llm/session.ts';
import type { CompiledRubric } from '../../rubric/compile.ts';
import type { ScoreReport } from '../../rubric/score.ts';
import type { Scenario } from '../../scenario/schema.ts';
import type { Lang } from '../../text/messages.ts';
import { secondOpinionLines } from '../llm-options.ts';

/**
 * The model's second opinion under the rule report: asked for once when the report appears,
 * then shown as rule score beside model score, rows more than 15 points apart in yellow.
 */
export function SecondOpinionView({ llm, rubric, scenario, state, report, lang }: {
  llm: LlmSession;
  rubric: CompiledRubric;
  scenario: Scenario;
  state: DialogueState;
  report: ScoreReport;
  lang: Lang;
}) {
  const [opinion, setOpinion] = useState<SecondOpinion | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void llm.secondOpinion({ dimensions: rubric.data.dimensions, scenario, state, report }).then((o) => live && setOpinion(o));
    return () => {
      live = false;
    };
  }, [llm, rubric, scenario, state, report]);
  return (
    <Box flexDirection="column" marginTop={1}>
      {secondOpinionLines(opinion, rubric, llm.model, lang).map((l, i) => (
        <Text key={i} bold={i === 0} color={l.differs ? 'yellow' : undefined}>
          {l.text}
        </Text>
      ))}
    </Box>
  );
}
