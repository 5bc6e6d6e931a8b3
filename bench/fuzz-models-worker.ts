/**
 * The model fuzz worker: runs cases `start, start + 1, …` below `end` and reports each outcome.
 * It publishes the case it is on in shared memory so the parent can tell a case that overruns
 * every budget (an endless loop) from progress.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CellIR } from '@cellspec/physics';
import { nthModelCase, runModelCase, type ModelCaseOutcome } from '../test/models/model-fuzz.js';

export interface ModelWorkerTask {
  readonly seed: number;
  readonly start: number;
  readonly end: number;
  readonly cells: readonly CellIR[];
  /** [0]: the case being run; [1]: cases finished. */
  readonly progress: SharedArrayBuffer;
}

export interface ModelCaseReport extends ModelCaseOutcome {
  readonly index: number;
}

const task = workerData as ModelWorkerTask;
const progress = new Int32Array(task.progress);
for (let i = task.start; i < task.end; i++) {
  Atomics.store(progress, 0, i);
  const outcome = runModelCase(task.cells, nthModelCase(task.cells.length, task.seed, i));
  parentPort!.postMessage({ index: i, ...outcome } satisfies ModelCaseReport);
  Atomics.add(progress, 1, 1);
}
