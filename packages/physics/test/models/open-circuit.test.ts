/**
 * One mean voltage for design and model: the open-circuit mean over the model's windows is what
 * a slow discharge of the model delivers, less its small overpotentials. Tolerance 1 % (the
 * agreement asked of the design report's mean voltage); at C/20 the overpotentials of these
 * cells are a few mV, well inside it.
 */
import { describe, expect, it } from 'vitest';
import {
  constantCurrentDischarge,
  marquis2019,
  openCircuitMeanVoltage,
  operate,
  P2DModel,
  parametersFromCell,
  type ModelParameters,
} from '../../src/index.js';
import { sb21 } from './fixtures/sb21.js';

function c20MeanVoltage(p: ModelParameters): number {
  const model = new P2DModel(p);
  const run = operate(model, [constantCurrentDischarge(p.oneCCurrent, 0.05)]);
  expect(run.failure).toBeUndefined();
  return run.energy / run.dischargedCapacity;
}

describe('open-circuit mean voltage of a model', () => {
  it.each([
    ['Marquis2019 (liquid, stated windows)', () => marquis2019()],
    [
      'standard battery 2.1 (solid-state, windows placed from the cut-off)',
      () => parametersFromCell(sb21()).parameters!,
    ],
  ])('%s: the C/20 discharge delivers it within 1 %', (_name, make) => {
    const p = make();
    const ocv = openCircuitMeanVoltage(p);
    const c20 = c20MeanVoltage(p);
    expect(c20).toBeLessThan(ocv); // a discharge runs below its open-circuit voltage
    expect(Math.abs(c20 / ocv - 1)).toBeLessThan(0.01);
  });

  it('is U_p − U_n for flat curves (4 V − 0.25 V)', () => {
    const p = marquis2019();
    if (p.negative.type !== 'porous') throw new Error('Marquis2019 has a porous anode');
    const flat: ModelParameters = {
      ...p,
      positive: { ...p.positive, ocp: { ...p.positive.ocp, value: () => 4 } },
      negative: { ...p.negative, ocp: { ...p.negative.ocp, value: () => 0.25 } },
    };
    expect(openCircuitMeanVoltage(flat)).toBeCloseTo(3.75, 12);
  });
});
