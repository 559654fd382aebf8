import { Text } from 'ink';
import { practiceText } from './texts.ts';
import type { Lang } from '../../text/messages.ts';

/** A ten-cell meter: green when calm, yellow, then red as anger rises. */
export function AngerMeter({ anger, lang }: { anger: number; lang: Lang }) {
  const cells = Math.round(anger / 10);
  const color = anger >= 70 ? 'red' : anger >= 40 ? 'yellow' : 'green';
  return (
    <Text>
      {practiceText('anger', lang)} <Text color={color}>{'█'.repeat(cells)}</Text>
      <Text dimColor>{'░'.repeat(10 - cells)}</Text> {String(anger).padStart(3)}
    </Text>
  );
}
