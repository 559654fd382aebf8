import type { Lang } from '../../../src/text/messages.ts';
import { t } from '../../app/texts.ts';
import { moodOf } from './mood.ts';

/** The anger meter: a labelled ARIA meter whose colour goes from green to red. */
export function AngerMeter({ anger, lang }: { anger: number; lang: Lang }) {
  return (
    <div className="anger">
      <span className="anger-label" id="anger-label">{t('anger', lang)}</span>
      <div
        className={`anger-meter mood-${moodOf(anger)}`}
        role="meter"
        aria-labelledby="anger-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={anger}
        aria-valuetext={t('angerValue', lang, { n: anger })}
        data-testid="anger-meter"
      >
        <div className="anger-fill" style={{ width: `${anger}%` }} />
      </div>
      <span className="anger-value" aria-hidden="true">{anger}</span>
    </div>
  );
}
