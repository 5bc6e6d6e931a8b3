// Design sweeps: grid points equal single designs and runs; the Pareto front of a small sweep by hand.
import { describe, expect, it } from 'vitest';
import {
  designCell,
  parametersFromCell,
  paretoFront,
  runConstantCurrent,
  sweepDesign,
  sweepGrid,
  type SweepPoint,
} from '../../src/index.js';
import { sb21 } from '../models/fixtures/sb21.js';

describe('design sweep', () => {
  it('the grid is every combination, first axis slowest', () => {
    expect(
      sweepGrid([
        { path: 'a', values: [1, 2] },
        { path: 'b', values: [10, 20, 30] },
      ]),
    ).toEqual([
      [1, 10],
      [1, 20],
      [1, 30],
      [2, 10],
      [2, 20],
      [2, 30],
    ]);
  });

  it('each point equals the design of the cell written with those values', () => {
    const cell = sb21();
    const result = sweepDesign(cell, [
      { path: 'cathode.loading', values: [0.15, 0.2] },
      { path: 'separator.thickness', values: [10e-6, 30e-6] },
    ]);
    expect(result.problems).toEqual([]);
    expect(result.points).toHaveLength(4);
    for (const p of result.points) {
      // The same cell written by hand, not through the sweep's variable table.
      const written = {
        ...cell,
        cathode: { ...cell.cathode, loading: p.values['cathode.loading']! },
        separator: { ...cell.separator!, thickness: p.values['separator.thickness']! },
      };
      const d = designCell(written);
      expect(p.metrics['capacity']).toBe(d.capacity);
      expect(p.metrics['np']).toBe(d.npRatio);
      expect(p.metrics['ed-stack']).toBe(d.stack.energyDensity);
    }
  });

  it('a simulated point equals a single run of that cell', () => {
    const cell = sb21();
    const simulation = { direction: 'discharge' as const, rate: 1, fidelity: 'reduced' as const };
    const result = sweepDesign(cell, [{ path: 'cathode.loading', values: [0.16] }], { simulation });
    const written = { ...cell, cathode: { ...cell.cathode, loading: 0.16 } };
    const run = runConstantCurrent(parametersFromCell(written).parameters!, { ...simulation });
    expect(result.points[0]!.metrics['sim-capacity']).toBeCloseTo(run.capacity * 3600, 12);
    expect(result.points[0]!.metrics['sim-soc']).toBe(run.endSoc);
  });

  it('constraints mark infeasible points and keep them off the front', () => {
    const cell = sb21();
    const result = sweepDesign(cell, [{ path: 'anode.loading', values: [0.05, 0.1063, 0.15] }], {
      constraints: [{ metric: 'np', op: '>=', value: 1.05 }],
      objectives: [{ metric: 'ed-stack', direction: 'max' }],
    });
    const np = result.points.map((p) => p.metrics['np']!);
    expect(np[0]).toBeLessThan(1.05); // a thin anode: N/P below 1
    expect(result.points[0]!.violated).toEqual(['np >= 1.05']);
    // Of the feasible points, the thinner anode has the higher stack energy density: a single objective has one best point.
    expect(result.front).toEqual([1]);
  });

  it('the Pareto front of six points, by hand', () => {
    // Maximise a, minimise b. Points (a, b): 0 (1, 1), 1 (2, 2), 2 (2, 3), 3 (3, 3), 4 (0, 0), 5 (3, 4).
    // 2 is dominated by 1 (same a, lower b); 5 by 3 (same a, lower b); 0, 1, 3, 4 trade a against b.
    const pts: SweepPoint[] = [
      [1, 1],
      [2, 2],
      [2, 3],
      [3, 3],
      [0, 0],
      [3, 4],
    ].map(([a, b], index) => ({ index, values: {}, metrics: { a, b }, violated: [] }));
    expect(
      paretoFront(pts, [
        { metric: 'a', direction: 'max' },
        { metric: 'b', direction: 'min' },
      ]),
    ).toEqual([0, 1, 3, 4]);
  });

  it('unknown variables and metrics are refused before anything runs', () => {
    const result = sweepDesign(sb21(), [{ path: 'cathode.colour', values: [1] }], {
      objectives: [{ metric: 'sim-soc', direction: 'max' }],
    });
    expect(result.points).toEqual([]);
    expect(result.problems).toEqual([
      'cathode.colour is not a design variable',
      "unknown metric 'sim-soc' (needs a simulation)",
    ]);
  });
});
