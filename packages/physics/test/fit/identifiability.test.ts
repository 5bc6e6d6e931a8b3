/**
 * A fit that the data cannot determine stops with a message that names the parameters and says
 * why, instead of returning numbers: no sensitivity, parameters acting only in combination
 * (singular JᵀJ), and an interval wider than a factor of 10.
 */
import { describe, expect, it } from 'vitest';
import { fitModelParameters, FIT_PARAMETERS } from '../../src/index.js';
import { COARSE_MESH, sb21Parameters, syntheticSeries, type ProfileStep } from './synthetic.js';

const PULSES: ProfileStep[] = [
  [0, 60],
  [2, 30],
  [0, 120],
  [-1, 60],
  [0, 120],
];
const start = sb21Parameters();
const data = (profile: ProfileStep[], noise = 1e-3) => [
  { series: syntheticSeries(start, profile, { interval: 5, noise, seed: 3, initialSoc: 0.8 }), initialSoc: 0.8 },
];
const fit = (names: string[], profile = PULSES, noise = 1e-3) =>
  fitModelParameters(start, data(profile, noise), names, { mesh: COARSE_MESH });

describe('unidentifiable parameters stop the fit with a message', () => {
  it('an activation energy from data at 25 °C alone has no effect', () => {
    const result = fit(['interface-resistance', 'interface-activation-energy']);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('unidentifiable');
    expect(result.message).toMatch(/^interface-activation-energy has no effect on the simulated voltage/);
    expect(result.message).toMatch(/more than one temperature/);
  });

  it('contact fraction and rate constant act only as their product (no film resistance): JᵀJ is singular', () => {
    // a·i0 ∝ f_c·m, and the particle flux f_c·i_n = j·R/(3ε) does not depend on f_c.
    expect(start.positive.filmResistance).toBe(0);
    const result = fit(['cathode.contact-fraction', 'cathode.rate-constant']);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('unidentifiable');
    expect(result.message).toMatch(
      /^cathode\.contact-fraction and cathode\.rate-constant act on these data only in combination/,
    );
  });

  it('a diffusivity from one short pulse in 20 mV of noise is not determined', () => {
    const result = fit(
      ['anode.diffusivity'],
      [
        [0, 30],
        [1, 10],
        [0, 20],
      ],
      20e-3,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('unidentifiable');
    expect(result.message).toMatch(/anode\.diffusivity/);
  });
});

describe('requests that cannot be fitted as asked', () => {
  it.each([
    [['no-such-thing'], /unknown fit parameter 'no-such-thing'; known: interface-resistance/],
    [['diffusivity'], /say which electrode: cathode\.diffusivity or anode\.diffusivity/],
    [['interface-resistance', 'interface-resistance'], /named twice/],
    [['anode.exchange-current'], /the anode is porous, not lithium metal/],
    [[], /name at least one parameter/],
  ])('%j', (names, message) => {
    const result = fit(names);
    expect(result).toMatchObject({ ok: false, reason: 'usage' });
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('data that start under load need a start SOC', () => {
    const series = syntheticSeries(
      start,
      [
        [1, 60],
        [0, 60],
      ],
      { interval: 5, noise: 0, seed: 1, initialSoc: 0.8 },
    );
    const result = fitModelParameters(start, [{ series }], ['interface-resistance'], { mesh: COARSE_MESH });
    expect(result).toMatchObject({ ok: false, reason: 'usage' });
    if (!result.ok) expect(result.message).toMatch(/start under load.*state the initial SOC/);
  });

  it('every table entry reads and writes the model value it names', () => {
    for (const d of FIT_PARAMETERS) {
      const value = d.get(start);
      if (typeof value !== 'number') continue;
      const changed = d.set(start, value * 0.5 + d.bounds[0]);
      expect(d.get(changed)).toBeCloseTo(value * 0.5 + d.bounds[0], 20);
      expect(d.get(start)).toBe(value); // the base is not mutated
    }
  });
});
