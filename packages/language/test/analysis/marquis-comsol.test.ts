/**
 * The spec path of the COMSOL comparison: examples/reference/marquis2019-comsol.cellspec is
 * parsed, resolved to the IR, mapped to model parameters and run. It must give the same curve as
 * the built-in Marquis2019 COMSOL parameter set (both are the same numbers; 0.05 mV RMSE allows
 * for the 6-digit volume fractions written in the spec) and meet the ≤ 10 mV reference bound.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  constantCurrentDischarge,
  marquis2019,
  operate,
  parametersFromCell,
  P2DModel,
  type SimulationResult,
} from '@cellspec/physics';
import { loadWorkspace, resolveDocument } from '../../src/index.js';

const ROOT = join(import.meta.dirname, '../../../..');
const SPEC = join(ROOT, 'examples/reference/marquis2019-comsol.cellspec');
const REFERENCE_DIR = join(ROOT, 'packages/physics/test/models/reference');

function rmseAt(result: SimulationResult, times: readonly number[], values: readonly number[], cutoff: number): number {
  let sum = 0,
    n = 0,
    j = 1;
  const end = result.time[result.time.length - 1]!;
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    if (values[i]! < cutoff || t > end) break;
    while (result.time[j]! < t) j++;
    const w = (t - result.time[j - 1]!) / (result.time[j]! - result.time[j - 1]!);
    const v = result.voltage[j - 1]! + w * (result.voltage[j]! - result.voltage[j - 1]!);
    sum += (v - values[i]!) ** 2;
    n++;
  }
  return Math.sqrt(sum / n);
}

describe('marquis2019-comsol.cellspec', async () => {
  const workspace = await loadWorkspace([SPEC]);
  const file = workspace.files.find((f) => f.path === SPEC)!;
  const { ir } = resolveDocument(workspace.services, file.document);
  const cell = ir.cells.find((c) => c.name === 'Marquis2019COMSOL')!;

  it('checks clean and maps to a liquid parameter set with the COMSOL setup', () => {
    expect(file.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const mapped = parametersFromCell(cell);
    expect(mapped.problems).toEqual([]);
    const p = mapped.parameters!;
    expect(p.electrodeArea).toBeCloseTo(1, 9);
    expect(p.oneCCurrent).toBeCloseTo(24, 9);
    expect(p.electrolyte.type).toBe('liquid');
    expect(p.separator.electrolyteFraction).toBe(1);
  });

  const references = readdirSync(REFERENCE_DIR).filter((f) => /^comsol-dfn-marquis2019-.*C\.json$/.test(f));
  it.each(references)('%s: same curve as the built-in set, RMSE ≤ 10 mV against COMSOL', (name) => {
    const ref = JSON.parse(readFileSync(join(REFERENCE_DIR, name), 'utf8')) as {
      c_rate: number;
      time_s: number[];
      voltage_V: number[];
    };
    const fromSpec = parametersFromCell(cell).parameters!;
    const builtin = marquis2019({ comsol: true });
    const run = (p: typeof builtin) => operate(new P2DModel(p), [constantCurrentDischarge(p.oneCCurrent, ref.c_rate)]);
    const a = run(fromSpec),
      b = run(builtin);
    const vsBuiltin = rmseAt(a, b.time, b.voltage, 0);
    const vsComsol = rmseAt(a, ref.time_s, ref.voltage_V, 3.105);
    console.log(
      `${name}: spec path vs built-in ${(vsBuiltin * 1000).toFixed(4)} mV, vs COMSOL ${(vsComsol * 1000).toFixed(2)} mV`,
    );
    expect(vsBuiltin).toBeLessThan(5e-5);
    expect(vsComsol).toBeLessThanOrEqual(0.01);
  });
});
