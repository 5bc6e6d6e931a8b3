/** The forward model of the fit: segments of a measured current, and the start SOC from an opening rest. */
import { describe, expect, it } from 'vitest';
import { segmentCurrent, socAtOpenCircuitVoltage, type MeasuredSeries } from '../../src/index.js';
import { COARSE_MESH, sb21Parameters, syntheticSeries } from './synthetic.js';

describe('segments of near-constant current', () => {
  it('cuts at current steps, keeps cycler ripple within a step, and calls near-zero current a rest', () => {
    // 1 A ± 0.5 % ripple, then 0.002 A (0.2 % of the peak: a rest), then −0.5 A.
    const current = [0, 0, 1, 1.005, 0.995, 1, 0.002, 0.002, -0.5, -0.5];
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
