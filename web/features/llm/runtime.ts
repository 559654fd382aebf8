/**
 * Everything that talks to Ollama from the browser: the `ollama/browser` client (through the
 * core's strictFetch, so faults become notices instead of console output), the model sessions of
 * src/llm/session.ts, and a verdict cache in localStorage. Loaded with a dynamic import only when
 * the setting is on or the trainee checks the connection, so the first screen does not carry it.
 */
import { Ollama } from 'ollama/browser';
import type { LlmClient } from '../../../src/llm/client.ts';
import { JudgeVerdict, type JudgeCache } from '../../../src/llm/judge.ts';
import { classifyFailure, llmNotice } from '../../../src/llm/notices.ts';
import { createLlmSession, type LlmSession } from '../../../src/llm/session.ts';
import { strictFetch } from '../../../src/llm/strict-fetch.ts';
import type { Lang } from '../../../src/text/messages.ts';
import { modelPresent, type LlmSettings } from './settings.ts';

export { lineIntentOf } from '../../../src/llm/session.ts';

export function createBrowserClient(host: string): LlmClient {
  return new Ollama({ host, fetch: strictFetch((input, init) => window.fetch(input, init)) as typeof fetch });
}

export const JUDGE_CACHE_KEY = 'complaint-dojo.judge-cache.v1';
const JUDGE_CACHE_MAX = 40;

/**
 * Verdicts by transcript hash, kept in localStorage so reopening a report does not ask the model
 * again. Damaged entries are ignored; the oldest go first beyond 40.
 */
export function storageJudgeCache(storage: Storage | undefined): JudgeCache {
  const read = (): [string, unknown][] => {
    try {
      const data: unknown = JSON.parse(storage?.getItem(JUDGE_CACHE_KEY) ?? '[]');
      return Array.isArray(data) ? data.filter((e): e is [string, unknown] => Array.isArray(e) && typeof e[0] === 'string') : [];
    } catch {
      return [];
    }
  };
  return {
    get(key) {
      const hit = read().find(([k]) => k === key);
      const parsed = hit ? JudgeVerdict.safeParse(hit[1]) : undefined;
      return parsed?.success ? parsed.data : undefined;
    },
    set(key, verdict) {
      const entries = [...read().filter(([k]) => k !== key), [key, verdict] as [string, unknown]].slice(-JUDGE_CACHE_MAX);
      try {
        storage?.setItem(JUDGE_CACHE_KEY, JSON.stringify(entries));
      } catch {
        // A full storage only means the verdict is asked for again next time.
      }
    },
  };
}

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

const cache = storageJudgeCache(safeStorage());
const sessions = new Map<string, LlmSession>();

/**
 * The model session for one attempt, with these settings, in this language: the practice screen
 * and the report of the attempt share it, so a server that failed during practice is not asked
 * again for the second opinion, and each notice is shown once. Changing a setting or the language
 * starts a new session (the customer then speaks the new language).
 */
export function sessionFor(attempt: string, settings: LlmSettings, lang: Lang): LlmSession {
  const key = JSON.stringify([attempt, settings.host, settings.model, lang]);
  let session = sessions.get(key);
  if (!session) {
    session = createLlmSession({ client: createBrowserClient(settings.host), model: settings.model, host: settings.host, lang, cache, limits: limitsFromUrl() });
    sessions.set(key, session);
  }
  return session;
}

/** `?llmFirstTokenMs=…` in the URL shortens the first-token limit (tests); otherwise the core's defaults. */
function limitsFromUrl(): { firstTokenMs?: number } {
  const ms = Number(new URLSearchParams(window.location.search).get('llmFirstTokenMs'));
  return Number.isInteger(ms) && ms > 0 ? { firstTokenMs: ms } : {};
}

export type ConnectionCheck =
  | { ok: true; models: string[]; present: boolean }
  | { ok: false; message: string };

/** What `dojo doctor` says: does the server answer, which models has it, is the configured one there. */
export async function checkConnection(host: string, model: string, lang: Lang): Promise<ConnectionCheck> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), CHECK_MS)));
    const { models } = await Promise.race([createBrowserClient(host).list(), timeout]);
    const names = models.map((m) => m.name);
    return { ok: true, models: names, present: modelPresent(model, names) };
  } catch (e) {
    const f = classifyFailure(e, 'request');
    return { ok: false, message: llmNotice(f.code, lang, { host, model, detail: f.detail, ms: f.detail }).message };
  } finally {
    clearTimeout(timer);
  }
}

/** How long "Check connection" waits for the model list. */
const CHECK_MS = 8000;
