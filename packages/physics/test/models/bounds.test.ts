/** Model outputs outside physical bounds become a failure with a reason, never a curve (`bounds.ts`). */
import { describe, expect, it } from 'vitest';
import { rateLabel, runConstantCurrent } from '../../src/models/analyses.js';
import { firstOutOfBounds } from '../../src/models/bounds.js';
import { parametersFromCell } from '../../src/models/from-cell.js';
import type { ModelParameters } from '../../src/models/parameters.js';
import { sb21 } from './fixtures/sb21.js';

const base = (): ModelParameters => parametersFromCell(sb21()).parameters!;

const curves = (voltage: number[], temperature = voltage.map(() => 298.15)) => ({
  time: voltage.map((_, i) => i),
  voltage,
  current: voltage.map(() => 1),
  temperature,
  soc: voltage.map(() => 0.5),
  anodePotential: voltage.map(() => 0.1),
  heat: voltage.map(() => 0),
});

describe('physical bounds of a run', () => {
  it.each([
    [[3.7, 3.6, -0.01], 2, /-0\.01 V at t = 2 s, outside any physical range for a 2\.5–4\.25 V cell/],
    [[3.7, 5.3], 1, /5\.30 V/],
    [[3.7, NaN], 1, /voltage is not a number/],
    [[3.7, Infinity], 1, /voltage is not a number/],
  ])('%j: the first point outside is %i', (voltage, index, reason) => {
    const found = firstOutOfBounds(curves(voltage), 2.5, 4.25);
    expect(found?.index).toBe(index);
    expect(found?.reason).toMatch(reason);
  });

  it('keeps 0 V, the cut-off range and V_max + 1 V (a cold IR drop, a fast charge): the bounds are closed', () => {
    expect(firstOutOfBounds(curves([0, 1.2, 2.5, 4.25, 5.25]), 2.5, 4.25)).toBeUndefined();
  });

  it('a temperature at or below 0 K, or not a number, is outside; no reason spells NaN', () => {
    expect(firstOutOfBounds(curves([3.7, 3.6], [298, 0]), 2.5, 4.25)?.reason).toMatch(/temperature of 0\.00 K/);
    expect(firstOutOfBounds(curves([3.7, 3.6], [298, NaN]), 2.5, 4.25)?.reason).toBe(
      'the temperature is not a number at t = 1 s',
    );
  });

  it('labels a rate too small for C/n without Infinity', () => {
    expect([rateLabel(0.1), rateLabel(2), rateLabel(5e-323)]).toEqual(['C/10', '2C', '4.94e-323C']);
  });

  it('a run whose terminal voltage leaves the bounds stops with a failure; no point outside is returned', () => {
    // 1 Ω·m² in series: at 1C (20 A/m²) the terminal voltage would be about 20 V below the OCV.
    const p: ModelParameters = { ...base(), seriesResistance: 1, seriesResistanceActivationEnergy: 0 };
    const run = runConstantCurrent(p, { direction: 'discharge', rate: 1, fidelity: 'reduced' });
    expect(run.result.failure).toMatch(/outside any physical range for a 2\.5–4\.25 V cell; the run stops before it/);
    expect(run.nonPhysical).toBe(run.result.failure);
    expect(firstOutOfBounds(run.result, p.voltageMin, p.voltageMax)).toBeUndefined();
    for (const v of [run.capacity, run.energy, run.meanVoltage, run.duration]) expect(Number.isFinite(v)).toBe(true);
  });

  it('an ordinary run passes unchanged', () => {
    const run = runConstantCurrent(base(), { direction: 'discharge', rate: 1, fidelity: 'reduced' });
    expect(run.result.failure).toBeUndefined();
    expect(run.result.voltage.length).toBeGreaterThan(10);
  });
});
