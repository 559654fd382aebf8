import { catalog, type Lang } from '../text/messages.ts';

/**
 * Why the model's help was not used. Transport codes (the first six) switch the model off for the
 * rest of the session, so a trainee sees one notice and then plain scripted lines; the others
 * concern one line or one verdict only.
 */
export type LlmNoticeCode =
  | 'llm_unreachable'
  | 'llm_model_missing'
  | 'llm_server_error'
  | 'llm_timeout'
  | 'llm_malformed'
  | 'llm_stream_broken'
  | 'llm_line_rejected'
  | 'judge_invalid';

export const TRANSPORT_CODES: ReadonlySet<LlmNoticeCode> = new Set([
  'llm_unreachable',
  'llm_model_missing',
  'llm_server_error',
  'llm_timeout',
  'llm_malformed',
  'llm_stream_broken',
]);

export interface LlmNotice {
  readonly code: LlmNoticeCode;
  readonly message: string;
}

const text = catalog<LlmNoticeCode>({
  llm_unreachable: {
    zh: '本地模型没有响应({host}),改用剧本台词。请确认 Ollama 已启动;浏览器还需用 OLLAMA_ORIGINS 允许本页来源。',
    en: 'The local model did not answer ({host}); using scripted lines. Check that Ollama is running; a browser page also needs its origin in OLLAMA_ORIGINS.',
  },
  llm_model_missing: {
    zh: '本地服务器上没有模型 {model},改用剧本台词。请先运行 ollama pull {model}。',
    en: "Model {model} is not on the local server; using scripted lines. Run 'ollama pull {model}' first.",
  },
  llm_server_error: {
    zh: '本地模型服务出错({detail}),改用剧本台词。',
    en: 'The local model server failed ({detail}); using scripted lines.',
  },
  llm_timeout: {
    zh: '本地模型 {ms} 毫秒内没有回应,改用剧本台词。',
    en: 'The local model gave nothing within {ms} ms; using scripted lines.',
  },
  llm_malformed: {
    zh: '本地模型返回了无法解析的数据,改用剧本台词。',
    en: 'The local model sent data that could not be read; using scripted lines.',
  },
  llm_stream_broken: {
    zh: '本地模型的回复中途断开,改用剧本台词。',
    en: 'The local model stopped mid-reply; using scripted lines.',
  },
  llm_line_rejected: {
    zh: '模型生成的顾客台词未通过检查({reason}),已换成剧本台词。',
    en: "The model's customer line failed a check ({reason}); the scripted line was used instead.",
  },
  judge_invalid: {
    zh: '模型的第二意见格式不对,已忽略;以规则评分为准。',
    en: "The model's second opinion was not in the expected form and was ignored; the rule score stands.",
  },
});

const reasons = catalog({
  empty: { zh: '内容为空', en: 'empty' },
  too_long: { zh: '太长', en: 'too long' },
  wrong_language: { zh: '语言不对', en: 'wrong language' },
  speaks_as_ai: { zh: '自称 AI 或助手', en: 'spoke as an AI or assistant' },
  contradicts_facts: { zh: '与场景事实不符', en: "contradicted the scenario's facts" },
  unrevealed_fact: { zh: '说出了学员还没问到的事实', en: 'told a fact the trainee has not asked about' },
});

/** A guard reason in words, for the `llm_line_rejected` notice. */
export const guardReasonText = (reason: Parameters<typeof reasons>[0], lang: Lang): string => reasons(reason, lang);

/** Word a notice in `lang`: the one place notice wording lives. */
export function llmNotice(code: LlmNoticeCode, lang: Lang, params: Readonly<Record<string, string | number>> = {}): LlmNotice {
  return { code, message: text(code, lang, params) };
}

/** Where a failure happened: before any answer arrived, or while a streamed answer was being read. */
export type FailurePhase = 'request' | 'stream';

/** Marks a garbled NDJSON line (see strict-fetch.ts): the error text the client throws. */
export const MALFORMED_MARK = 'dojo:malformed_json';

/**
 * Turn an error from the client into a notice code and a short detail. ollama-js throws a
 * `ResponseError` with `status_code` for HTTP errors (404 'model … not found' when the model is
 * missing), a `TypeError` when the server cannot be reached, and plain errors when a stream ends
 * early or carries an error.
 */
export function classifyFailure(error: unknown, phase: FailurePhase): { code: LlmNoticeCode; detail: string } {
  const e = error as { status_code?: unknown; message?: unknown; name?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(error);
  if (message.includes(MALFORMED_MARK) || (error as Error)?.name === 'SyntaxError') return { code: 'llm_malformed', detail: 'json' };
  if (typeof e?.status_code === 'number') {
    if (e.status_code === 404 && /not found|pull/i.test(message)) return { code: 'llm_model_missing', detail: message };
    return { code: 'llm_server_error', detail: `HTTP ${e.status_code}` };
  }
  if (phase === 'stream') return { code: 'llm_stream_broken', detail: message };
  return { code: 'llm_unreachable', detail: message };
}
