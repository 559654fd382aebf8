import type { Lang } from '../text/messages.ts';
import type { LocalText, Motive, Scenario } from './schema.ts';

/** What the scenario library shows of a scenario before it is opened: small enough to ship up front. */
export interface ScenarioCard {
  readonly id: string;
  readonly title: LocalText;
  readonly summary: LocalText;
  readonly motive: Motive;
  readonly difficulty: number;
  readonly channel: Scenario['setting']['channel'];
  /** Languages the whole card and opening are written in. */
  readonly languages: Lang[];
  /** Written in this browser (the Author screen), not shipped with the app. */
  readonly custom?: boolean;
}

/** The library card of a (valid) scenario. */
export function scenarioCard(s: Scenario): ScenarioCard {
  const texts: LocalText[] = [s.title, s.summary, ...s.opening];
  const languages = (['zh', 'en'] as const).filter((l) => texts.every((x) => typeof x === 'object' && x[l] !== undefined));
  return {
    id: s.id,
    title: s.title,
    summary: s.summary,
    motive: s.customer.motive,
    difficulty: s.difficulty,
    channel: s.setting.channel,
    languages,
  };
}
