/**
 * Simulated runs of test plans on the P2D model of standard battery 2.1 (hand-made IR of the
 * models' fixtures). Checks are physical limits, not stored numbers: a slow discharge delivers
 * close to the design capacity and never more; capacity falls with rate and rises with
 * temperature; pulse resistances are positive and fall with temperature (thermally activated
 * transport); rests last exactly as long as written.
 */
import { describe, expect, it } from 'vitest';
import { designCell } from '../../src/design/index.js';
import { expandPlan, simulatePlan } from '../../src/testplan/index.js';
import type { TestIR } from '../../src/ir.js';
import { sb21 } from '../models/fixtures/sb21.js';

const K0 = 273.15;
const cell = sb21();
const design = designCell(cell).capacity!;
const plan = (tests: TestIR[]) => expandPlan({ name: 'P', cell: cell.name, tests }, cell, { designCapacity: design });

describe('simulated test plans', () => {
  it('IEC 62660-1 capacity: near the design capacity at C/3, 25 °C; falls with rate, rises with temperature', () => {
    const x = plan([
      {
        name: 'cap',
        temperatures: [25 + K0, 60 + K0],
        rates: [1 / 3, 1, 3],
        steps: [{ type: 'procedure', name: 'iec62660-capacity', arguments: {} }],
        criteria: [],
      },
    ]);
    expect(x.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const sim = simulatePlan(x, cell);
    expect(sim.problems).toEqual([]);
    const cap = (id: string) =>
      sim.tests
        .find((t) => t.id === id)!
        .capacities.filter((c) => c.direction === 'discharge')
        .at(-1)!.capacity * 3600;
    // At C/3 in a 8 mAh thin-film cell the polarisation loss is small: ≥ 90 % of design, and never above it (+0.5 % for the CV tail's rounding).
    const slow = cap('cap @ 25 °C, C/3');
    expect(slow / design).toBeGreaterThan(0.9);
    expect(slow / design).toBeLessThan(1.005);
    expect(cap('cap @ 25 °C, 1 C')).toBeLessThan(slow);
    expect(cap('cap @ 25 °C, 3 C')).toBeLessThan(cap('cap @ 25 °C, 1 C'));
    expect(cap('cap @ 60 °C, 3 C')).toBeGreaterThan(cap('cap @ 25 °C, 3 C'));
  });

  it('DC-IR: positive pulse resistances that fall with temperature', () => {
    const x = plan([
      {
        name: 'dcir',
        temperatures: [25 + K0, 60 + K0],
        steps: [{ type: 'procedure', name: 'dc-ir', arguments: {} }],
        criteria: [],
      },
    ]);
    const sim = simulatePlan(x, cell);
    const r = (id: string) => sim.tests.find((t) => t.id === id)!.pulses.filter((p) => p.direction === 'discharge');
    const at25 = r('dcir @ 25 °C');
    expect(at25.map((p) => p.rate)).toEqual([0.1, 0.2, 0.5]);
    for (const p of at25) {
      expect(p.resistance).toBeGreaterThan(0);
      // The pulses start at SOC 50 % (±2 % from the earlier pulses and the ideal-cell SOC move).
      expect(Math.abs(p.soc - 0.5)).toBeLessThan(0.02);
    }
    const at60 = r('dcir @ 60 °C');
    for (let i = 0; i < at25.length; i++) expect(at60[i]!.resistance).toBeLessThan(at25[i]!.resistance);
  });

  it('rests and soaks last as long as written; repeats count every pass', () => {
    const x = plan([
      {
        name: 'r',
        steps: [
          { type: 'temperature', setpoint: 45 + K0, soak: 1800 },
          { type: 'loop', count: 3, steps: [{ type: 'rest', until: [{ quantity: 'time', value: 600 }] }] },
        ],
        criteria: [],
      },
    ]);
    const sim = simulatePlan(x, cell);
    // 1800 s + 3 × 600 s; the model adds 1 µs at the start of each step.
    expect(sim.tests[0]!.duration).toBeCloseTo(3600, 3);
    expect(sim.notes).toContain(
      'a repeat is simulated for its first pass; later passes are counted at the same length',
    );
  });

  it('abuse and impedance steps are not simulated, and say so', () => {
    const x = plan([
      {
        name: 'oc',
        steps: [
          { type: 'procedure', name: 'overcharge', arguments: {} },
          { type: 'impedance', frequencyHigh: 1e6, frequencyLow: 0.1 },
        ],
        criteria: [],
      },
    ]);
    const sim = simulatePlan(x, cell);
    expect(sim.notes).toEqual(
      expect.arrayContaining([
        'abuse steps (beyond the limits on purpose) are not simulated',
        'impedance steps are not simulated',
      ]),
    );
  });
});
