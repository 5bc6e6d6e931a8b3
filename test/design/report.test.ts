/**
 * `cellspec report`: the JSON contract's fields, the CSV header and quoting, the text form, and
 * `--compare` for a variant against its base, on the bundled standard battery 2.1 and its variant.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../packages/cli/src/cli.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const SB21 = join(ROOT, 'examples', 'cells', 'standard-battery-2-1.cellspec');
const VARIANT = join(ROOT, 'examples', 'variants', 'sb21-ng2.cellspec');

async function report(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['report', ...args], {
    cwd: ROOT,
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
  });
  return { code, out, err };
}

describe('cellspec report', () => {
  it('writes the documented JSON contract, one record per cell', async () => {
    const { code, out } = await report(SB21, '--format', 'json');
    expect(code).toBe(0);
    const { cells } = JSON.parse(out);
    expect(cells).toHaveLength(1);
    const r = cells[0];
    expect(Object.keys(r)).toEqual(
      expect.arrayContaining([
        'file',
        'name',
        'base',
        'capacity_mAh',
        'limiting_electrode',
        'np_ratio',
        'mean_voltage_V',
        'energy_Wh',
        'energy_density_Wh_per_L',
        'specific_energy_Wh_per_kg',
        'areal_capacity_mAh_per_cm2',
        'mass_g',
        'thickness_um',
      ]),
    );
    expect(r).toMatchObject({
      file: 'examples/cells/standard-battery-2-1.cellspec',
      name: 'SB21',
      base: null,
      limiting_electrode: 'cathode',
    });
    expect(Object.keys(r.energy_density_Wh_per_L)).toEqual(['stack', 'cell']);
    expect(Object.keys(r.areal_capacity_mAh_per_cm2)).toEqual(['cathode', 'anode']);
    // The stack is the sum of its layers, each counted once in a single-layer cell (0.01 µm: 6 figures).
    const t = r.thickness_um;
    expect(
      Math.abs(t['cathode collector'] + t.cathode + t['electrolyte layer'] + t.anode + t['anode collector'] - t.stack),
    ).toBeLessThan(0.01);
    // Energy is capacity × mean voltage (mAh × V = mWh).
    expect(r.energy_Wh * 1000).toBeCloseTo(r.capacity_mAh * r.mean_voltage_V, 3);
  });

  it('writes CSV with a header row and one row per cell', async () => {
    const { out } = await report(SB21, VARIANT, '--format', 'csv');
    const rows = out.trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/^file,name,base,capacity_mAh,limiting_electrode,np_ratio,/);
    expect(rows).toHaveLength(3);
    expect(rows.some((r) => /,SB21-NG2,SB21,/.test(r))).toBe(true);
  });

  it('writes a readable text report with the targets', async () => {
    const { out } = await report(SB21);
    expect(out).toContain('SB21 — examples/cells/standard-battery-2-1.cellspec');
    expect(out).toMatch(/energy density\s+40\d Wh\/L \(stack\)/);
    expect(out).toContain('target met                capacity');
  });

  it('compares a variant with its base', async () => {
    const { code, out } = await report(SB21, VARIANT, '--compare', 'SB21-NG2');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^metric\s+SB21\s+SB21-NG2\s+delta\s+percent$/);
    expect(lines.find((l) => l.startsWith('N/P ratio'))).toMatch(/[+-][\d.]+ %$/);
    const json = JSON.parse((await report(SB21, VARIANT, '--compare', 'SB21-NG2', '--format', 'json')).out);
    expect(json.base).toBe('SB21');
    expect(json.metrics.find((m: { metric: string }) => m.metric === 'capacity')).toMatchObject({ unit: 'mAh' });
  });

  it('says which name is wrong for --compare', async () => {
    const { code, err } = await report(SB21, '--compare', 'SB21');
    expect(code).toBe(2);
    expect(err).toContain('SB21 is a cell, not a variant');
  });
});
