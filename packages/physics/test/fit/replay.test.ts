/** The forward model of the fit: segments of a measured current, and the start SOC from an opening rest. */
import { describe, expect, it } from 'vitest';
import {
  cccvCharge,
  fitModelParameters,
  FIT_PARAMETERS,
  operate,
  P2DModel,
  segmentCurrent,
  socAtOpenCircuitVoltage,
  type MeasuredSeries,
} from '../../src/index.js';
import { COARSE_MESH, sb21Parameters, syntheticSeries } from './synthetic.js';

describe('segments of near-constant current', () => {
  it('cuts at current steps, keeps cycler ripple within a step, and calls near-zero current a rest', () => {
    // 1 A ± 0.2 % ripple (under the 0.5 % tolerance), then 0.002 A (0.2 % of the peak: a rest), then −0.5 A.
    const current = [0, 0, 1, 1.002, 0.998, 1, 0.002, 0.002, -0.5, -0.5];
    const series: MeasuredSeries = {
      label: 't',
      time: current.map((_, i) => i * 10),
      current,
      voltage: current.map(() => 3.8),
    };
    const segments = segmentCurrent(series);
    expect(segments.map((s) => [s.start, s.end, +s.current.toFixed(4), s.duration])).toEqual([
      [0, 2, 0, 20],
      [2, 6, 1, 40],
      [6, 8, 0, 20],
      [8, 10, -0.5, 10],
    ]);
  });
});

describe('start SOC from the open-circuit voltage', () => {
  // The mean of a noiseless opening rest is the OCV at the start SOC: bisection to 2⁻⁴⁰ gives it back to 1e-6.
  it.each([0.2, 0.5, 0.8])('SOC %f', (soc) => {
    const p = sb21Parameters();
    const series = syntheticSeries(p, [[0, 30]], { interval: 5, noise: 0, seed: 1, initialSoc: soc });
    expect(socAtOpenCircuitVoltage(p, series.voltage[0]!, p.temperature, { mesh: COARSE_MESH })).toBeCloseTo(soc, 6);
  });
});

describe('a CV taper replays as a staircase', () => {
  // Data from the model's own CC-CV charge (a true voltage-controlled taper, 1C to C/10 at 4.1 V),
  // sampled every 5 s just after each step starts, as a cycler logs it; the fit replays the
  // taper as 0.5 % current steps. Noise-free, so what remains is the staircase: the interface
  // resistance comes back within 1 % and the ripple stays under 1 mV RMS.
  it('CC-CV data refit the interface resistance that made them', () => {
    const start = sb21Parameters();
    const truth = FIT_PARAMETERS.find((d) => d.name === 'interface-resistance')!.set(start, 20e-4);
    const run = operate(
      new P2DModel(truth, COARSE_MESH),
      [
        { mode: 'rest', until: [{ quantity: 'time', value: 60 }] },
        ...cccvCharge(truth.oneCCurrent, 1, 4.1, 0.1),
        { mode: 'rest', until: [{ quantity: 'time', value: 300 }] },
      ],
      { initialSoc: 0.3, maxStep: 5 },
    );
    expect(run.failure).toBeUndefined();
    const at = (values: readonly number[], t: number) => {
      const k = run.time.findIndex((x) => x >= t);
      const w = (t - run.time[k - 1]!) / (run.time[k]! - run.time[k - 1]!);
      return values[k - 1]! + w * (values[k]! - values[k - 1]!);
    };
    const time: number[] = [];
    for (let t = 0.01; t < run.time.at(-1)!; t += 5) time.push(t);
    const series: MeasuredSeries = {
      label: 'cccv',
      time,
      current: time.map((t) => at(run.current, t)),
      voltage: time.map((t) => at(run.voltage, t)),
    };
    const fit = fitModelParameters(start, [{ series, initialSoc: 0.3 }], ['interface-resistance'], {
      mesh: COARSE_MESH,
    });
    if (!fit.ok) throw new Error(fit.message);
    expect(Math.abs(fit.parameters[0]!.value / 20e-4 - 1)).toBeLessThan(0.01);
    expect(fit.rmse).toBeLessThan(1e-3);
  });
});
