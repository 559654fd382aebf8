import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { localize, type Scenario } from '../../scenario/schema.ts';
import type { Lang } from '../../text/messages.ts';
import { practiceText } from './texts.ts';

/** Arrow keys move, Enter picks, q quits. */
export function ScenarioPicker({ scenarios, lang, onPick, onQuit, active }: {
  scenarios: readonly Scenario[];
  lang: Lang;
  onPick: (s: Scenario) => void;
  onQuit: () => void;
  active: boolean;
}) {
  const [index, setIndex] = useState(0);
  useInput(
    (input, key) => {
      if (key.upArrow) setIndex((i) => (i + scenarios.length - 1) % scenarios.length);
      else if (key.downArrow) setIndex((i) => (i + 1) % scenarios.length);
      else if (key.return) onPick(scenarios[index]!);
      else if (input === 'q' || key.escape) onQuit();
    },
    { isActive: active },
  );
  return (
    <Box flexDirection="column">
      <Text bold>{practiceText('pickTitle', lang)}</Text>
      {scenarios.map((s, i) => (
        <Text key={s.id} color={i === index ? 'cyan' : undefined}>
          {i === index ? '❯ ' : '  '}
          {localize(s.title, lang)} <Text dimColor>({s.customer.motive}, {'★'.repeat(s.difficulty)})</Text>
        </Text>
      ))}
      <Box marginTop={1}>
        <Text dimColor>{localize(scenarios[index]!.summary, lang)}</Text>
      </Box>
    </Box>
  );
}
