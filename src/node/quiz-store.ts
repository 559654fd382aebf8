import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { emptyProgress, parseProgress, serializeProgress, type ProgressError, type QuizProgress } from '../quiz/progress.ts';

/**
 * Where the terminal keeps the candidate's data: DOJO_DATA_DIR if set (tests), else
 * $XDG_DATA_HOME/complaint-dojo, else ~/.local/share/complaint-dojo.
 */
export function dataDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.DOJO_DATA_DIR) return env.DOJO_DATA_DIR;
  const base = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return join(base, 'complaint-dojo');
}

export const PROGRESS_FILE = 'quiz-progress.json';

export interface LoadedProgress {
  readonly progress: QuizProgress;
  /** The stored file could not be read as progress: why, and where it was moved. */
  readonly corrupt?: { readonly error: ProgressError; readonly movedTo: string };
  /** The file exists but could not be read at all (permissions): progress must not be saved over it. */
  readonly unreadable?: string;
}

/** `2025-01-31T09-05-00-000Z`: a timestamp safe in file names everywhere. */
const stamp = (now: number) => new Date(now).toISOString().replace(/[:.]/g, '-');

/**
 * Read the progress file in `dir`. No file yet → empty progress. A file that is not valid
 * progress is never silently reset: it is renamed to `<file>.corrupt-<timestamp>` and reported,
 * and the candidate starts afresh with the old data kept beside it.
 */
export function loadProgress(dir: string, now: number): LoadedProgress {
  const path = join(dir, PROGRESS_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { progress: emptyProgress() };
    return { progress: emptyProgress(), unreadable: (e as Error).message };
  }
  const parsed = parseProgress(text);
  if (parsed.ok) return { progress: parsed.progress };
  const movedTo = `${path}.corrupt-${stamp(now)}`;
  renameSync(path, movedTo);
  return { progress: emptyProgress(), corrupt: { error: parsed.error, movedTo } };
}

let tempCounter = 0;

/**
 * Write `text` to `path` atomically: a temporary file in the same folder is written and flushed to
 * disk, then renamed over the old file, and the folder is flushed so the rename itself survives a
 * crash. A reader (or a process killed mid-write) sees the old file or the new one, never a mix.
 */
export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}-${tempCounter++}`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    const bytes = Buffer.from(text, 'utf8');
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // Already gone: nothing to clean up.
    }
    throw e;
  }
  closeSync(fd);
  renameSync(temp, path);
  try {
    const dirFd = openSync(dirname(path), 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // Some systems cannot open or sync a folder; the rename is still atomic there.
  }
}

/** Save progress to `dir` atomically (see writeFileAtomic). */
export function saveProgress(dir: string, progress: QuizProgress): void {
  writeFileAtomic(join(dir, PROGRESS_FILE), serializeProgress(progress));
}
