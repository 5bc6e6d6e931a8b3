/**
 * A sweep worker: evaluates the grid points it is sent, one chunk at a time, with the same
 * `evaluatePoint` the single-threaded sweep calls, so a point is the same wherever it ran.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { evaluatePoint, sweepGrid } from '@cellspec/physics';
import { isSweepWorkerData, type SweepChunk, type SweepChunkDone } from './messages.js';

export function runSweepWorker(): void {
  const port = parentPort;
  const data: unknown = workerData;
  if (!port || !isSweepWorkerData(data)) throw new Error('not started as a sweep worker');
  const grid = sweepGrid(data.axes);
  const clock = () => performance.now();
  port.on('message', (chunk: SweepChunk) => {
    const points = chunk.indices.map((i) => evaluatePoint(data.cell, data.axes, grid[i]!, i, data.simulation, clock));
    port.postMessage({ points } satisfies SweepChunkDone);
  });
}
