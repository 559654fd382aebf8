import { z } from 'zod';
import type { DialogueState } from '../../src/dialogue/engine.ts';
import { readDialogueState } from '../../src/dialogue/saved-state.ts';

/** One practice attempt: the engine's state plus what the History screen needs. */
export interface Attempt {
  readonly id: string;
  readonly scenario: string;
  readonly state: DialogueState;
  /** True once the trainee ended the session or the customer did. */
  readonly ended: boolean;
  /** Filled in when the attempt ends, so History needs no rescoring. */
  readonly total?: number;
  readonly dimensions?: Record<string, number>;
}

const AttemptShape = z.object({
  id: z.string().min(1).max(100),
  scenario: z.string().min(1),
  state: z.unknown(),
  ended: z.boolean(),
  total: z.number().min(0).max(100).optional(),
  dimensions: z.record(z.string(), z.number()).optional(),
});

/** Check one stored attempt; `undefined` when it is damaged. */
export function readAttempt(value: unknown): Attempt | undefined {
  const shape = AttemptShape.safeParse(value);
  if (!shape.success) return undefined;
  const state = readDialogueState(shape.data.state);
  if (!state || state.scenario !== shape.data.scenario) return undefined;
  return { ...shape.data, state } as Attempt;
}

/** The minimal part of the Web Storage API the store uses (tests pass a Map-backed one). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const STORE_KEY = 'complaint-dojo.attempts.v1';
const CORRUPT_PREFIX = 'complaint-dojo.corrupt.';

export type StoreNotice =
  | { code: 'corrupt_store'; key: string }
  | { code: 'corrupt_attempts'; count: number; key: string }
  | { code: 'save_failed'; reason: string };

/**
 * Attempts kept in the browser's storage, saved after every turn. Damaged data is never thrown
 * away and never crashes the app: it is copied to a `complaint-dojo.corrupt.<time>` key, reported
 * once as a notice, and the rest keeps working.
 */
export class AttemptStore {
  private attempts = new Map<string, Attempt>();
  readonly notices: StoreNotice[] = [];

  constructor(private readonly storage: KeyValueStorage, private readonly now: () => number) {
    this.load();
  }

  private setAside(raw: string): string {
    const key = `${CORRUPT_PREFIX}${this.now()}`;
    try {
      this.storage.setItem(key, raw);
    } catch {
      // Storage full: the notice still tells the trainee; the original stays in place untouched.
      return STORE_KEY;
    }
    return key;
  }

  private load(): void {
    let raw: string | null = null;
    try {
      raw = this.storage.getItem(STORE_KEY);
    } catch (e) {
      this.notices.push({ code: 'save_failed', reason: String((e as Error).message ?? e) });
      return;
    }
    if (raw === null) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
    const list = (parsed as { version?: unknown; attempts?: unknown } | undefined);
    if (!list || list.version !== 1 || !Array.isArray(list.attempts)) {
      const key = this.setAside(raw);
      this.notices.push({ code: 'corrupt_store', key });
      if (key !== STORE_KEY) this.storage.removeItem(STORE_KEY);
      return;
    }
    const bad: unknown[] = [];
    for (const item of list.attempts) {
      const a = readAttempt(item);
      if (a) this.attempts.set(a.id, a);
      else bad.push(item);
    }
    if (bad.length > 0) {
      const key = this.setAside(JSON.stringify({ version: 1, attempts: bad }));
      this.notices.push({ code: 'corrupt_attempts', count: bad.length, key });
      if (key !== STORE_KEY) this.persist();
    }
  }

  private persist(): boolean {
    try {
      this.storage.setItem(STORE_KEY, JSON.stringify({ version: 1, attempts: [...this.attempts.values()] }));
      return true;
    } catch (e) {
      this.notices.push({ code: 'save_failed', reason: String((e as Error).message ?? e) });
      return false;
    }
  }

  /** All attempts, oldest first. */
  list(): Attempt[] {
    return [...this.attempts.values()].sort((a, b) => a.state.startedAt - b.state.startedAt || (a.id < b.id ? -1 : 1));
  }

  get(id: string): Attempt | undefined {
    return this.attempts.get(id);
  }

  /** Save (insert or replace) one attempt; false when the browser refused to store it. */
  save(attempt: Attempt): boolean {
    this.attempts.set(attempt.id, attempt);
    return this.persist();
  }

  remove(id: string): boolean {
    this.attempts.delete(id);
    return this.persist();
  }

  /** Everything, as the JSON document `import` accepts. */
  exportJson(): string {
    return JSON.stringify({ app: 'complaint-dojo', version: 1, attempts: this.list() }, null, 2);
  }

  /**
   * Merge attempts from an exported JSON document. Damaged entries are counted and skipped;
   * for an id present on both sides the more recently updated one wins.
   */
  importJson(text: string): { imported: number; rejected: number; error?: 'not_json' | 'not_export' } {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      return { imported: 0, rejected: 0, error: 'not_json' };
    }
    const d = doc as { app?: unknown; version?: unknown; attempts?: unknown };
    if (!d || d.app !== 'complaint-dojo' || d.version !== 1 || !Array.isArray(d.attempts)) {
      return { imported: 0, rejected: 0, error: 'not_export' };
    }
    let imported = 0;
    let rejected = 0;
    for (const item of d.attempts) {
      const a = readAttempt(item);
      if (!a) {
        rejected++;
        continue;
      }
      const mine = this.attempts.get(a.id);
      if (!mine || mine.state.updatedAt < a.state.updatedAt) {
        this.attempts.set(a.id, a);
        imported++;
      }
    }
    if (imported > 0) this.persist();
    return { imported, rejected };
  }
}
