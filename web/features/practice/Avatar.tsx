import type { Lang } from '../../../src/text/messages.ts';
import { t } from '../../app/texts.ts';
import { moodOf } from './mood.ts';

const SKIN = { calm: '#f3d2b3', annoyed: '#f0c09a', angry: '#eea47f', furious: '#e57d63' } as const;

/**
 * The customer's face, drawn in SVG: brows tilt and the mouth turns down as anger rises.
 * Screen readers get the mood as words.
 */
export function Avatar({ anger, lang, name }: { anger: number; lang: Lang; name: string }) {
  const mood = moodOf(anger);
  const tilt = (anger / 100) * 14; // inner brow ends drop as anger rises
  const mouth = 12 - (anger / 100) * 24; // positive: smile, negative: frown
  return (
    <figure className={`avatar mood-${mood}`} data-testid="avatar" data-mood={mood}>
      <svg viewBox="0 0 100 100" width="88" height="88" role="img" aria-label={`${name}: ${t(`face_${mood}`, lang)}`}>
        <circle cx="50" cy="52" r="40" fill={SKIN[mood]} stroke="#7a4b2a" strokeWidth="2" />
        <path d="M14 40 Q20 6 50 8 Q80 6 86 40 Q70 22 50 24 Q30 22 14 40 Z" fill="#3b2a20" />
        <line x1="28" y1={38 - tilt / 3} x2="44" y2={38 + tilt / 2} stroke="#3b2a20" strokeWidth="3.5" strokeLinecap="round" />
        <line x1="72" y1={38 - tilt / 3} x2="56" y2={38 + tilt / 2} stroke="#3b2a20" strokeWidth="3.5" strokeLinecap="round" />
        <circle cx="37" cy="49" r="4" fill="#2b1d14" />
        <circle cx="63" cy="49" r="4" fill="#2b1d14" />
        <path d={`M34 ${72 - mouth / 2} Q50 ${72 + mouth} 66 ${72 - mouth / 2}`} fill="none" stroke="#5b2b1b" strokeWidth="3.5" strokeLinecap="round" />
        {mood === 'furious' && (
          <g stroke="#c2410c" strokeWidth="3" strokeLinecap="round" aria-hidden="true">
            <line x1="8" y1="20" x2="16" y2="28" />
            <line x1="92" y1="20" x2="84" y2="28" />
          </g>
        )}
      </svg>
    </figure>
  );
}
