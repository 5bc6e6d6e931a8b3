/**
 * The bundled examples agree with what the programme demonstrated, with the parameters stated in
 * the example specs (and the model's defaults, each an assumption with its source):
 * - standard battery 2.1 delivers capacity at C/3 at −20 °C and at −40 °C, less than at 25 °C;
 * - DC-IR and 5C pulses (10 s, SOC 50 %) at 25 °C stay within its voltage window;
 * - the 11 mAh demonstration cell charges from 10 % to 80 % SOC at 6C CC-CV with the anode above
 *   0 V vs Li.
 * Reduced-order runs would be faster, but these claims are about the P2D model the CLI uses.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace, resolveDocument } from '@cellspec/language';
import {
  fastCharge,
  operate,
  P2DModel,
  parametersFromCell,
  pulse,
  runConstantCurrent,
  type CellIR,
  type ModelParameters,
} from '@cellspec/physics';

const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;

async function parametersOf(file: string): Promise<ModelParameters> {
  const workspace = await loadWorkspace([join(EXAMPLES, file)]);
  const doc = workspace.files.find((f) => f.requested)!.document;
  const cell: CellIR = resolveDocument(workspace.services, doc).ir.cells[0]!;
  const mapped = parametersFromCell(cell);
  if (!mapped.parameters) throw new Error(mapped.problems.join('; '));
  return mapped.parameters;
}

let sb21: ModelParameters;
let demo: ModelParameters;
beforeAll(async () => {
  sb21 = await parametersOf('cells/standard-battery-2-1.cellspec');
  demo = await parametersOf('demonstration/demo-6c-11mah.cellspec');
}, 60_000);

describe('standard battery 2.1 (examples/cells/standard-battery-2-1.cellspec)', () => {
  it('delivers capacity at C/3 at −20 °C and −40 °C, less than at 25 °C', () => {
    const at = (celsius: number) =>
      runConstantCurrent(sb21, { direction: 'discharge', rate: 1 / 3, temperature: 273.15 + celsius });
    const [cold, colder, room] = [at(-20), at(-40), at(25)];
    for (const run of [cold, colder, room]) {
      expect(run.result.failure).toBeUndefined();
      expect(run.nonPhysical).toBeUndefined();
    }
    // "Capacity" means at least 5 % of nominal (0.4 mAh); the trend is strict.
    expect(colder.capacity).toBeGreaterThan(0.05 * sb21.oneCCurrent);
    expect(colder.capacity).toBeLessThan(cold.capacity);
    expect(cold.capacity).toBeLessThan(room.capacity);
    // …and the cold runs say they extrapolate the defaults' ranges.
    expect(colder.extrapolations.length).toBeGreaterThan(0);
  });

  it('keeps DC-IR and 5C pulses of 10 s at SOC 50 % and 25 °C within its voltage window', () => {
    for (const rate of [0.5, -0.5, 5, -5]) {
      const model = new P2DModel(sb21);
      const r = operate(model, pulse(rate * sb21.oneCCurrent, 10, 0), { initialSoc: 0.5 });
      // The pulse runs its full 10 s (a voltage limit would end it early) …
      expect(r.stepEnds[0]!.reason).toBe('time');
      // … and every point of it lies inside 2.5–4.25 V.
      for (const v of r.voltage) {
        expect(v).toBeGreaterThanOrEqual(sb21.voltageMin);
        expect(v).toBeLessThanOrEqual(sb21.voltageMax);
      }
    }
  });
});

describe('6C demonstration cell (examples/demonstration/demo-6c-11mah.cellspec)', () => {
  it('charges from 10 % to 80 % SOC at 6C CC-CV with the anode above 0 V vs Li', () => {
    const fc = fastCharge(demo, { rate: 6, fromSoc: 0.1, toSoc: 0.8 });
    expect(fc.run.result.failure).toBeUndefined();
    expect(fc.time).toBeDefined();
    expect(fc.run.endSoc).toBeGreaterThanOrEqual(0.8 - 1e-3);
    expect(fc.minAnodePotential).toBeGreaterThan(0);
    // The CC part runs at 6C for a while before the voltage limit (it is a 6C charge, not a CV hold).
    expect(fc.run.constantCurrentEndSoc!).toBeGreaterThan(0.15);
  });
});
