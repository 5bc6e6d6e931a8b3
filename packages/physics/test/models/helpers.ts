/** Small helpers shared by the model tests. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimulationResult } from '../../src/models/operation.js';

export interface ReferenceCurve {
  readonly file: string;
  readonly cRate: number;
  readonly time: readonly number[];
  readonly voltage: readonly number[];
}

const REFERENCE_DIR = join(import.meta.dirname, 'reference');

/** Every COMSOL reference curve stored next to the tests (and in CELLSPEC_REFERENCE_DIR if set). */
export function comsolReferences(): ReferenceCurve[] {
  const dirs = [
    REFERENCE_DIR,
    ...(process.env['CELLSPEC_REFERENCE_DIR'] ? [process.env['CELLSPEC_REFERENCE_DIR']] : []),
  ];
  const seen = new Set<string>();
  const curves: ReferenceCurve[] = [];
  for (const dir of dirs) {
    for (const file of readdirSync(dir)
      .filter((f) => /^comsol-dfn-marquis2019-.*C\.json$/.test(f))
      .sort()) {
      if (seen.has(file)) continue;
      seen.add(file);
      const data = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
        c_rate: number;
        time_s: number[];
        voltage_V: number[];
      };
      curves.push({ file, cRate: data.c_rate, time: data.time_s, voltage: data.voltage_V });
    }
  }
  return curves;
}

/** Linear interpolation of a recorded curve at time t (t inside the recorded span). */
export function valueAt(time: readonly number[], values: readonly number[], t: number): number {
  let lo = 0,
    hi = time.length - 1;
  if (t <= time[0]!) return values[0]!;
  if (t >= time[hi]!) return values[hi]!;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (time[mid]! > t) hi = mid;
    else lo = mid;
  }
  const w = (t - time[lo]!) / (time[hi]! - time[lo]!);
  return values[lo]! + w * (values[hi]! - values[lo]!);
}

/**
 * RMSE of the simulated terminal voltage at the reference times, over the reference's span up to
 * the cut-off (where the reference reaches it) and the end of the simulation.
 */
export function voltageRmse(
  result: SimulationResult,
  reference: ReferenceCurve,
  cutoff: number,
): { rmse: number; points: number } {
  let sum = 0,
    points = 0;
  const end = result.time[result.time.length - 1]!;
  for (let i = 0; i < reference.time.length; i++) {
    if (reference.voltage[i]! < cutoff || reference.time[i]! > end) break;
    const v = valueAt(result.time, result.voltage, reference.time[i]!);
    sum += (v - reference.voltage[i]!) ** 2;
    points++;
  }
  return { rmse: Math.sqrt(sum / points), points };
}

/** RMSE between two simulated voltage curves over the shorter one's span (at the first's times). */
export function curveRmse(a: SimulationResult, b: SimulationResult): number {
  const end = Math.min(a.time[a.time.length - 1]!, b.time[b.time.length - 1]!);
  let sum = 0,
    n = 0;
  for (let i = 0; i < a.time.length && a.time[i]! <= end; i++) {
    sum += (a.voltage[i]! - valueAt(b.time, b.voltage, a.time[i]!)) ** 2;
    n++;
  }
  return Math.sqrt(sum / n);
}
