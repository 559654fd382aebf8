import { useMemo, useState } from 'react';
import { formatIssue } from '../../../src/scenario/issues.ts';
import type { ScenarioCard } from '../../../src/scenario/card.ts';
import type { Issue } from '../../../src/scenario/issues.ts';
import { localize, type Motive } from '../../../src/scenario/schema.ts';
import type { Lang } from '../../../src/text/messages.ts';
import type { Attempt } from '../../app/attempts.ts';
import { t } from '../../app/texts.ts';

const MOTIVES: Motive[] = ['vent', 'respect', 'compensation'];

/** Until the full library has loaded (with its Traditional→Simplified folding), search folds case and width. */
const simpleFold = (text: string) => text.normalize('NFKC').toLowerCase();

/** The scenario library: cards with title, motive, difficulty and languages; search and filters. */
export function LibraryScreen({ lang, cards, issues, fold = simpleFold, attempts, onStart, onResume }: {
  lang: Lang;
  cards: readonly ScenarioCard[];
  /** Problems found loading the library; `unusable` when the rubric itself is broken. */
  issues: { list: readonly Issue[]; unusable: boolean };
  fold?: (text: string) => string;
  attempts: readonly Attempt[];
  onStart: (id: string) => void;
  onResume: (a: Attempt) => void;
}) {
  const [query, setQuery] = useState('');
  const [motive, setMotive] = useState<Motive | ''>('');
  const [difficulty, setDifficulty] = useState<number | 0>(0);
  const shown = useMemo(() => {
    const q = fold(query.trim());
    return cards.filter((s) => {
      if (motive && s.motive !== motive) return false;
      if (difficulty && s.difficulty !== difficulty) return false;
      if (!q) return true;
      const hay = fold([s.id, localize(s.title, 'zh'), localize(s.title, 'en'), localize(s.summary, 'zh'), localize(s.summary, 'en')].join(' '));
      return hay.includes(q);
    });
  }, [cards, query, motive, difficulty, fold]);
  const errors = issues.list.filter((i) => i.severity === 'error');
  const unfinished = (id: string) => [...attempts].reverse().find((a) => a.scenario === id && !a.ended);

  return (
    <section aria-labelledby="library-title">
      <h1 id="library-title" tabIndex={-1}>{t('libraryTitle', lang)}</h1>
      <p className="lede">{t('tagline', lang)}</p>
      {issues.unusable && (
        <div className="problem" role="alert">
          <p>{t('rubricBroken', lang)}</p>
          <ul>{errors.map((i, n) => <li key={n}><code>{formatIssue(i, lang)}</code></li>)}</ul>
        </div>
      )}
      {!issues.unusable && errors.length > 0 && (
        <details className="problem" data-testid="library-issues">
          <summary>{t('brokenScenarios', lang, { n: new Set(errors.map((i) => i.file)).size })}</summary>
          <ul>{errors.map((i, n) => <li key={n}><code>{formatIssue(i, lang)}</code></li>)}</ul>
        </details>
      )}
      <div className="filters" role="search">
        <label>
          <span>{t('search', lang)}</span>
          <input type="search" value={query} placeholder={t('searchPlaceholder', lang)} onChange={(e) => setQuery(e.target.value)} data-testid="library-search" />
        </label>
        <label>
          <span>{t('motive', lang)}</span>
          <select value={motive} onChange={(e) => setMotive(e.target.value as Motive | '')}>
            <option value="">{t('all', lang)}</option>
            {MOTIVES.map((m) => <option key={m} value={m}>{t(`motive_${m}`, lang)}</option>)}
          </select>
        </label>
        <label>
          <span>{t('difficulty', lang)}</span>
          <select value={difficulty} onChange={(e) => setDifficulty(Number(e.target.value))}>
            <option value={0}>{t('all', lang)}</option>
            {[1, 2, 3].map((d) => <option key={d} value={d}>{t(`difficulty_${d as 1 | 2 | 3}`, lang)}</option>)}
          </select>
        </label>
      </div>
      <p className="count" aria-live="polite">{shown.length === 0 ? t('noMatch', lang) : t('shown', lang, { n: shown.length })}</p>
      <ul className="cards">
        {shown.map((s) => {
          const open = unfinished(s.id);
          const title = localize(s.title, lang);
          return (
            <li key={s.id} className="card" data-testid={`scenario-card-${s.id}`}>
              <h2>{title}{s.custom && <span className="badge custom-badge" data-testid="custom-badge">{t('custom', lang)}</span>}</h2>
              <p className="summary">{localize(s.summary, lang)}</p>
              <dl className="badges">
                <div><dt>{t('motive', lang)}</dt><dd className={`badge motive-${s.motive}`}>{t(`motive_${s.motive}`, lang)}</dd></div>
                <div><dt>{t('difficulty', lang)}</dt><dd className="badge">{t(`difficulty_${s.difficulty as 1 | 2 | 3}`, lang)} <span aria-hidden="true">{'●'.repeat(s.difficulty)}{'○'.repeat(3 - s.difficulty)}</span></dd></div>
                <div><dt>{t('languages', lang)}</dt><dd className="badge">{s.languages.map((l) => (l === 'zh' ? '中文' : 'English')).join(' · ')}</dd></div>
                <div><dt className="visually-hidden">{lang === 'zh' ? '渠道' : 'Channel'}</dt><dd className="badge">{t(`channel_${s.channel}`, lang)}</dd></div>
              </dl>
              <div className="card-actions">
                <button type="button" className="primary" data-testid="start-button" aria-label={`${t('start', lang)}: ${title}`} onClick={() => onStart(s.id)}>{t('start', lang)}</button>
                {open && (
                  <button type="button" data-testid="resume-button" aria-label={`${t('resume', lang)}: ${title}`} onClick={() => onResume(open)}>{t('resume', lang)}</button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
