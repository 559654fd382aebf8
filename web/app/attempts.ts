import { z } from 'zod';
import type { DialogueState } from '../../src/dialogue/engine.ts';
import { readDialogueState } from '../../src/dialogue/saved-state.ts';
import { StoredList, type KeyValueStorage } from './stored-list.ts';

export type { KeyValueStorage, StoreNotice } from './stored-list.ts';

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

export const STORE_KEY = 'complaint-dojo.attempts.v1';

/** Attempts kept in the browser's storage, saved after every turn (see `StoredList` for damage handling). */
export class AttemptStore extends StoredList<Attempt> {
  constructor(storage: KeyValueStorage, now: () => number) {
    super(storage, STORE_KEY, now, readAttempt, (a) => a.id, 'attempts');
  }

  /** All attempts, oldest first. */
  list(): Attempt[] {
    return [...this.items.values()].sort((a, b) => a.state.startedAt - b.state.startedAt || (a.id < b.id ? -1 : 1));
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
      const mine = this.items.get(a.id);
      if (!mine || mine.state.updatedAt < a.state.updatedAt) {
        this.items.set(a.id, a);
        imported++;
      }
    }
    if (imported > 0) this.persist();
    return { imported, rejected };
  }
}
