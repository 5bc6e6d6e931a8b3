/**
 * The analysis worker: runs a cell's declared analyses off the language server's thread.
 * A job is abandoned between time steps when the server writes its id into the shared cancel
 * slot (a newer edit made it stale).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { fitModelParameters, parametersFromCell, runCellAnalyses, type FitProgress } from '@cellspec/physics';
import {
  summarise,
  type FitJobRequest,
  type FromWorker,
  type PortableFitResult,
  type ToWorker,
  type WorkerStartData,
} from './worker-messages.js';

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
    const { jobId } = message;
    const cancelled = () => Atomics.load(cancel, 0) === jobId;
    if (message.type === 'fit') {
      port.postMessage(
        runFit(message, cancelled, (progress) => port.postMessage({ type: 'fit-progress', jobId, progress })),
      );
      return;
    }
    const { key, cell } = message;
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

/** A fit job: the cell's model parameters, then the fit, reporting progress after every iteration. */
function runFit(
  job: FitJobRequest & { readonly jobId: number },
  cancelled: () => boolean,
  progress: (p: FitProgress) => void,
): FromWorker {
  let result: PortableFitResult;
  try {
    const mapped = parametersFromCell(job.cell);
    if (!mapped.parameters)
      result = {
        ok: false,
        reason: 'usage',
        message: `${job.cell.name} cannot be modelled: ${mapped.problems.join('; ')}`,
      };
    else {
      const fit = fitModelParameters(mapped.parameters, job.experiments, job.parameters, {
        isCancelled: cancelled,
        onProgress: progress,
        clock: () => performance.now(),
        ...(job.model ? { model: job.model } : {}),
        ...(job.temperature !== undefined ? { temperature: job.temperature } : {}),
        ...(job.maxIterations !== undefined ? { maxIterations: job.maxIterations } : {}),
      });
      if (fit.ok) {
        const { fitted: _fitted, ...portable } = fit;
        result = portable;
      } else result = fit;
    }
  } catch (error) {
    return { type: 'error', jobId: job.jobId, message: (error as Error)?.message ?? String(error) };
  }
  return { type: 'fit-done', jobId: job.jobId, result };
}
