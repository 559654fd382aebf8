import { lazy, Suspense, useRef, useState } from 'react';
import type { Lang } from '../../../src/text/messages.ts';
import { lt } from './texts.ts';
import { useLlmSettings } from './use-llm.ts';

const LlmSettingsForm = lazy(() => import('./LlmSettingsForm.tsx'));

/**
 * The header's "Local model" button (showing on/off; off by default) and its settings dialog.
 * The form is fetched when the dialog first opens, so the first screen does not carry it.
 */
export function LlmSettingsButton({ lang }: { lang: Lang }) {
  const settings = useLlmSettings();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const show = () => {
    setOpen(true);
    dialog.current?.showModal?.();
  };
  return (
    <>
      <button type="button" className="llm-open" data-testid="llm-settings-open" aria-haspopup="dialog" title={lt('openLabel', lang)} onClick={show}>
        <span aria-hidden="true">✦ </span>
        {lt('open', lang, { state: settings.enabled ? lt('stateOn', lang) : lt('stateOff', lang) })}
      </button>
      <dialog ref={dialog} className="llm-dialog" data-testid="llm-settings" aria-labelledby="llm-settings-title" onClose={() => setOpen(false)}>
        {open && (
          <Suspense fallback={<p className="muted">…</p>}>
            <LlmSettingsForm lang={lang} onDone={() => dialog.current?.close()} />
          </Suspense>
        )}
      </dialog>
    </>
  );
}
