import { StoredList, type KeyValueStorage } from './stored-list.ts';

/** A scenario file written or imported in the browser's Author screen. */
export interface CustomFile {
  /** File name, e.g. `night-shift.yaml`; unique among custom files. */
  readonly name: string;
  readonly text: string;
  readonly updatedAt: number;
}

export const CUSTOM_KEY = 'complaint-dojo.custom-scenarios.v1';
/** Same limit as scenario files on disk (see YAML_LIMITS): a pasted novel is refused, not stored. */
export const CUSTOM_MAX_CHARS = 2 * 1024 * 1024;

/** A safe file name for a custom scenario: letters, digits, - and _, ending in .yaml. */
export function customFileName(raw: string): string {
  const base = raw.replace(/\.ya?ml$/i, '').toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
  return `${base || 'scenario'}.yaml`;
}

function readCustomFile(value: unknown): CustomFile | undefined {
  const v = value as Partial<CustomFile> | null;
  if (!v || typeof v !== 'object') return undefined;
  if (typeof v.name !== 'string' || v.name !== customFileName(v.name)) return undefined;
  if (typeof v.text !== 'string' || v.text.length > CUSTOM_MAX_CHARS) return undefined;
  if (typeof v.updatedAt !== 'number' || !Number.isFinite(v.updatedAt)) return undefined;
  return { name: v.name, text: v.text, updatedAt: v.updatedAt };
}

/** Custom scenario files in the browser's storage; damaged entries are set aside like attempts. */
export class CustomScenarioStore extends StoredList<CustomFile> {
  constructor(storage: KeyValueStorage, now: () => number) {
    super(storage, CUSTOM_KEY, now, readCustomFile, (f) => f.name, 'files');
  }

  /** All files, by name. */
  list(): CustomFile[] {
    return [...this.items.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}
