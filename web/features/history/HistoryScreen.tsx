import { useRef, useState } from 'react';
import type { CompiledRubric } from '../../../src/rubric/compile.ts';
import { localize, type Scenario } from '../../../src/scenario/schema.ts';
import type { Lang } from '../../../src/text/messages.ts';
import type { Attempt, AttemptStore } from '../../app/attempts.ts';
import { downloadText } from '../../app/download.ts';
import { t } from '../../app/texts.ts';
import { LineChart } from '../report/LineChart.tsx';

/** Exports of years of practice stay far below this; anything bigger is not one (and would stall the page). */
const IMPORT_MAX_MB = 20;

const mean = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : 0);

/**
 * Past attempts, newest first; the total score over time; per-dimension trend (the last three
 * finished attempts against the first three); export to and import from JSON.
 */
export function HistoryScreen({ lang, attempts, scenarios, rubric, store, onChanged, onOpen }: {
  lang: Lang;
  attempts: readonly Attempt[];
  scenarios: readonly Scenario[];
  rubric?: CompiledRubric;
  store: AttemptStore;
  onChanged: () => void;
  onOpen: (a: Attempt) => void;
}) {
  const [message, setMessage] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);
  const finished = attempts.filter((a) => a.ended && a.total !== undefined);
  const title = (id: string) => {
    const s = scenarios.find((x) => x.id === id);
    return s ? localize(s.title, lang) : id;
  };
  const date = (ms: number) => new Date(ms).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });

  const download = () => downloadText(`complaint-dojo-attempts-${new Date().toISOString().slice(0, 10)}.json`, store.exportJson(), 'application/json');

  const importFile = async (file: File) => {
    if (file.size > IMPORT_MAX_MB * 1024 * 1024) {
      setMessage(t('importTooLarge', lang, { mb: IMPORT_MAX_MB }));
      return;
    }
    const r = store.importJson(await file.text());
    if (r.error === 'not_json') setMessage(t('importNotJson', lang));
    else if (r.error === 'not_export') setMessage(t('importNotExport', lang));
    else setMessage(t('imported', lang, { n: r.imported, m: r.rejected }));
    onChanged();
  };

  return (
    <section aria-labelledby="history-title" className="history">
      <h1 id="history-title" tabIndex={-1}>{t('historyTitle', lang)}</h1>
      <div className="history-actions">
        <button type="button" onClick={download} disabled={attempts.length === 0} data-testid="export">{t('exportJson', lang)}</button>
        <button type="button" onClick={() => fileRef.current?.click()} data-testid="import">{t('importJson', lang)}</button>
        <input ref={fileRef} type="file" accept="application/json,.json" hidden data-testid="import-file" onChange={(e) => { const f = e.target.files?.[0]; if (f) void importFile(f); e.target.value = ''; }} />
      </div>
      <p role="status" className="muted">{message}</p>
      {attempts.length === 0 ? (
        <p>{t('noHistory', lang)}</p>
      ) : (
        <>
          {finished.length > 0 && (
            <div className="report-grid">
              <section className="panel" aria-labelledby="over-time">
                <h2 id="over-time">{t('scoresOverTime', lang)}</h2>
                <LineChart
                  values={finished.map((a) => a.total!)}
                  xLabels={finished.map((_, i) => String(i + 1))}
                  label={`${t('scoresOverTime', lang)}: ${finished.map((a) => a.total).join(', ')}`}
                  color="#1d4ed8"
                  testId="history-chart"
                />
              </section>
              {rubric && (
                <section className="panel" aria-labelledby="trend">
                  <h2 id="trend">{t('trend', lang)}</h2>
                  <table className="trend">
                    <tbody>
                      {rubric.data.dimensions.map((d) => {
                        const xs = finished.map((a) => a.dimensions?.[d.id] ?? 0);
                        const first = mean(xs.slice(0, 3));
                        const last = mean(xs.slice(-3));
                        const delta = last - first;
                        return (
                          <tr key={d.id} data-testid={`trend-${d.id}`}>
                            <th scope="row">{localize(d.name, lang)}</th>
                            <td className="num">{first}</td>
                            <td aria-hidden="true">→</td>
                            <td className="num">{last}</td>
                            <td className={delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat'}>{delta > 0 ? `▲ +${delta}` : delta < 0 ? `▼ ${delta}` : '＝ 0'}</td>
                            <td><LineChart compact values={xs} width={120} height={32} color="#1d4ed8" label={`${localize(d.name, lang)}: ${xs.join(', ')}`} /></td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </section>
              )}
            </div>
          )}
          <table className="attempts" data-testid="attempts">
            <thead>
              <tr>
                <th scope="col">{t('when', lang)}</th>
                <th scope="col">{t('scenario', lang)}</th>
                <th scope="col">{t('outcome', lang)}</th>
                <th scope="col" className="num">{t('score', lang)}</th>
                <th scope="col"><span className="visually-hidden">{t('open', lang)}</span></th>
              </tr>
            </thead>
            <tbody>
              {[...attempts].reverse().map((a) => (
                <tr key={a.id}>
                  <td>{date(a.state.startedAt)}</td>
                  <td>{title(a.scenario)}</td>
                  <td>{a.ended ? t(`outcome_${a.state.outcome}`, lang) : t('inProgress', lang)}</td>
                  <td className="num">{a.total ?? '—'}</td>
                  <td><button type="button" className="quiet" onClick={() => onOpen(a)}>{a.ended ? t('open', lang) : t('resume', lang)}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
