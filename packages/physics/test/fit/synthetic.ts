/**
 * Synthetic cycler data made by the model itself: a current profile replayed on known parameters,
 * with seeded Gaussian noise on the voltage, for tests that a fit recovers what made the data.
 */
import { parametersFromCell } from '../../src/models/from-cell.js';
import type { Mesh, ModelParameters } from '../../src/models/parameters.js';
import { replay, segmentCurrent, type MeasuredSeries } from '../../src/index.js';
import { sb21 } from '../models/fixtures/sb21.js';

/** A coarse mesh keeps each model run to tens of milliseconds; data and fit use the same one. */
export const COARSE_MESH: Mesh = { negative: 4, separator: 3, positive: 5, particle: 5 };

/** Standard battery 2.1 as the model sees it with its defaults: the fits' start values. */
export function sb21Parameters(): ModelParameters {
  const mapped = parametersFromCell(sb21());
  if (!mapped.parameters) throw new Error(mapped.problems.join('; '));
  return mapped.parameters;
}

/** A step of the profile: C-rate (discharge positive, 0 rest) held for `seconds`. */
export type ProfileStep = readonly [rate: number, seconds: number];

/** Mulberry32: a small seeded generator, so the noise (and the test) is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Samples every `interval` s of `profile` on `truth`, with N(0, noise²) added to the voltage. */
export function syntheticSeries(
  truth: ModelParameters,
  profile: readonly ProfileStep[],
  options: { interval: number; noise: number; seed: number; initialSoc: number; temperature?: number; label?: string },
  mesh: Mesh = COARSE_MESH,
): MeasuredSeries {
  const time: number[] = [];
  const current: number[] = [];
  let t = 0;
  for (const [rate, seconds] of profile) {
    for (let s = 0; s < seconds; s += options.interval) {
      time.push(t + s);
      current.push(rate * truth.oneCCurrent);
    }
    t += seconds;
  }
  const temperature = options.temperature !== undefined ? time.map(() => options.temperature!) : undefined;
  const draft: MeasuredSeries = {
    label: options.label ?? 'synthetic',
    time,
    current,
    voltage: time.map(() => 0),
    ...(temperature ? { temperature } : {}),
  };
  const run = replay(truth, draft, segmentCurrent(draft), options.initialSoc, { mesh });
  if (run.failure) throw new Error(`synthetic data: ${run.failure}`);
  const uniform = random(options.seed);
  // Box–Muller: two uniforms → one standard normal.
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { ...draft, voltage: Array.from(run.voltage, (v) => v + options.noise * gaussian()) };
}
