import type { LlmNotice } from '../../../src/llm/notices.ts';
import type { Lang } from '../../../src/text/messages.ts';
import { lt } from './texts.ts';

/**
 * Above the reply box with the model on: which model words the lines, and the session's notices
 * (a failure shows one, then the conversation carries on with scripted lines). The status region
 * is there from the start so a screen reader announces a notice when it appears.
 */
export function LlmNotices({ lang, model, notices }: { lang: Lang; model: string; notices: readonly LlmNotice[] }) {
  return (
    <div className="llm-status" data-testid="llm-status">
      <p className="muted small llm-badge" data-testid="llm-badge"><span aria-hidden="true">✦ </span>{lt('badge', lang, { model })}</p>
      <div role="status">
        {notices.map((n) => (
          <p key={n.code} className="llm-notice" data-testid="llm-notice" data-code={n.code}>{n.message}</p>
        ))}
      </div>
    </div>
  );
}
