/**
 * Runs declared analyses in one worker thread, keyed by a hash of each cell's IR.
 *
 * - Results are cached by key (least recently used dropped beyond `cacheSize`), so undoing an
 *   edit or reopening a file shows results at once.
 * - One job runs at a time; per document and cell only the newest request waits. A request
 *   that supersedes the running job for the same cell cancels it (cooperatively, between time
 *   steps, through a shared flag), so the worker never finishes stale work after a newer edit.
 */
import { Worker } from 'node:worker_threads';
import type { CellIR } from '@cellspec/physics';
import { analysisKey } from './key.js';
import type { CellSummary, FromWorker, ToWorker, WorkerStartData } from './worker-messages.js';

export interface WorkerEntry {
  /** Script (path or file URL) the worker runs. */
  readonly file: string | URL;
  readonly execArgv?: readonly string[];
}

export interface AnalysisServiceOptions {
  readonly worker: WorkerEntry;
  readonly cacheSize?: number;
  /**
   * A request waits this long before its job may start (default 0), so that while someone types
   * no simulation competes with the keystrokes for the CPU: each edit supersedes the waiting job.
   */
  readonly settleMs?: number;
}

interface Job {
  readonly id: number;
  readonly owner: string; // document URI + cell name
  readonly key: string;
  readonly cell: CellIR;
  /** Earliest start, ms since the epoch. */
  readonly notBefore: number;
}

export type ResultListener = (owner: string, summary: CellSummary) => void;

export class AnalysisService {
  private worker: Worker | undefined;
  private readonly cancel = new SharedArrayBuffer(4);
  private readonly cancelFlags = new Int32Array(this.cancel);
  private readonly cache = new Map<string, CellSummary>();
  private readonly pending = new Map<string, Job>();
  private running: Job | undefined;
  private nextId = 1;
  private readonly listeners: ResultListener[] = [];
  /** Jobs finished, cancelled and failed (for tests and diagnostics). */
  readonly stats = { done: 0, cancelled: 0, failed: 0, cacheHits: 0 };
  private readonly cacheSize: number;
  private readonly settleMs: number;
  private wakeUp: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: AnalysisServiceOptions) {
    this.cacheSize = options.cacheSize ?? 64;
    this.settleMs = options.settleMs ?? 0;
  }

  onResult(listener: ResultListener): void {
    this.listeners.push(listener);
  }

  /** Cached results for a cell IR, if its key has been computed. */
  cached(cell: CellIR): CellSummary | undefined {
    const key = analysisKey(cell);
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
    }
    return hit;
  }

  /**
   * Asks for the analyses of `cell` owned by `owner` (document URI and cell). Returns the
   * cached summary when there is one; otherwise queues a job and returns undefined.
   */
  request(owner: string, cell: CellIR): CellSummary | undefined {
    if (cell.analyses.length === 0) {
      this.pending.delete(owner);
      return undefined;
    }
    const key = analysisKey(cell);
    const hit = this.cache.get(key);
    if (hit) {
      this.stats.cacheHits++;
      this.pending.delete(owner);
      if (this.running?.owner === owner && this.running.key !== key) this.abandonRunning();
      return hit;
    }
    if (this.running?.owner === owner) {
      if (this.running.key === key) return undefined; // already computing exactly this
      this.abandonRunning();
    }
    this.pending.set(owner, { id: this.nextId++, owner, key, cell, notBefore: Date.now() + this.settleMs });
    this.pump();
    return undefined;
  }

  /** Forgets queued work of a closed document. */
  forget(ownerPrefix: string): void {
    for (const owner of [...this.pending.keys()]) if (owner.startsWith(ownerPrefix)) this.pending.delete(owner);
    if (this.running?.owner.startsWith(ownerPrefix)) this.abandonRunning();
  }

  async dispose(): Promise<void> {
    this.pending.clear();
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }

  private abandonRunning(): void {
    if (this.running) Atomics.store(this.cancelFlags, 0, this.running.id);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const data: WorkerStartData = { cellspecAnalysisWorker: true, cancel: this.cancel };
    const worker = new Worker(this.options.worker.file, {
      workerData: data,
      execArgv: [...(this.options.worker.execArgv ?? [])],
    });
    worker.unref();
    worker.on('message', (m: FromWorker) => this.finished(m));
    worker.on('error', () => {
      // A crashed worker loses its job; the next request starts a fresh one.
      if (this.running) this.stats.failed++;
      this.running = undefined;
      this.worker = undefined;
      this.pump();
    });
    this.worker = worker;
    return worker;
  }

  private finished(message: FromWorker): void {
    const job = this.running;
    if (!job || job.id !== message.jobId) return;
    this.running = undefined;
    if (message.type === 'done') {
      this.stats.done++;
      this.cache.set(job.key, message.summary);
      while (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
      for (const l of this.listeners) l(job.owner, message.summary);
    } else if (message.type === 'cancelled') {
      this.stats.cancelled++;
    } else {
      this.stats.failed++;
    }
    this.pump();
  }

  private pump(): void {
    if (this.running) return;
    const now = Date.now();
    let job: Job | undefined;
    let earliest = Infinity;
    for (const candidate of this.pending.values()) {
      if (candidate.notBefore <= now) {
        job = candidate;
        break;
      }
      earliest = Math.min(earliest, candidate.notBefore);
    }
    if (!job) {
      if (earliest < Infinity && this.wakeUp === undefined) {
        this.wakeUp = setTimeout(() => {
          this.wakeUp = undefined;
          this.pump();
        }, earliest - now);
        this.wakeUp.unref();
      }
      return;
    }
    this.pending.delete(job.owner);
    this.running = job;
    const message: ToWorker = { type: 'run', jobId: job.id, key: job.key, cell: job.cell };
    this.ensureWorker().postMessage(message);
  }

  /** Resolves when no job runs or waits (tests). */
  async idle(timeoutMs = 60_000): Promise<void> {
    const started = Date.now();
    while (this.running || this.pending.size > 0) {
      if (Date.now() - started > timeoutMs) throw new Error('analyses did not finish in time');
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}
