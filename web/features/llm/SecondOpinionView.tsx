import { DIFF_THRESHOLD } from '../../../src/llm/compare.ts';
import type { LlmNoticeCode } from '../../../src/llm/notices.ts';
import type { DimensionDef } from '../../../src/rubric/data.ts';
import { localize } from '../../../src/scenario/schema.ts';
import { catalog, type Lang } from '../../../src/text/messages.ts';
import { lt } from './texts-lazy.ts';
import type { OpinionState } from './use-llm.ts';

/** Why the second opinion is missing, in a report's words (the practice notices speak of lines). */
const why = catalog<LlmNoticeCode>({
  llm_unreachable: {
    zh: '{host} 上的 Ollama 没有响应。请确认它已启动,并用 OLLAMA_ORIGINS 允许本页来源。',
    en: "Ollama at {host} did not answer. Check that it is running and allows this page's origin (OLLAMA_ORIGINS).",
  },
  llm_model_missing: { zh: '服务器上没有模型 {model}:请运行 ollama pull {model}。', en: "Model {model} is not on the server: run 'ollama pull {model}'." },
  llm_server_error: { zh: 'Ollama 服务器出错。', en: 'The Ollama server reported an error.' },
  llm_timeout: { zh: '模型太久没有回答。', en: 'The model took too long to answer.' },
  llm_malformed: { zh: '服务器返回了无法解析的数据。', en: 'The server sent data that could not be read.' },
  llm_stream_broken: { zh: '回答中途断开了。', en: 'The answer broke off midway.' },
  llm_line_rejected: { zh: '模型的回答未通过检查。', en: "The model's answer failed a check." },
  judge_invalid: { zh: '模型的回答格式不对,已忽略。', en: "The model's answer was not in the expected form and was ignored." },
});

/**
 * The model's grades beside the rule engine's, per dimension and in total, with rows more than
 * 15 points apart marked. The rule score is labelled official; this panel only adds a view.
 */
export default function SecondOpinionView({ lang, opinion, dimensions }: { lang: Lang; opinion: OpinionState; dimensions: readonly DimensionDef[] }) {
  const title = lt('soTitle', lang, { model: opinion.model });
  if (opinion.status === 'loading') {
    return (
      <section className="panel second-opinion" data-testid="second-opinion" data-status="loading" aria-labelledby="so-title" aria-busy="true">
        <h2 id="so-title">{title}</h2>
        <p role="status" className="muted" data-testid="second-opinion-loading"><span className="spinner" aria-hidden="true" /> {lt('soLoading', lang, { model: opinion.model })}</p>
      </section>
    );
  }
  const o = opinion.opinion;
  if (o.status !== 'ok') {
    return (
      <section className="panel second-opinion" data-testid="second-opinion" data-status="unavailable" aria-labelledby="so-title">
        <h2 id="so-title">{title}</h2>
        <div role="status" className="llm-notice" data-testid="second-opinion-notice" data-code={o.code}>
          <p>{lt('soUnavailable', lang)}</p>
          <p className="small">{why(o.code, lang, { host: opinion.host, model: opinion.model })}</p>
        </div>
      </section>
    );
  }
  const names = new Map<string, string>(dimensions.map((d) => [d.id, `${localize(d.name, lang)} ${d.weight}%`]));
  names.set('total', lt('soTotal', lang));
  const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
  return (
    <section className="panel second-opinion" data-testid="second-opinion" data-status="ok" aria-labelledby="so-title">
      <h2 id="so-title">{title} {o.cached && <span className="muted small">{lt('soCached', lang)}</span>}</h2>
      <p className="muted small">{lt('soNote', lang, { n: DIFF_THRESHOLD })}</p>
      <table className="so-table">
        <thead>
          <tr>
            <th scope="col">{lt('soDimension', lang)}</th>
            <th scope="col" className="num">{lt('soRules', lang)}</th>
            <th scope="col" className="num">{lt('soModel', lang)}</th>
            <th scope="col" className="num">{lt('soDiff', lang)}</th>
          </tr>
        </thead>
        <tbody>
          {o.comparison.rows.map((r) => (
            <tr key={r.id} className={`${r.differs ? 'differs' : ''} ${r.id === 'total' ? 'so-total' : ''}`} data-testid={`so-row-${r.id}`} data-differs={r.differs}>
              <th scope="row">{names.get(r.id) ?? r.id}</th>
              <td className="num" data-testid="so-rules">{r.rules}</td>
              <td className="num" data-testid="so-model">{r.model}</td>
              <td className="num">
                {signed(r.diff)}
                {r.differs && (
                  <span className="so-mark" data-testid="so-mark" title={lt('soDiffers', lang, { n: DIFF_THRESHOLD })}>
                    <span aria-hidden="true"> ≠</span>
                    <span className="visually-hidden">{lt('soDiffers', lang, { n: DIFF_THRESHOLD })}</span>
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {o.verdict.comment && (
        <>
          <h3>{lt('soComment', lang)}</h3>
          <blockquote data-testid="so-comment">{o.verdict.comment}</blockquote>
        </>
      )}
    </section>
  );
}
