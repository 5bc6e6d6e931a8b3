/** A hand-made IR of standard battery 2.1 (8 mAh, 2.5–4.25 V, −40…100 °C, 6C charge, 10C discharge). */
import type { CellIR, TestIR, TestPlanIR, TestStepIR } from '../../src/ir.js';

export const mAh = 3.6;
export const K0 = 273.15;

export const SB21: CellIR = {
  name: 'SB21',
  title: 'Standard battery 2.1',
  format: { type: 'pouch', stacking: 'single-layer', layers: 1 },
  cathode: { role: 'cathode', area: 4e-4, doubleSided: false, components: [], sources: {} },
  anode: { role: 'anode', area: 4e-4, doubleSided: false, components: [], sources: {} },
  limits: {
    voltageMin: 2.5,
    voltageMax: 4.25,
    temperatureMin: -40 + K0,
    temperatureMax: 100 + K0,
    maxChargeRate: 6,
    maxDischargeRate: 10,
  },
  nominalCapacity: 8 * mAh,
  targets: [],
  analyses: [],
  materials: {},
};

export function plan(tests: TestIR[], name = 'P'): TestPlanIR {
  return { name, cell: 'SB21', tests };
}

export function test(name: string, steps: TestStepIR[], extra: Partial<TestIR> = {}): TestIR {
  return { name, steps, criteria: [], ...extra };
}
