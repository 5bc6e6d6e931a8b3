/**
 * The design study of the next-generation cell (examples/variants/ngsc-6c-study.*): the result its
 * comment states, from the study file beside it, run as the report and the documents run it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspace, readStudyBeside, resolveDocument } from '../../packages/language/src/index.js';
import { sweepDesign } from '../../packages/physics/src/index.js';

const FILE = join(new URL('../..', import.meta.url).pathname, 'examples/variants/ngsc-6c-study.cellspec');
const WH_PER_L = 3.6e6; // J/m³ per Wh/L
const MG_PER_CM2 = 1e-2; // kg/m² per mg/cm²

describe('next-generation cell: 6C-charge design study', () => {
  it('maximises Wh/L subject to a plating-free 6C charge to 80 % and N/P ≥ 1.05, as the example states', async () => {
    const ws = await loadWorkspace([FILE]);
    const file = ws.files.find((f) => f.requested)!;
    expect(file.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const read = readStudyBeside(FILE);
    if (!read || 'problem' in read) throw new Error(read?.problem ?? 'no study beside the example');
    const { study } = read;
    const cell = resolveDocument(ws.services, file.document).ir.cells.find((c) => c.name === study.cell)!;
    const result = sweepDesign(cell, study.axes, study);
    expect(result.problems).toEqual([]);
    expect(result.points.filter((p) => p.failure)).toEqual([]);
    const feasible = result.points.filter((p) => p.violated.length === 0);
    expect(result.points).toHaveLength(21);
    expect(feasible).toHaveLength(19);
    expect(result.front).toHaveLength(9);
    // Only N/P binds: the two infeasible designs are 45 and 48 mg/cm² over an 8 mg/cm² anode.
    const infeasible = result.points.filter((p) => p.violated.length > 0);
    expect(infeasible.map((p) => p.violated)).toEqual([['np >= 1.05'], ['np >= 1.05']]);
    expect(infeasible.map((p) => Math.round(p.values['cathode.loading']! / MG_PER_CM2))).toEqual([45, 48]);
    expect(infeasible.every((p) => Math.abs(p.values['anode.loading']! / MG_PER_CM2 - 8) < 1e-9)).toBe(true);
    // No design plates and every one reaches 80 % SOC.
    for (const p of result.points) {
      expect(p.metrics['sim-anode-min']!).toBeGreaterThan(0);
      expect(p.metrics['sim-soc']!).toBeGreaterThanOrEqual(0.8);
    }
    // The best feasible energy density: 885 Wh/L (3 significant figures, as stated) at 48 × 9 mg/cm².
    const best = feasible.reduce((a, b) => (b.metrics['ed-stack']! > a.metrics['ed-stack']! ? b : a));
    expect(Math.round(best.metrics['ed-stack']! / WH_PER_L)).toBe(885);
    expect(best.values['cathode.loading']! / MG_PER_CM2).toBeCloseTo(48, 9);
    expect(best.values['anode.loading']! / MG_PER_CM2).toBeCloseTo(9, 9);
    expect(best.metrics['np']!).toBeCloseTo(1.055, 3);
    expect(Math.round(best.metrics['sim-anode-min']! * 1000)).toBe(79); // mV
    expect(result.front).toContain(best.index);
  }, 120_000);
});
