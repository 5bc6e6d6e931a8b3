/**
 * One fuzz worker: runs the inputs `start, start + stride, …` below `end` through the pipeline,
 * publishes the index it is working on in shared memory (so the parent can tell a hang from
 * progress) and reports counts, the slowest input and each new kind of failure (minimised).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { seedSpecs } from '../test/fuzz/corpus.js';
import { nthInput } from '../test/fuzz/mutate.js';
import { FuzzPipeline } from '../test/fuzz/pipeline.js';
import { failureKey, minimize } from '../test/fuzz/minimize.js';

export interface WorkerTask {
  readonly seed: number;
  readonly start: number;
  readonly end: number;
  readonly stride: number;
  readonly slot: number;
  readonly progress: SharedArrayBuffer;
  readonly known: readonly string[];
}

export type WorkerReport =
  | { readonly type: 'progress'; readonly done: number; readonly failed: number; readonly slowestMs: number; readonly slowestIndex: number; readonly totalMs: number }
  | { readonly type: 'failure'; readonly index: number; readonly key: string; readonly message: string; readonly input: string; readonly minimized: string }
  | { readonly type: 'ready' }
  | { readonly type: 'finished' };

const task = workerData as WorkerTask;
const progress = new Int32Array(task.progress);
const seeds = seedSpecs();
const pipeline = new FuzzPipeline();
// Every pipeline run (minimisation runs included) beats the heartbeat the parent watches.
const run = pipeline.run.bind(pipeline);
pipeline.run = (text: string) => {
  Atomics.add(progress, task.slot * 2 + 1, 1);
  return run(text);
};
const known = new Set(task.known);

await pipeline.run('');
parentPort!.postMessage({ type: 'ready' } satisfies WorkerReport);

let done = 0;
let failed = 0;
let slowestMs = 0;
let slowestIndex = -1;
let totalMs = 0;
const report = () => parentPort!.postMessage({ type: 'progress', done, failed, slowestMs, slowestIndex, totalMs } satisfies WorkerReport);

for (let i = task.start; i < task.end; i += task.stride) {
  Atomics.store(progress, task.slot * 2, i);
  const input = nthInput(seeds, task.seed, i);
  let outcome = await pipeline.run(input);
  // A slow input on a busy machine may be the scheduler's doing: a slow input is slow twice.
  if (outcome.failures.length > 0 && outcome.failures.every((f) => f.stage === 'slow')) outcome = await pipeline.run(input);
  done++;
  totalMs += outcome.ms;
  if (outcome.ms > slowestMs) { slowestMs = outcome.ms; slowestIndex = i; }
  if (outcome.failures.length > 0) {
    failed++;
    const first = outcome.failures[0]!;
    const key = failureKey(first);
    if (!known.has(key)) {
      known.add(key);
      const minimized = first.stage === 'slow' ? input : await minimize(pipeline, input, key, 400);
      parentPort!.postMessage({ type: 'failure', index: i, key, message: first.message, input, minimized } satisfies WorkerReport);
    }
  }
  if (done % 200 === 0) report();
}
report();
parentPort!.postMessage({ type: 'finished' } satisfies WorkerReport);
