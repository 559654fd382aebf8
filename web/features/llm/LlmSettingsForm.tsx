import { useEffect, useId, useState } from 'react';
import type { Lang } from '../../../src/text/messages.ts';
import type { ConnectionCheck } from './runtime.ts';
import { isModelName, modelPresent, normalizeHost, setLlmSettings } from './settings.ts';
import { lt } from './texts-lazy.ts';
import { loadRuntime, useLlmSettings } from './use-llm.ts';

/**
 * The settings dialog's form (fetched when the dialog first opens): on/off, Ollama's address and
 * the model, each change saved at once; "Check connection" lists the server's models and says
 * whether the configured one is there, like `dojo doctor`.
 */
export default function LlmSettingsForm({ lang, onDone }: { lang: Lang; onDone: () => void }) {
  const settings = useLlmSettings();
  const id = useId();
  const [host, setHost] = useState(settings.host);
  const [model, setModel] = useState(settings.model);
  const [check, setCheck] = useState<ConnectionCheck | 'checking' | undefined>(undefined);
  const hostOk = normalizeHost(host) !== undefined;
  const modelOk = isModelName(model);
  // A new check is needed once the address changes; whether the model is there follows the field.
  useEffect(() => setCheck(undefined), [settings.host]);
  const present = check && check !== 'checking' && check.ok && modelPresent(settings.model, check.models);

  const runCheck = async () => {
    setCheck('checking');
    try {
      const r = await loadRuntime();
      setCheck(await r.checkConnection(settings.host, settings.model, lang));
    } catch (e) {
      setCheck({ ok: false, message: String((e as Error)?.message ?? e) });
    }
  };

  return (
    <form className="llm-form" method="dialog" onSubmit={(e) => { e.preventDefault(); onDone(); }}>
      <h2 id="llm-settings-title">{lt('title', lang)}</h2>
      <p className="muted small">{lt('intro', lang)}</p>
      <label className="llm-toggle">
        <input type="checkbox" data-testid="llm-enabled" checked={settings.enabled} onChange={(e) => setLlmSettings({ enabled: e.target.checked })} />
        {lt('enabled', lang)}
      </label>
      <label htmlFor={`${id}-host`}>{lt('host', lang)}</label>
      <input
        id={`${id}-host`}
        data-testid="llm-host"
        value={host}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={!hostOk}
        aria-describedby={hostOk ? undefined : `${id}-host-error`}
        onChange={(e) => {
          setHost(e.target.value);
          const h = normalizeHost(e.target.value);
          if (h) setLlmSettings({ host: h });
        }}
      />
      {!hostOk && <p id={`${id}-host-error`} className="field-error small">{lt('hostInvalid', lang, { host: settings.host })}</p>}
      <label htmlFor={`${id}-model`}>{lt('model', lang)}</label>
      <input
        id={`${id}-model`}
        data-testid="llm-model"
        value={model}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={!modelOk}
        onChange={(e) => {
          setModel(e.target.value);
          if (isModelName(e.target.value)) setLlmSettings({ model: e.target.value.trim() });
        }}
      />
      <div className="llm-actions">
        <button type="button" data-testid="llm-check" onClick={() => void runCheck()} disabled={check === 'checking'}>{lt('check', lang)}</button>
      </div>
      <div role="status" data-testid="llm-check-result" className="llm-check">
        {check === 'checking' && <p className="muted">{lt('checking', lang, { host: settings.host })}</p>}
        {check && check !== 'checking' && !check.ok && <p className="llm-notice" data-ok="false">{check.message}</p>}
        {check && check !== 'checking' && check.ok && (
          <>
            <p data-ok="true">{lt('checkOk', lang, { n: check.models.length })}</p>
            <p className={present ? 'good' : 'field-error'} data-testid="llm-model-present" data-present={present}>
              {present ? lt('modelThere', lang, { model: settings.model }) : lt('modelNotThere', lang, { model: settings.model })}
            </p>
          </>
        )}
      </div>
      {check && check !== 'checking' && check.ok && check.models.length > 0 && (
        <>
          <h3 className="small">{lt('models', lang)}</h3>
          <ul className="llm-models" data-testid="llm-models">
            {check.models.map((m) => (
              <li key={m}>
                <code>{m}</code>{' '}
                {m !== settings.model && (
                  <button type="button" className="quiet" onClick={() => { setModel(m); setLlmSettings({ model: m }); }} aria-label={`${lt('use', lang)} ${m}`}>{lt('use', lang)}</button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="muted small" data-testid="llm-origin-note">{lt('originNote', lang, { origin: window.location.origin })}</p>
      <p className="muted small">{lt('savedNote', lang)}</p>
      <div className="llm-actions">
        <button type="submit" className="primary" data-testid="llm-settings-close">{lt('close', lang)}</button>
      </div>
    </form>
  );
}
