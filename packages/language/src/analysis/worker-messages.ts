/**
 * Messages between the language server and its analysis worker, and the compact result the
 * worker returns (plain data: it crosses `postMessage`).
 */
import {
  runCurve,
  type AnalysisOutcome,
  type CellAnalyses,
  type CellIR,
  type Experiment,
  type FitFailure,
  type FitProgress,
  type FitSuccess,
  type RunCurve,
} from '@cellspec/physics';

export interface RunSummary {
  readonly label: string;
  readonly direction: 'charge' | 'discharge';
  readonly rate: number;
  readonly temperature: number;
  /** Ah and Wh in the run's direction. */
  readonly capacity: number;
  readonly energy: number;
  readonly meanVoltage: number;
  readonly maxTemperature: number;
  readonly endSoc: number;
  readonly platingFromSoc?: number;
  readonly minAnodePotential: number;
  readonly failure?: string;
  /** The run's curves, downsampled (at most `CURVE_POINTS` points), for the preview's charts. */
  readonly curve?: RunCurve;
}

/** An analysis outcome as the worker sends it: the model's outcome with runs summarised. */
export type OutcomeSummary = Omit<AnalysisOutcome, 'runs'> & { readonly runs: readonly RunSummary[] };

/** A cell's analyses as the worker sends them, keyed by the hash of the IR they belong to. */
export type CellSummary = Omit<CellAnalyses, 'outcomes'> & {
  readonly key: string;
  readonly outcomes: readonly OutcomeSummary[];
};

/** A fit for the worker: the cell's IR (its model parameters hold functions, which do not cross `postMessage`). */
export interface FitJobRequest {
  readonly cell: CellIR;
  readonly experiments: readonly Experiment[];
  readonly parameters: readonly string[];
  readonly model?: 'p2d' | 'reduced';
  readonly temperature?: number;
  readonly maxIterations?: number;
}

/** A fit result as it crosses `postMessage`: without the fitted model parameters. */
export type PortableFitResult = Omit<FitSuccess, 'fitted'> | FitFailure;

export type ToWorker =
  | { readonly type: 'run'; readonly jobId: number; readonly key: string; readonly cell: CellIR }
  | ({ readonly type: 'fit'; readonly jobId: number } & FitJobRequest);

export type FromWorker =
  | { readonly type: 'done'; readonly jobId: number; readonly summary: CellSummary }
  | { readonly type: 'fit-progress'; readonly jobId: number; readonly progress: FitProgress }
  | { readonly type: 'fit-done'; readonly jobId: number; readonly result: PortableFitResult }
  | { readonly type: 'cancelled'; readonly jobId: number }
  | { readonly type: 'error'; readonly jobId: number; readonly message: string };

/** Data a worker is started with; `cancel[0]` holds the id of a job to abandon. */
export interface WorkerStartData {
  readonly cellspecAnalysisWorker: true;
  readonly cancel: SharedArrayBuffer;
}

export function summarise(key: string, result: CellAnalyses): CellSummary {
  return {
    cell: result.cell,
    key,
    assumptions: result.assumptions,
    problems: result.problems,
    outcomes: result.outcomes.map((o) => ({
      analysis: o.analysis,
      type: o.type,
      model: o.model,
      findings: o.findings,
      ...(o.fastCharge ? { fastCharge: o.fastCharge } : {}),
      wallMs: o.wallMs,
      runs: o.runs.map((r) => ({
        label: r.label,
        direction: r.direction,
        rate: r.rate,
        temperature: r.temperature,
        capacity: r.capacity,
        energy: r.energy,
        meanVoltage: r.meanVoltage,
        maxTemperature: r.maxTemperature,
        endSoc: r.endSoc,
        minAnodePotential: r.minAnodePotential,
        ...(r.platingFromSoc !== undefined ? { platingFromSoc: r.platingFromSoc } : {}),
        ...(r.result.failure ? { failure: r.result.failure } : {}),
        ...(r.result.time.length > 1 ? { curve: runCurve(r) } : {}),
      })),
    })),
  };
}
