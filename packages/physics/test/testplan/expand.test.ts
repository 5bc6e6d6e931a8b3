import { describe, expect, it } from 'vitest';
import { expandPlan, PROCEDURES, type ConcreteStep } from '../../src/testplan/index.js';
import { SB21, K0, mAh, plan, test } from './cell.js';

const oneC = (8 * mAh) / 3600; // 8 mA

function flat(steps: readonly ConcreteStep[]): ConcreteStep[] {
  return steps.flatMap((s) => (s.kind === 'loop' ? [s, ...flat(s.steps)] : [s]));
}

describe('procedure expansion', () => {
  it('lot check at 0.1C: CCCV to 4.25 V until C/20, rest, discharge to 2.5 V at 0.8 mA', () => {
    const x = expandPlan(
      plan([test('lot', [{ type: 'procedure', name: 'lot-check', arguments: {} }], { samples: 17 })]),
      SB21,
    );
    expect(x.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const steps = flat(x.tests[0]!.steps);
    const cc = steps.filter((s) => s.kind === 'cc');
    expect(cc).toHaveLength(2);
    const [ch, dis] = cc as Extract<ConcreteStep, { kind: 'cc' }>[];
    // 0.1C of 8 mAh is 0.8 mA exactly (to float precision).
    expect(ch!.setpoint.current).toBeCloseTo(0.1 * oneC, 12);
    expect(ch!.cv).toBe(4.25);
    expect(ch!.ends).toEqual([{ quantity: 'current', op: '<=', value: oneC / 20, crate: 1 / 20 }]);
    expect(dis!.ends).toEqual([{ quantity: 'voltage', op: '<=', value: 2.5 }]);
    expect(x.tests[0]!.criteria).toContain('charge and discharge capacity of every cell within ±3 % of the lot mean');
    expect(x.cost.channels).toBe(17);
  });

  it('power test: 10 s pulses at SOC 80, 50 and 20 % reached by capacity-limited moves', () => {
    const x = expandPlan(
      plan([test('power', [{ type: 'procedure', name: 'iec62660-power', arguments: { rate: 5 } }])]),
      SB21,
    );
    expect(x.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const steps = x.tests[0]!.steps;
    const pulses = steps.filter((s) => s.kind === 'pulse');
    expect(pulses).toHaveLength(6);
    for (const p of pulses)
      if (p.kind === 'pulse') {
        expect(p.duration).toBe(10);
        expect(p.setpoint.crate).toBe(5);
      }
    // Moves after the full charge: 100→80, 80→50, 50→20 % = 20, 30, 30 % of 8 mAh.
    const moves = steps.filter(
      (s) => s.kind === 'cc' && s.origin === 'iec62660-power' && s.ends.some((e) => e.quantity === 'capacity'),
    );
    const amounts = moves.map((s) =>
      s.kind === 'cc' ? s.ends.find((e) => e.quantity === 'capacity')!.value / mAh : NaN,
    );
    // Pulses move SOC too (5C × 10 s = 1.39 % per pulse, discharge then charge: net zero).
    expect(amounts.map((a) => Math.round(a * 1000) / 1000)).toEqual([1.6, 2.4, 2.4]);
  });

  it('a temperature sweep gives one sub-test per point, each starting with its set-point', () => {
    const temps = [-40, -20, 0, 25, 45, 60, 80, 100].map((c) => c + K0);
    const x = expandPlan(
      plan([
        test('capacity', [{ type: 'procedure', name: 'iec62660-capacity', arguments: {} }], { temperatures: temps }),
      ]),
      SB21,
    );
    expect(x.tests.map((t) => t.id)).toEqual(
      ['-40', '-20', '0', '25', '45', '60', '80', '100'].map((c) => `capacity @ ${c} °C`),
    );
    for (const [i, t] of x.tests.entries()) {
      const sets = t.steps
        .filter((s) => s.kind === 'temperature')
        .map((s) => (s.kind === 'temperature' ? s.setpoint : NaN));
      expect(sets).toEqual([25 + K0, temps[i]]);
    }
    expect(x.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(x.cost.chamberTemperatures).toEqual(temps.map((t) => Math.round(t * 100) / 100));
  });

  it('a rate sweep without procedures sets the rate of the written discharge', () => {
    const x = expandPlan(
      plan([
        test(
          'rate',
          [
            {
              type: 'charge',
              setpoint: { mode: 'crate', value: 0.1 },
              cv: 4.25,
              until: [{ quantity: 'crate', value: 0.05 }],
            },
            { type: 'discharge', setpoint: { mode: 'crate', value: 1 }, until: [{ quantity: 'voltage', value: 2.5 }] },
          ],
          { rates: [0.1, 1, 3] },
        ),
      ]),
      SB21,
    );
    const rates = x.tests
      .map((t) => t.steps.find((s) => s.kind === 'cc' && s.direction === 'discharge'))
      .map((s) => (s?.kind === 'cc' ? s.setpoint.crate : NaN));
    expect(rates).toEqual([0.1, 1, 3]);
  });

  it('every library procedure expands within the limits of standard battery 2.1 (abuse tests only inform)', () => {
    for (const p of PROCEDURES) {
      const x = expandPlan(plan([test(p.name, [{ type: 'procedure', name: p.name, arguments: {} }])]), SB21);
      const errors = x.problems.filter((q) => q.severity === 'error');
      expect(errors, p.name).toEqual([]);
      expect(x.tests[0]!.steps.length, p.name).toBeGreaterThan(0);
      expect(x.tests[0]!.electrical, p.name).toBe(p.cycler !== 'none');
    }
  });

  it('non-electrical abuse tests are documented, not sent to a cycler', () => {
    const x = expandPlan(plan([test('vib', [{ type: 'procedure', name: 'vibration', arguments: {} }])]), SB21);
    expect(x.tests[0]!.steps).toEqual([expect.objectContaining({ kind: 'documented', title: 'Vibration' })]);
    expect(x.tests[0]!.electrical).toBe(false);
    expect(x.cost.perTest).toEqual([]);
  });
});

describe('limits and impossible ends', () => {
  const run = (steps: Parameters<typeof test>[1], extra = {}) =>
    expandPlan(plan([test('t', steps, extra)]), SB21).problems;

  it('a charge above the maximum charge rate names the limit', () => {
    const p = run([
      { type: 'charge', setpoint: { mode: 'crate', value: 8 }, until: [{ quantity: 'voltage', value: 4.2 }] },
    ]);
    expect(p).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        code: 'limit-rate',
        message: "charge at 8 C exceeds the cell's maximum charge rate of 6 C (max-charge-rate)",
        at: { test: 't', subtest: 't', step: [0] },
      }),
    );
  });

  it('a set-point outside the temperature range names the limit', () => {
    const p = run([{ type: 'temperature', setpoint: 120 + K0, soak: 3600 }]);
    expect(p).toContainEqual(
      expect.objectContaining({
        code: 'limit-temperature',
        message: "set-temperature 120 °C is above the cell's upper temperature limit 100 °C",
      }),
    );
  });

  it('a charge ending above the window, and one ending below it', () => {
    const p = run([
      { type: 'charge', setpoint: { mode: 'crate', value: 1 }, until: [{ quantity: 'voltage', value: 4.4 }] },
      { type: 'discharge', setpoint: { mode: 'crate', value: 1 }, until: [{ quantity: 'voltage', value: 2.5 }] },
      { type: 'charge', setpoint: { mode: 'crate', value: 1 }, until: [{ quantity: 'voltage', value: 2.0 }] },
    ]).map((q) => q.message);
    expect(p).toContain("charge ends at 4.4 V, above the cell's upper voltage limit 4.25 V");
    expect(p).toContain(
      "charge ends at 2 V, at or below the cell's lower voltage limit 2.5 V: the voltage rises on charge, so the step would end at once",
    );
  });

  it('a charge ending below the voltage the previous charge left the cell at', () => {
    const p = run([
      { type: 'charge', setpoint: { mode: 'crate', value: 1 }, until: [{ quantity: 'voltage', value: 4.2 }] },
      { type: 'charge', setpoint: { mode: 'crate', value: 0.5 }, until: [{ quantity: 'voltage', value: 4.0 }] },
    ]);
    expect(p).toContainEqual(
      expect.objectContaining({
        code: 'impossible-end',
        message: 'charge ends at 4 V, below the 4.2 V the previous step left the cell at: it would end at once',
        at: { test: 't', subtest: 't', step: [1] },
      }),
    );
  });

  it('a constant-current charge that ends on a current never ends', () => {
    const p = run([
      { type: 'charge', setpoint: { mode: 'crate', value: 1 }, until: [{ quantity: 'crate', value: 0.05 }] },
    ]);
    expect(p).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        code: 'impossible-end',
        message: 'a constant-current charge never falls to C/20; add `cv 4.25 V` or end on voltage',
      }),
    );
  });

  it('loops without exit', () => {
    const p = run([
      { type: 'loop', count: 0, steps: [{ type: 'rest', until: [{ quantity: 'time', value: 60 }] }] },
      { type: 'loop', count: Infinity, steps: [{ type: 'rest', until: [{ quantity: 'time', value: 60 }] }] },
    ]);
    expect(p.filter((q) => q.code === 'loop-without-exit').map((q) => q.message)).toEqual([
      'repeat count 0 is not a whole number of at least 1: the loop has no exit',
      'the repeat count cannot be worked out from the procedure parameters: the loop has no exit',
    ]);
  });

  it('unknown procedures and parameters, with suggestions', () => {
    const p = run([
      { type: 'procedure', name: 'dcir', arguments: {} },
      { type: 'procedure', name: 'dc-ir', arguments: { socc: 0.5 } },
    ]);
    expect(p.map((q) => q.message)).toEqual([
      "unknown procedure 'dcir'; did you mean 'dc-ir'?",
      "procedure dc-ir has no parameter 'socc'; it takes soc, current, duration, rest, temperature, soak",
    ]);
  });

  it('the overcharge abuse test goes past the window on purpose: information, not an error', () => {
    const p = run([{ type: 'procedure', name: 'overcharge', arguments: {} }]);
    expect(p.filter((q) => q.severity === 'error')).toEqual([]);
    expect(p).toContainEqual(expect.objectContaining({ severity: 'info', code: 'limit-voltage' }));
  });

  it('a cell without capacity cannot resolve C-rates', () => {
    const { nominalCapacity: _n, ...noCap } = SB21;
    const x = expandPlan(plan([test('t', [{ type: 'rest', until: [{ quantity: 'time', value: 1 }] }])]), noCap);
    expect(x.problems[0]).toMatchObject({ code: 'no-capacity', severity: 'error' });
    // With a design capacity from the calculator it resolves.
    const y = expandPlan(plan([test('t', [{ type: 'rest', until: [{ quantity: 'time', value: 1 }] }])]), noCap, {
      designCapacity: 8 * mAh,
    });
    expect(y.oneC).toBeCloseTo(oneC, 15);
    expect(y.capacitySource).toBe('design capacity');
  });
});

