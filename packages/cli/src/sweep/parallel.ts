/**
 * A sweep split over worker threads (node:worker_threads): the grid's indices go out in small
 * chunks to whichever worker is idle, so a slow corner of the grid (thick electrodes, long P2D
 * runs) does not leave the other workers waiting. Points come back by index and are put in grid
 * order, so the result is the single-threaded sweep's, point for point. Cancelling (an
 * AbortSignal: Ctrl-C in the CLI) terminates the workers and resolves with what is done.
 *
 * Workers pay a start-up (loading the physics, about 0.1–0.3 s each); design-only sweeps are
 * cheaper than that per thousand points, so callers use workers for simulated sweeps.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  checkConstraints,
  evaluatePoint,
  frontOf,
  sweepGrid,
  type CellIR,
  type SweepAxis,
  type SweepConstraint,
  type SweepObjective,
  type SweepPoint,
  type SweepSimulation,
} from '@cellspec/physics';
import type { SweepChunk, SweepChunkDone, SweepWorkerData } from './messages.js';

export interface ParallelSweepOptions {
  readonly constraints?: readonly SweepConstraint[];
  readonly objectives?: readonly SweepObjective[];
  readonly simulation?: SweepSimulation;
  /** Worker threads; 1 runs on this thread. Default: `os.availableParallelism()`. */
  readonly workers?: number;
  /** Points per message: small enough to balance, large enough that messages cost nothing. */
  readonly chunk?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ParallelSweepResult {
  /** Every point in grid order; fewer when cancelled (the ones finished, in order). */
  readonly points: readonly SweepPoint[];
  readonly front: readonly number[];
  readonly cancelled: boolean;
  readonly workers: number;
}

/** Where a worker starts: this bundle's own entry (it turns into a sweep worker), or the source entry under tsx. */
function workerEntry(): { file: URL | string; execArgv: string[] } {
  if (import.meta.url.endsWith('.ts'))
    return { file: new URL('./worker-entry.ts', import.meta.url), execArgv: ['--import', 'tsx'] };
  return { file: process.argv[1]!, execArgv: [] };
}

export const defaultWorkers = () => availableParallelism();

export async function sweepInParallel(
  cell: CellIR,
  axes: readonly SweepAxis[],
  options: ParallelSweepOptions = {},
): Promise<ParallelSweepResult> {
  const grid = sweepGrid(axes);
  const total = grid.length;
  const workers = Math.max(1, Math.min(options.workers ?? defaultWorkers(), total));
  const chunk = Math.max(1, options.chunk ?? (options.simulation ? 4 : 500));
  const done: (Omit<SweepPoint, 'violated'> | undefined)[] = new Array(total);
  let finished = 0;
  let cancelled = options.signal?.aborted ?? false;

  if (workers === 1) {
    const clock = () => performance.now();
    for (let i = 0; i < total && !cancelled; i++) {
      done[i] = evaluatePoint(cell, axes, grid[i]!, i, options.simulation, clock);
      options.onProgress?.(++finished, total);
      // Let an abort (a signal handler) run between points.
      if (options.simulation && i % chunk === chunk - 1) await new Promise((r) => setImmediate(r));
      cancelled ||= options.signal?.aborted ?? false;
    }
  } else {
    cancelled = await runWorkers(cell, axes, options, workers, chunk, total, (points) => {
      for (const p of points) done[p.index] = p;
      finished += points.length;
      options.onProgress?.(finished, total);
    });
  }
  const points = done
    .filter((p): p is Omit<SweepPoint, 'violated'> => p !== undefined)
    .map((p) => checkConstraints(p, options.constraints ?? []));
  return { points, front: frontOf(points, options.objectives ?? []), cancelled, workers };
}

function runWorkers(
  cell: CellIR,
  axes: readonly SweepAxis[],
  options: ParallelSweepOptions,
  count: number,
  chunk: number,
  total: number,
  receive: (points: SweepChunkDone['points']) => void,
): Promise<boolean> {
  const entry = workerEntry();
  const data: SweepWorkerData = {
    cellspecSweepWorker: true,
    cell,
    axes,
    ...(options.simulation ? { simulation: options.simulation } : {}),
  };
  return new Promise<boolean>((resolve, reject) => {
    let next = 0;
    let busy = 0;
    let settled = false;
    const pool: Worker[] = [];
    const finish = (cancelled: boolean, error?: Error) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', abort);
      void Promise.all(pool.map((w) => w.terminate())).then(() => (error ? reject(error) : resolve(cancelled)));
    };
    const abort = () => finish(true);
    options.signal?.addEventListener('abort', abort);
    const feed = (worker: Worker) => {
      if (settled) return;
      if (next >= total) {
        if (busy === 0) finish(false);
        return;
      }
      const indices = Array.from({ length: Math.min(chunk, total - next) }, (_, k) => next + k);
      next += indices.length;
      busy++;
      worker.postMessage({ indices } satisfies SweepChunk);
    };
    for (let w = 0; w < count; w++) {
      const worker = new Worker(entry.file, { workerData: data, execArgv: entry.execArgv });
      pool.push(worker);
      worker.on('message', (m: SweepChunkDone) => {
        busy--;
        if (settled) return;
        receive(m.points);
        feed(worker);
      });
      worker.on('error', (error) => finish(false, error));
      worker.on('exit', (code) => {
        if (!settled && code !== 0) finish(false, new Error(`a sweep worker exited with code ${code}`));
      });
      feed(worker);
    }
    if (options.signal?.aborted) abort();
  });
}
