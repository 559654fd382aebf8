import { catalog, type Lang } from '../text/messages.ts';
import type { Endings } from '../scenario/schema.ts';

type Threat = Endings['escalated']['threat'];

const names = catalog<Threat>({
  consumer_council: { zh: '去消费者协会投诉', en: 'to the consumer council' },
  media: { zh: '找媒体曝光', en: 'to the press' },
  lawyer: { zh: '找律师', en: 'to a lawyer' },
  regulator: { zh: '向监管部门举报', en: 'to the regulator' },
  manager: { zh: '找你们领导', en: 'to your manager' },
});

/** Where an escalating customer says they will take the complaint, worded for people. */
export function threatText(threat: Threat, lang: Lang): string {
  return names(threat, lang);
}
