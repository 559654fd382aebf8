import type { LlmClient, LlmMessage, LlmStream } from './client.ts';
import { cleanLine, guardLine, type GuardContext, type GuardReason } from './guard.ts';
import { classifyFailure, type LlmNoticeCode } from './notices.ts';
import { CUSTOMER_OPTIONS } from './prompt.ts';

/** Time limits for one streamed line, in milliseconds. */
export interface LineLimits {
  /** From the request to the first piece of text. */
  readonly firstTokenMs: number;
  /** From the request to the end of the line. */
  readonly totalMs: number;
}

export const DEFAULT_LINE_LIMITS: LineLimits = { firstTokenMs: 4000, totalMs: 20_000 };

/** How one line came out: the model's words, or the scripted line and why. */
export type StreamedLine =
  | { source: 'model'; text: string; firstTokenMs: number; totalMs: number }
  | { source: 'scripted'; failure: { code: LlmNoticeCode; detail: string }; firstTokenMs?: number }
  | { source: 'scripted'; rejected: { reason: GuardReason; evidence: string }; firstTokenMs?: number }
  | { source: 'scripted'; cancelled: true; firstTokenMs?: number };

/**
 * Stream the model's wording of one customer line. `onText` receives the cleaned text so far after
 * each piece, and is never called once the result is settled: after a time limit, an error or a
 * refusal by the guard, pieces still arriving are dropped and the request is aborted. Never throws.
 * A stream that grows past the guard's length limit is cut off at once.
 */
export function streamLine(input: {
  client: LlmClient;
  model: string;
  messages: LlmMessage[];
  guard: GuardContext;
  limits: LineLimits;
  clock: () => number;
  onText?: (text: string) => void;
  /** Aborting it settles the line as scripted at once (the trainee moved on), without a notice. */
  signal?: AbortSignal;
}): Promise<StreamedLine> {
  const { client, limits, clock, guard } = input;
  const start = clock();
  return new Promise<StreamedLine>((resolve) => {
    let settled = false;
    let stream: LlmStream | undefined;
    let first: number | undefined;
    let firstTimer: ReturnType<typeof setTimeout> | undefined;
    let totalTimer: ReturnType<typeof setTimeout> | undefined;
    const finish = (result: StreamedLine) => {
      if (settled) return;
      settled = true;
      clearTimeout(firstTimer);
      clearTimeout(totalTimer);
      stream?.abort();
      resolve(result);
    };
    const timeout = (ms: number) => finish({ source: 'scripted', failure: { code: 'llm_timeout', detail: String(ms) }, ...(first === undefined ? {} : { firstTokenMs: first }) });
    if (input.signal?.aborted) return finish({ source: 'scripted', cancelled: true });
    input.signal?.addEventListener('abort', () => finish({ source: 'scripted', cancelled: true }), { once: true });
    firstTimer = setTimeout(() => first === undefined && timeout(limits.firstTokenMs), limits.firstTokenMs);
    totalTimer = setTimeout(() => timeout(limits.totalMs), limits.totalMs);

    client.chat({ model: input.model, messages: input.messages, stream: true, options: { ...CUSTOMER_OPTIONS } }).then(
      async (s) => {
        // The answer came after a time limit: stop it, nothing of it is shown.
        if (settled) return s.abort();
        stream = s;
        let raw = '';
        try {
          for await (const chunk of s) {
            if (settled) return;
            const piece = chunk.message?.content ?? '';
            if (piece !== '') {
              if (first === undefined) {
                first = clock() - start;
                clearTimeout(firstTimer);
              }
              raw += piece;
              const text = cleanLine(raw);
              if ([...text].length > guard.maxChars) {
                return finish({ source: 'scripted', rejected: { reason: 'too_long', evidence: `> ${guard.maxChars}` }, firstTokenMs: first });
              }
              input.onText?.(text);
            }
            if (chunk.done) break;
          }
        } catch (e) {
          return finish({ source: 'scripted', failure: classifyFailure(e, 'stream'), ...(first === undefined ? {} : { firstTokenMs: first }) });
        }
        if (settled) return;
        const verdict = guardLine(raw, guard);
        finish(
          verdict.ok
            ? { source: 'model', text: verdict.text, firstTokenMs: first ?? clock() - start, totalMs: clock() - start }
            : { source: 'scripted', rejected: { reason: verdict.reason, evidence: verdict.evidence }, ...(first === undefined ? {} : { firstTokenMs: first }) },
        );
      },
      (e: unknown) => finish({ source: 'scripted', failure: classifyFailure(e, 'request') }),
    );
  });
}
