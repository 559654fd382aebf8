/** The minimal part of the Web Storage API the stores use (tests pass a Map-backed one). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const CORRUPT_PREFIX = 'complaint-dojo.corrupt.';

export type StoreNotice =
  | { code: 'corrupt_store'; key: string }
  | { code: 'corrupt_attempts'; count: number; key: string }
  | { code: 'save_failed'; reason: string };

/** The notice for a storage call the browser refused (full, disabled, private mode). */
export const saveFailed = (e: unknown): StoreNotice => ({ code: 'save_failed', reason: String((e as Error)?.message ?? e) });

/**
 * Copy damaged stored text to a `complaint-dojo.corrupt.<now>` key and return that key, or
 * `undefined` when the browser refused (storage full): the original then stays where it is, untouched.
 */
export function setAside(storage: KeyValueStorage, raw: string, now: number): string | undefined {
  const key = `${CORRUPT_PREFIX}${now}`;
  try {
    storage.setItem(key, raw);
    return key;
  } catch {
    return undefined;
  }
}

/**
 * A list of items kept under one storage key as `{ version: 1, items }`. Damaged data is never
 * thrown away and never crashes the app: the unreadable part is copied to a
 * `complaint-dojo.corrupt.<time>` key, reported once as a notice, and the rest keeps working.
 */
export class StoredList<T> {
  protected items = new Map<string, T>();
  readonly notices: StoreNotice[] = [];

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly key: string,
    protected readonly now: () => number,
    /** Check one stored item; `undefined` when it is damaged. */
    protected readonly readItem: (value: unknown) => T | undefined,
    private readonly idOf: (item: T) => string,
    /** The array's name in the stored document (`attempts`, `files` …). */
    private readonly field: string,
  ) {
    this.load();
  }

  private load(): void {
    let raw: string | null;
    try {
      raw = this.storage.getItem(this.key);
    } catch (e) {
      this.notices.push(saveFailed(e));
      return;
    }
    if (raw === null) return;
    let doc: { version?: unknown } & Record<string, unknown> | undefined;
    try {
      doc = JSON.parse(raw);
    } catch {
      doc = undefined;
    }
    const list = doc?.[this.field];
    if (!doc || doc.version !== 1 || !Array.isArray(list)) {
      const aside = setAside(this.storage, raw, this.now());
      this.notices.push({ code: 'corrupt_store', key: aside ?? this.key });
      if (aside) this.storage.removeItem(this.key);
      return;
    }
    const bad: unknown[] = [];
    for (const value of list) {
      const item = this.readItem(value);
      if (item) this.items.set(this.idOf(item), item);
      else bad.push(value);
    }
    if (bad.length > 0) {
      const aside = setAside(this.storage, JSON.stringify({ version: 1, [this.field]: bad }), this.now());
      this.notices.push({ code: 'corrupt_attempts', count: bad.length, key: aside ?? this.key });
      if (aside) this.persist();
    }
  }

  protected persist(): boolean {
    try {
      this.storage.setItem(this.key, JSON.stringify({ version: 1, [this.field]: [...this.items.values()] }));
      return true;
    } catch (e) {
      this.notices.push(saveFailed(e));
      return false;
    }
  }

  get(id: string): T | undefined {
    return this.items.get(id);
  }

  /** Save (insert or replace) one item; false when the browser refused to store it. */
  save(item: T): boolean {
    this.items.set(this.idOf(item), item);
    return this.persist();
  }

  remove(id: string): boolean {
    this.items.delete(id);
    return this.persist();
  }
}
