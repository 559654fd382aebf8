import { parentPort, workerData } from 'node:worker_threads';
import { compileRubric } from '../rubric/compile.ts';
import type { RubricData } from '../rubric/data.ts';
import { scenarioFileChecker } from './library.ts';
import type { CheckRequest, CheckResponse } from './parallel-check.ts';

// The rubric arrives as data (it was read and checked once, by the main thread) and is compiled here.
const check = scenarioFileChecker(compileRubric((workerData as { rubric: RubricData }).rubric), { keepScenario: false });
parentPort!.on('message', (request: CheckRequest) => {
  parentPort!.postMessage({ chunk: request.chunk, results: request.files.map(check) } satisfies CheckResponse);
});
parentPort!.postMessage('ready');
