/**
 * Downsampled curves of a model run, small enough to send to the editor's preview and to draw
 * in documents: a P2D run records a few hundred points; a chart needs no more than ~200 to be
 * indistinguishable at print resolution, and every point kept is one the model computed.
 */
import type { AnalysisRun } from './models/analyses.js';

export interface RunCurve {
  /** s from the start of the run. */
  readonly time: readonly number[];
  /** Charge passed in the run's direction, Ah (0 at the start). */
  readonly capacity: readonly number[];
  readonly voltage: readonly number[];
  /** K. */
  readonly temperature: readonly number[];
  /** V vs Li/Li⁺. */
  readonly anodePotential: readonly number[];
}

/** Points a downsampled curve keeps at most by default. */
export const CURVE_POINTS = 200;

/**
 * The run's curves with at most `maxPoints` points: evenly spaced indices, first and last always
 * kept (the end of a discharge is where the voltage limit was reached). The capacity is the
 * trapezoidal integral of the recorded current over time, taken on the full curve first.
 */
export function runCurve(run: AnalysisRun, maxPoints = CURVE_POINTS): RunCurve {
  const r = run.result;
  const n = r.time.length;
  const sign = run.direction === 'charge' ? -1 : 1;
  const capacity: number[] = new Array<number>(n);
  let q = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0) q += (sign * ((r.current[i]! + r.current[i - 1]!) / 2) * (r.time[i]! - r.time[i - 1]!)) / 3600;
    capacity[i] = q;
  }
  const keep = pickIndices(n, Math.max(2, maxPoints));
  const at = (values: readonly number[]) => keep.map((i) => values[i]!);
  return {
    time: at(r.time),
    capacity: at(capacity),
    voltage: at(r.voltage),
    temperature: at(r.temperature),
    anodePotential: at(r.anodePotential),
  };
}

function pickIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let k = 0; k < max; k++) out.push(Math.round((k * (n - 1)) / (max - 1)));
  return out;
}
