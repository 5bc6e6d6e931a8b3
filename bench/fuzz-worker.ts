/**
 * One fuzz worker: runs the inputs `start, start + stride, …` below `end` through the pipeline.
 * Its counters live in shared memory (`Counter`), written after every input, so the parent can
 * tell a hang from progress and, when it has to stop the worker, knows exactly which inputs were
 * finished and which one was not. Each failing input is reported with its kind; the first input
 * of a kind new to the run comes with a minimised version.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { seedSpecs } from '../test/fuzz/corpus.js';
import { FuzzPipeline } from '../test/fuzz/pipeline.js';
import { failureKey, minimize } from '../test/fuzz/minimize.js';
import { CliTarget, ServerTarget } from '../test/fuzz/targets.js';
import { COUNTERS, Counter, type WorkerReport, type WorkerTask } from './fuzz-protocol.js';
import { inputFor } from './fuzz-inputs.js';

const task = workerData as WorkerTask;
const counters = new BigInt64Array(task.counters);
const at = (c: number) => task.slot * COUNTERS + c;
const seeds = seedSpecs();
// Only the in-process pipeline minimises (thousands of runs); the other targets save the input as it was.
const pipeline =
  task.target === 'cli' ? new CliTarget() : task.target === 'server' ? new ServerTarget() : new FuzzPipeline();
// Every pipeline run (minimisation runs included) beats the heartbeat the parent watches.
const run = pipeline.run.bind(pipeline);
pipeline.run = (text: string) => {
  Atomics.add(counters, at(Counter.beat), 1n);
  return run(text);
};
const known = new Set(task.known);

await pipeline.run('');
parentPort!.postMessage({ type: 'ready' } satisfies WorkerReport);

for (let i = task.start; i < task.end; i += task.stride) {
  const input = inputFor(task.inputs, seeds, task.seed, i);
  let outcome = await pipeline.run(input);
  // A slow input on a busy machine may be the scheduler's doing: a slow input is slow twice.
  if (outcome.failures.length > 0 && outcome.failures.every((f) => f.stage === 'slow'))
    outcome = await pipeline.run(input);
  if (outcome.failures.length > 0) {
    const first = outcome.failures[0]!;
    const key = failureKey(first);
    let minimized: string | undefined;
    if (!known.has(key)) {
      known.add(key);
      minimized =
        first.stage === 'slow' || !(pipeline instanceof FuzzPipeline)
          ? input
          : await minimize(pipeline, input, key, 400);
    }
    parentPort!.postMessage({ type: 'failure', index: i, key, input, minimized } satisfies WorkerReport);
    Atomics.add(counters, at(Counter.failed), 1n);
  }
  const micros = BigInt(Math.round(outcome.ms * 1000));
  Atomics.add(counters, at(Counter.totalMicros), micros);
  if (micros > Atomics.load(counters, at(Counter.slowestMicros))) {
    Atomics.store(counters, at(Counter.slowestMicros), micros);
    Atomics.store(counters, at(Counter.slowestIndex), BigInt(i));
  }
  // Last, so `done` never counts an input whose failure was not yet reported.
  Atomics.add(counters, at(Counter.done), 1n);
}
if (!(pipeline instanceof FuzzPipeline)) await pipeline.dispose();
parentPort!.postMessage({ type: 'finished' } satisfies WorkerReport);
