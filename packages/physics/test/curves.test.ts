/**
 * Downsampled run curves: few enough points for a message or a chart, nothing invented, and the
 * charge integrated from the recorded current agrees with the run's capacity.
 */
import { describe, expect, it } from 'vitest';
import { CURVE_POINTS, marquis2019, runConstantCurrent, runCurve } from '../src/index.js';

describe('runCurve', () => {
  const run = runConstantCurrent(marquis2019(), { direction: 'discharge', rate: 1, fidelity: 'reduced' });

  it('keeps at most CURVE_POINTS points, first and last included, all taken from the run', () => {
    const curve = runCurve(run, 40);
    const r = run.result;
    expect(r.time.length).toBeGreaterThan(40); // otherwise nothing is downsampled
    expect(curve.time).toHaveLength(40);
    expect(curve.time[0]).toBe(r.time[0]);
    expect(curve.time.at(-1)).toBe(r.time.at(-1));
    expect(curve.voltage.at(-1)).toBe(r.voltage.at(-1));
    for (const [i, t] of curve.time.entries()) expect(curve.voltage[i]).toBe(r.voltage[r.time.indexOf(t)]);
    expect(runCurve(run).time.length).toBeLessThanOrEqual(CURVE_POINTS);
  });

  it('integrates the current to the run capacity (trapezoids on the recorded steps: within 1 %)', () => {
    const curve = runCurve(run);
    expect(curve.capacity[0]).toBe(0);
    expect(curve.capacity.at(-1)!).toBeCloseTo(run.capacity, 2);
    expect(Math.abs(curve.capacity.at(-1)! / run.capacity - 1)).toBeLessThan(0.01);
    for (let i = 1; i < curve.capacity.length; i++)
      expect(curve.capacity[i]!).toBeGreaterThanOrEqual(curve.capacity[i - 1]!);
  });
});
