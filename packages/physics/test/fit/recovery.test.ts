/**
 * A fit recovers the parameters that made the data: synthetic data from the model itself (coarse
 * mesh, 1 mV Gaussian noise, the accuracy class of a cycler's voltage channel), start values the
 * model's defaults (a factor 1.5–3 away), fitted values within 2 % of the truth, the truth
 * inside the 95 % interval, and a fit at least as close to the data as the truth itself. Several
 * parameter sets, each from a 28-minute profile sampled every 5 s (318 samples); the start SOC is
 * given (inferring it from the opening rest is tested in replay.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { fitModelParameters, FIT_PARAMETERS, replay, segmentCurrent, type Experiment } from '../../src/index.js';
import type { ModelParameters } from '../../src/models/parameters.js';
import { COARSE_MESH, sb21Parameters, syntheticSeries, type ProfileStep } from './synthetic.js';

const NOISE = 1e-3; // V
/** Rest, then discharge and charge pulses and a longer discharge: ohmic, kinetic and diffusion time scales. */
const PULSES: ProfileStep[] = [
  [0, 60],
  [2, 30],
  [0, 120],
  [-1, 60],
  [0, 120],
  [1, 600],
  [0, 600],
];

const set = (p: ModelParameters, values: Record<string, number>) =>
  Object.entries(values).reduce((q, [name, v]) => FIT_PARAMETERS.find((d) => d.name === name)!.set(q, v), p);

interface Case {
  readonly name: string;
  readonly truth: Record<string, number>;
  /** Temperatures of the experiments, K (one experiment each). */
  readonly temperatures: readonly number[];
}

const CASES: Case[] = [
  {
    name: 'interface resistance and cathode diffusivity',
    truth: { 'interface-resistance': 20e-4, 'cathode.diffusivity': 2e-15 },
    temperatures: [298.15],
  },
  {
    name: 'cathode contact fraction and diffusivity',
    truth: { 'cathode.contact-fraction': 0.5, 'cathode.diffusivity': 2e-15 },
    temperatures: [298.15],
  },
  {
    name: 'cathode rate constant and anode diffusivity',
    truth: { 'cathode.rate-constant': 1.5e-6, 'anode.diffusivity': 5e-15 },
    temperatures: [298.15],
  },
  {
    name: 'interface resistance and its activation energy (0 °C and 45 °C)',
    truth: { 'interface-resistance': 30e-4, 'interface-activation-energy': 35e3 },
    temperatures: [273.15, 318.15],
  },
];

describe('fit recovers the parameters that made the data', () => {
  it.each(CASES)('$name', ({ truth, temperatures }) => {
    const start = sb21Parameters();
    const actual = set(start, truth);
    const experiments: Experiment[] = temperatures.map((T, k) => ({
      series: syntheticSeries(actual, PULSES, {
        interval: 5,
        noise: NOISE,
        seed: 17 + k,
        initialSoc: 0.8,
        temperature: T,
        label: `${T} K`,
      }),
    }));
    const result = fitModelParameters(
      start,
      experiments.map((e) => ({ ...e, initialSoc: 0.8 })),
      Object.keys(truth),
      { mesh: COARSE_MESH, clock: () => performance.now() },
    );
    if (!result.ok) throw new Error(result.message);
    const rows = result.parameters.map((f) => ({
      name: f.name,
      start: f.initial,
      truth: truth[f.name]!,
      fitted: f.value,
      lower: f.lower,
      upper: f.upper,
      error: f.value / truth[f.name]! - 1,
    }));
    if (process.env['CELLSPEC_FIT_TABLE'])
      console.log(JSON.stringify({ rows, rmse: result.rmse, iterations: result.iterations, ms: result.wallMs }));
    for (const row of rows) {
      expect(Math.abs(row.start / row.truth - 1)).toBeGreaterThan(0.2); // the fit had to move
      expect(Math.abs(row.error)).toBeLessThan(0.02);
      expect(row.lower).toBeLessThanOrEqual(row.truth);
      expect(row.upper).toBeGreaterThanOrEqual(row.truth);
    }
    // The optimum is at least as close to the data as the truth (to 0.1 %), and the residuals are the noise.
    const truthResidual = experiments.flatMap((e) => {
      const run = replay(actual, e.series, segmentCurrent(e.series), 0.8, { mesh: COARSE_MESH });
      return Array.from(run.voltage, (v, i) => v - e.series.voltage[i]!);
    });
    const truthRmse = Math.sqrt(truthResidual.reduce((s, r) => s + r * r, 0) / truthResidual.length);
    expect(result.rmse).toBeLessThanOrEqual(truthRmse * 1.001);
    expect(result.rmse).toBeGreaterThan(0.8 * NOISE);
    expect(result.rmse).toBeLessThan(1.2 * NOISE);
  });
});
