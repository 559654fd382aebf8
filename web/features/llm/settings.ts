/**
 * The web app's local-model setting: off by default, Ollama's host and the model, kept in
 * localStorage. A missing, damaged or hand-edited value reads as the defaults (field by field),
 * never as an error. Small on purpose: this module is in the first screen's bundle; everything
 * that talks to Ollama is loaded only when the setting is on (see runtime.ts).
 */

/** Where Ollama listens by default (Ollama's own default; the CLI's DEFAULT_OLLAMA_HOST). */
export const DEFAULT_HOST = 'http://127.0.0.1:11434';
/** The CLI's DEFAULT_OLLAMA_MODEL (src/node/ollama-config.ts, which the browser cannot import). */
export const DEFAULT_MODEL = 'qwen2.5:7b';

export interface LlmSettings {
  readonly enabled: boolean;
  readonly host: string;
  readonly model: string;
}

export const DEFAULT_SETTINGS: LlmSettings = { enabled: false, host: DEFAULT_HOST, model: DEFAULT_MODEL };

export const SETTINGS_KEY = 'complaint-dojo.llm.v1';

/**
 * A host as Ollama's OLLAMA_HOST accepts it ("host:port", ":port", a scheme optional, 0.0.0.0
 * meaning this machine), as a URL without a trailing slash; undefined when it is not usable.
 */
export function normalizeHost(raw: string): string | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  const text = value.includes('://') ? value : `http://${value.startsWith(':') ? `127.0.0.1${value}` : value}`;
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
    if (url.port === '' && !value.includes('://')) url.port = '11434';
    return url.toString().replace(/\/$/, '');
  } catch {
    return undefined;
  }
}

/** A model name as Ollama shows them: no spaces or control characters, not too long. */
const MODEL_NAME = /^[\w.:/@+-]{1,200}$/;

/** Read a stored value; anything unusable falls back to the default for that field. */
export function readSettings(raw: string | null): LlmSettings {
  if (raw === null) return DEFAULT_SETTINGS;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return DEFAULT_SETTINGS;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return DEFAULT_SETTINGS;
  const d = data as Record<string, unknown>;
  const host = typeof d.host === 'string' ? normalizeHost(d.host) : undefined;
  const model = typeof d.model === 'string' && MODEL_NAME.test(d.model.trim()) ? d.model.trim() : undefined;
  return { enabled: d.enabled === true, host: host ?? DEFAULT_HOST, model: model ?? DEFAULT_MODEL };
}

/** Is `model` among the server's models? A name without a tag means ':latest', as in Ollama (and `dojo doctor`). */
export function modelPresent(model: string, names: readonly string[]): boolean {
  const full = model.includes(':') ? model : `${model}:latest`;
  return names.includes(full) || names.includes(model);
}

export function isModelName(text: string): boolean {
  return MODEL_NAME.test(text.trim());
}

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

let current: LlmSettings | undefined;
const listeners = new Set<() => void>();

/** The current settings (read from storage once, then kept in memory). */
export function getLlmSettings(): LlmSettings {
  if (!current) {
    let raw: string | null = null;
    try {
      raw = storage()?.getItem(SETTINGS_KEY) ?? null;
    } catch {
      raw = null;
    }
    current = readSettings(raw);
  }
  return current;
}

/** Change and remember the settings; screens using `subscribeLlmSettings` follow at once. */
export function setLlmSettings(change: Partial<LlmSettings>): LlmSettings {
  current = { ...getLlmSettings(), ...change };
  try {
    storage()?.setItem(SETTINGS_KEY, JSON.stringify(current));
  } catch {
    // Storage full or blocked: the setting still holds for this page.
  }
  for (const l of listeners) l();
  return current;
}

export function subscribeLlmSettings(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
