/**
 * The analysis worker: runs a cell's declared analyses off the language server's thread.
 * A job is abandoned between time steps when the server writes its id into the shared cancel
 * slot (a newer edit made it stale).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runCellAnalyses } from '@cellspec/physics';
import { summarise, type FromWorker, type ToWorker, type WorkerStartData } from './worker-messages.js';

/** Whether this thread was started as an analysis worker. */
export function isAnalysisWorker(): boolean {
  return parentPort !== null && (workerData as Partial<WorkerStartData> | undefined)?.cellspecAnalysisWorker === true;
}

/** Serves jobs until the parent closes the port. */
export function runAnalysisWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('runAnalysisWorker must run in a worker thread');
  const cancel = new Int32Array((workerData as WorkerStartData).cancel);
  port.on('message', (message: ToWorker) => {
    if (message.type !== 'run') return;
    const { jobId, key, cell } = message;
    const cancelled = () => Atomics.load(cancel, 0) === jobId;
    let reply: FromWorker;
    try {
      const result = runCellAnalyses(cell, cancelled, () => performance.now());
      reply = cancelled() ? { type: 'cancelled', jobId } : { type: 'done', jobId, summary: summarise(key, result) };
    } catch (error) {
      reply = { type: 'error', jobId, message: (error as Error)?.message ?? String(error) };
    }
    port.postMessage(reply);
  });
}
