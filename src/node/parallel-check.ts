import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RubricData } from '../rubric/data.ts';
import type { Issue } from '../scenario/issues.ts';
import type { CompiledRubric } from '../rubric/compile.ts';
import { CheckCache, engineFingerprint, sha256, type FileReport } from './check-cache.ts';
import { assembleChecks, isCheckIssue, isIssue, loadRubric, readSource, rubricFor, scenarioFileChecker, type CheckedFiles, type LoadedRubric } from './library.ts';

/** Below this many files a worker's start-up (about half a second) costs more than it saves. */
export const PARALLEL_MIN_FILES = 200;
/** Files per message: small enough to balance the load, large enough that messages are rare. */
const CHUNK = 8;

export interface ParallelOptions {
  /** Worker threads besides this one (default: one per further CPU, at most 7). */
  workers?: number;
  /** Fewer files than this are checked here, without workers. */
  minFiles?: number;
  /** The worker's script (tests point it at one that fails, to see its work done here). */
  workerScript?: URL;
  /** Leave every chunk to the workers while any is alive (tests use it to be sure they work). */
  workersOnly?: boolean;
  /** Remember each file's report in this folder between runs (`dojo validate --cache`). */
  cacheDir?: string;
}

/** A request to a worker: check these files; it answers with one result per file, in order. */
export interface CheckRequest {
  readonly chunk: number;
  readonly files: readonly string[];
}
export interface CheckResponse {
  readonly chunk: number;
  readonly results: readonly (FileReport | Issue)[];
}

/**
 * `checkFiles` for large folders: the files are shared out in chunks between this thread and
 * worker threads, each with its own copy of the rubric, and the results are put together in the
 * same order, so the report is identical to the one-thread check. A worker that fails to start
 * or dies has its chunks checked here instead; nothing is lost. The checked scenarios carry their
 * ids and reports, not the scenarios (a thousand compiled scenarios would take gigabytes). With
 * `cacheDir`, files whose report is remembered from an earlier run are not checked again.
 */
export async function checkFilesInParallel(
  scenarioFiles: readonly string[],
  rubricFiles: readonly string[],
  options: ParallelOptions = {},
  fallbackRubric: () => LoadedRubric = () => loadRubric(),
): Promise<CheckedFiles> {
  const { own, rubric } = rubricFor(rubricFiles, fallbackRubric);
  if (!rubric || options.cacheDir === undefined) return assembleChecks(own, rubric, await checkAll(scenarioFiles, rubric, options));
  // With a cache, only files whose report is not remembered are checked; the order is kept.
  const cache = new CheckCache(options.cacheDir, sha256(`${engineFingerprint()}\0${JSON.stringify(rubric.data)}`));
  const remembered = scenarioFiles.map((path) => {
    const source = readSource(path);
    return isIssue(source) ? undefined : cache.get(source.file, sha256(source.text));
  });
  const fresh = await checkAll(scenarioFiles.filter((_, i) => !remembered[i]), rubric, options);
  for (const r of fresh) if (!isCheckIssue(r)) cache.set(r);
  cache.save();
  let next = 0;
  return assembleChecks(own, rubric, remembered.map((r) => r ?? fresh[next++]!));
}

/** Check scenario files against `rubric`, sharing them out between this thread and workers. */
async function checkAll(scenarioFiles: readonly string[], rubric: CompiledRubric | undefined, options: ParallelOptions): Promise<(FileReport | Issue)[]> {
  const check = scenarioFileChecker(rubric, { keepScenario: false });
  const workers = Math.min(options.workers ?? Math.min(availableParallelism() - 1, 7), Math.ceil(scenarioFiles.length / CHUNK) - 1);
  if (!rubric || workers < 1 || scenarioFiles.length < (options.minFiles ?? PARALLEL_MIN_FILES)) return scenarioFiles.map(check);

  const chunks: string[][] = [];
  for (let i = 0; i < scenarioFiles.length; i += CHUNK) chunks.push(scenarioFiles.slice(i, i + CHUNK));
  const results: (readonly (FileReport | Issue)[] | undefined)[] = chunks.map(() => undefined);
  const pending: number[] = chunks.map((_, i) => i);
  let wake: (() => void) | undefined;
  const changed = () => wake?.();

  const script = options.workerScript ?? new URL('./check-worker.js', import.meta.url);
  const pool = Array.from({ length: workers }, () => startWorker(script, rubric.data, chunks, results, pending, changed));
  // This thread works too, a chunk at a time, letting the workers' messages in between.
  while (results.some((r) => r === undefined)) {
    const next = options.workersOnly && pool.some((w) => w.alive()) ? undefined : pending.shift();
    if (next !== undefined) {
      results[next] = chunks[next]!.map(check);
      await new Promise((resolve) => setImmediate(resolve));
    } else {
      // Only chunks in the workers' hands are left: wait for an answer or a failure.
      await new Promise<void>((resolve) => (wake = resolve));
    }
  }
  await Promise.all(pool.map((w) => w.terminate()));
  return results.flatMap((r) => r!);
}

/**
 * A worker that, once its rubric is ready, keeps two chunks in hand (so it never waits for this
 * thread to hand out the next), files each answer in `results`, and on any failure puts its
 * chunks back in `pending`.
 */
function startWorker(
  script: URL,
  rubric: RubricData,
  chunks: readonly (readonly string[])[],
  results: (readonly (FileReport | Issue)[] | undefined)[],
  pending: number[],
  changed: () => void,
): { alive(): boolean; terminate(): Promise<unknown> } {
  let worker: Worker;
  try {
    worker = new Worker(script, { workerData: { rubric } });
  } catch {
    return { alive: () => false, terminate: async () => undefined };
  }
  const inHand = new Set<number>();
  let alive = true;
  const feed = () => {
    while (alive && inHand.size < 2) {
      const next = pending.shift();
      if (next === undefined) return;
      inHand.add(next);
      worker.postMessage({ chunk: next, files: chunks[next]! } satisfies CheckRequest);
    }
  };
  const giveBack = () => {
    if (!alive) return;
    alive = false;
    pending.unshift(...inHand);
    inHand.clear();
    changed();
  };
  worker.on('message', (m: CheckResponse | 'ready') => {
    if (m !== 'ready') {
      inHand.delete(m.chunk);
      results[m.chunk] = m.results;
      changed();
    }
    feed();
  });
  worker.on('error', giveBack);
  worker.on('exit', giveBack);
  return {
    alive: () => alive,
    terminate: () => {
      alive = false;
      return worker.terminate();
    },
  };
}
