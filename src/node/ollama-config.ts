import { Ollama } from 'ollama';
import type { LlmClient } from '../llm/client.ts';
import type { LlmLimits } from '../llm/session.ts';
import { strictFetch } from '../llm/strict-fetch.ts';

/** Where Ollama listens unless OLLAMA_HOST says otherwise (Ollama's own default). */
export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';

/**
 * The model used unless OLLAMA_MODEL or --model says otherwise. Qwen 2.5 7B (about 4.7 GB) writes
 * natural Chinese and English and follows a JSON Schema well; on a small machine try qwen2.5:3b.
 */
export const DEFAULT_OLLAMA_MODEL = 'qwen2.5:7b';

export interface OllamaConfig {
  readonly host: string;
  readonly model: string;
  readonly limits: Partial<LlmLimits>;
}

const LIMIT_ENV = {
  DOJO_LLM_FIRST_TOKEN_MS: 'firstTokenMs',
  DOJO_LLM_LINE_MS: 'totalMs',
  DOJO_LLM_LOAD_MS: 'loadMs',
  DOJO_LLM_JUDGE_MS: 'judgeMs',
} as const;

/**
 * Read the configuration: OLLAMA_HOST (as Ollama itself accepts it: "host:port", "0.0.0.0" meaning
 * this machine, a scheme optional), OLLAMA_MODEL or `model` (from --model, which wins), and the
 * time limits DOJO_LLM_FIRST_TOKEN_MS, DOJO_LLM_LINE_MS, DOJO_LLM_LOAD_MS, DOJO_LLM_JUDGE_MS.
 * Returns an error message for a value that cannot be used.
 */
export function ollamaConfig(env: Readonly<Record<string, string | undefined>>, model?: string): OllamaConfig | { error: string } {
  const host = hostFrom(env.OLLAMA_HOST);
  if (host === undefined) return { error: `OLLAMA_HOST is not a usable address: '${env.OLLAMA_HOST}'` };
  const limits: { -readonly [K in keyof LlmLimits]?: number } = {};
  for (const [name, key] of Object.entries(LIMIT_ENV) as [keyof typeof LIMIT_ENV, keyof LlmLimits][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const ms = Number(raw);
    if (!Number.isInteger(ms) || ms <= 0) return { error: `${name} must be a whole number of milliseconds above 0, not '${raw}'` };
    limits[key] = ms;
  }
  const chosen = (model ?? env.OLLAMA_MODEL ?? '').trim() || DEFAULT_OLLAMA_MODEL;
  return { host, model: chosen, limits };
}

function hostFrom(raw: string | undefined): string | undefined {
  const value = (raw ?? '').trim();
  if (value === '') return DEFAULT_OLLAMA_HOST;
  let text = value.includes('://') ? value : `http://${value.startsWith(':') ? `127.0.0.1${value}` : value}`;
  try {
    const url = new URL(text);
    // The server's own OLLAMA_HOST is often 0.0.0.0 (listen everywhere); to talk to it, use this machine.
    if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
    if (url.port === '' && !value.includes('://')) url.port = '11434';
    text = url.toString().replace(/\/$/, '');
    return text;
  } catch {
    return undefined;
  }
}

/** The ollama-js client for `host`, with faults turned into errors instead of console output. */
export function createOllamaClient(host: string): LlmClient {
  return new Ollama({ host, fetch: strictFetch(fetch) as typeof fetch });
}

/** Is `model` among the server's models? A name without a tag means ':latest', as in Ollama. */
export function modelPresent(model: string, names: readonly string[]): boolean {
  const full = model.includes(':') ? model : `${model}:latest`;
  return names.includes(full) || names.includes(model);
}
