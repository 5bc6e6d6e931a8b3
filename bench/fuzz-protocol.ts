/** What the fuzz runner and its workers share: the task, the messages and the counters in shared memory. */

/** Per-worker slots of the shared BigInt64Array; `COUNTERS` of them per worker. */
export const Counter = {
  /** Pipeline runs so far (minimisation included): the heartbeat. */
  beat: 0,
  /** Inputs finished, in order: the next unfinished one is `start + done × stride`. */
  done: 1,
  failed: 2,
  totalMicros: 3,
  slowestMicros: 4,
  slowestIndex: 5,
} as const;
export const COUNTERS = 6;

/** What each input goes through: the in-process language pipeline, the `check` command's path, or the server process. */
export type FuzzTargetName = 'pipeline' | 'cli' | 'server';
/** Which inputs: token mutations of the seeds, grammar-aware structures in them, or both in turn. */
export type FuzzInputs = 'mutations' | 'structures' | 'mixed';

export interface WorkerTask {
  readonly target: FuzzTargetName;
  readonly inputs: FuzzInputs;
  readonly seed: number;
  readonly start: number;
  readonly end: number;
  readonly stride: number;
  readonly slot: number;
  readonly counters: SharedArrayBuffer;
  readonly known: readonly string[];
}

export type WorkerReport =
  | {
      readonly type: 'failure';
      readonly index: number;
      readonly key: string;
      readonly input: string;
      readonly minimized?: string | undefined;
    }
  | { readonly type: 'ready' }
  | { readonly type: 'finished' };