describe('cost', () => {
  it('ideal durations: 1C from full to empty takes 1 h; rests and soaks add; channels from samples', () => {
    const x = expandPlan(
      plan([
        test(
          'a',
          [
            { type: 'temperature', setpoint: 45 + K0, soak: 7200 },
            { type: 'charge', setpoint: { mode: 'crate', value: 0.5 }, until: [{ quantity: 'voltage', value: 4.25 }] },
            { type: 'rest', until: [{ quantity: 'time', value: 1800 }] },
            { type: 'discharge', setpoint: { mode: 'crate', value: 1 }, until: [{ quantity: 'voltage', value: 2.5 }] },
          ],
          { samples: 3 },
        ),
        test(
          'b',
          [
            {
              type: 'loop',
              count: 10,
              steps: [
                {
                  type: 'charge',
                  setpoint: { mode: 'current', value: oneC },
                  until: [{ quantity: 'voltage', value: 4.25 }],
                },
                {
                  type: 'discharge',
                  setpoint: { mode: 'current', value: oneC },
                  until: [{ quantity: 'voltage', value: 2.5 }],
                },
              ],
            },
          ],
          { samples: 2 },
        ),
      ]),
      SB21,
    );
    // a: soak 2 h + charge from unknown SOC (counted from empty) 2 h + rest 0.5 h + discharge 1 h = 5.5 h.
    // b: 10 × (1 h + 1 h) = 20 h. Exact in the ideal-cell arithmetic (floating-point tolerance 1e-6 s).
    expect(x.cost.perTest.map((t) => t.duration / 3600)).toEqual([expect.closeTo(5.5, 9), expect.closeTo(20, 9)]);
    expect(x.cost.cyclerTime / 3600).toBeCloseTo(25.5, 9);
    expect(x.cost.channels).toBe(3);
    expect(x.cost.channelTime / 3600).toBeCloseTo(5.5 * 3 + 20 * 2, 9);
    expect(x.cost.summary).toBe('25.5 h on 3 channels at 45 °C');
  });
});
