import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CheckedScenario } from '../scenario/validate.ts';

/**
 * `dojo validate --cache`: each file's report remembered between runs, as ESLint's and Prettier's
 * `--cache` do, so re-checking a large library only plays the model answers of files that changed.
 * A report is filed under everything that decides it: the file's name and text, the rubric it was
 * checked against, and the engine itself (every source file and the lockfile). Change any of
 * them and the entry is simply never found again; nothing has to be invalidated by hand.
 */

/** A per-file report as the checker gives it with `keepScenario: false` (plain JSON). */
export type FileReport = Omit<CheckedScenario, 'scenario'> & { readonly sourceHash?: string };

const FORMAT = 1;
/** Entries kept at most: this run's first, then the most recent others (a few MB of JSON). */
const MAX_ENTRIES = 20_000;
const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

export const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** Where the cache lives unless `--cache-dir` says otherwise (the npm convention for tool caches). */
export const defaultCacheDir = () => join(packageRoot, 'node_modules', '.cache', 'complaint-dojo');

/**
 * A digest of the engine's own source and the exact library versions: a different checker may
 * report differently, so its reports are never reused. Reads about a hundred small files.
 */
export function engineFingerprint(root: string = packageRoot): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|tsx|js|json)$/.test(entry.name)) hash.update(`${relative(root, path)}\0`).update(readFileSync(path)).update('\0');
    }
  };
  walk(join(root, 'src'));
  for (const file of ['package.json', 'package-lock.json']) {
    try {
      hash.update(`${file}\0`).update(readFileSync(join(root, file)));
    } catch {
      // No lockfile (an installed package): the package.json version still tells versions apart.
    }
  }
  return hash.digest('hex');
}

export class CheckCache {
  private readonly old: Map<string, FileReport>;
  private readonly now = new Map<string, FileReport>();
  private readonly path: string;

  /** `salt` stands for the engine and the rubric; an unreadable or foreign cache file counts as empty. */
  constructor(
    dir: string,
    private readonly salt: string,
  ) {
    this.path = join(dir, 'validate.json');
    this.old = new Map(readEntries(this.path));
  }

  private key(file: string, sourceHash: string): string {
    return sha256(`${this.salt}\0${file}\0${sourceHash}`);
  }

  /** The remembered report for this file name and text, if any. */
  get(file: string, sourceHash: string): FileReport | undefined {
    const key = this.key(file, sourceHash);
    const found = this.now.get(key) ?? this.old.get(key);
    if (found) this.now.set(key, found);
    return found;
  }

  /** Remember a fresh report (one the checker made, carrying the hash of the text it read). */
  set(report: FileReport): void {
    if (report.sourceHash) this.now.set(this.key(report.file, report.sourceHash), report);
  }

  /**
   * Write the cache: this run's entries, then older ones up to the limit. Written to a temporary
   * file and renamed over the old one, so a crash or a second run at the same time never leaves
   * a half-written cache. A cache that cannot be written is skipped: it only saves time.
   */
  save(): void {
    const entries = [...this.now];
    for (const entry of this.old) {
      if (entries.length >= MAX_ENTRIES) break;
      if (!this.now.has(entry[0])) entries.push(entry);
    }
    const temporary = `${this.path}.${process.pid}.tmp`;
    try {
      mkdirSync(join(this.path, '..'), { recursive: true });
      writeFileSync(temporary, JSON.stringify({ format: FORMAT, entries }));
      renameSync(temporary, this.path);
    } catch {
      // Read-only or full disk, or something else in the cache file's place: the next run checks
      // everything again, as without --cache. No temporary file is left behind.
      try {
        rmSync(temporary, { force: true });
      } catch {
        // The folder itself is unusable: there is no temporary file to remove.
      }
    }
  }
}

function readEntries(path: string): [string, FileReport][] {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as { format?: unknown; entries?: unknown };
    if (data.format !== FORMAT || !Array.isArray(data.entries)) return [];
    return data.entries.filter(
      (e): e is [string, FileReport] => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'object' && e[1] !== null && Array.isArray((e[1] as FileReport).issues),
    );
  } catch {
    return [];
  }
}
