/**
 * Protocol fidelity for unattended runs, one test per point: chamber changes are operator pauses
 * (Neware) or temperature-carrying steps (PyBaMM), never only a comment; set-SOC and pre-storage
 * charges are CC-CV (IEC 62660-1 SOC adjustment); pulses end on their own voltage limit and go
 * on; cycle life exists both as the standard's dynamic profile with time-based checks and as
 * plain CC-CV cycling, each saying which it follows; a channel that cannot do a step is a
 * diagnostic in the editor; file names keep hyphens.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../packages/language/src/index.js';
import { expandPlan, PROCEDURES, type ConcreteStep, type TestPlanIR } from '../../packages/physics/src/index.js';
import { emitMaccor, emitNeware, pybammDocument, slug } from '../../packages/emit/src/index.js';
import { SB21 } from '../../packages/physics/test/testplan/cell.js';

const K0 = 273.15;
const plan = (name: string, steps: TestPlanIR['tests'][number]['steps'], extra: object = {}): TestPlanIR => ({
  name: 'P',
  cell: 'SB21',
  tests: [{ name, steps, criteria: [], ...extra }],
});
const flat = (steps: readonly ConcreteStep[]): ConcreteStep[] =>
  steps.flatMap((s) => (s.kind === 'loop' ? flat(s.steps) : [s]));

describe('protocol fidelity', () => {
  it('a chamber change is an operator pause with temperature and soak (Neware) and a step temperature (PyBaMM)', () => {
    const p = expandPlan(
      plan('t', [
        { type: 'temperature', setpoint: 45 + K0, soak: 4 * 3600 },
        { type: 'rest', until: [{ quantity: 'time', value: 60 }] },
      ]),
      SB21,
    );
    const neware = emitNeware(p);
    expect(neware.files[0]!.content).toMatch(/Step_Type="13"/);
    expect(neware.notes.map((n) => n.message)).toContain(
      'step 1 pauses for the operator: set the chamber to 45 °C and resume; step 2 soaks 4 h',
    );
    const cycle = pybammDocument(p).experiments[0]!.cycles[0]!;
    expect(cycle.steps[0]).toBe('Rest for 4 hours');
    expect(cycle.temperatures).toEqual([318.15, 318.15]);
  });

  it('set-SOC after a discharge is a CC-CV full charge then a discharge; SOC 100 % (pre-storage) is the CC-CV charge alone', () => {
    const p = expandPlan(
      plan('s', [
        { type: 'discharge', setpoint: { mode: 'crate', value: 1 / 3 }, until: [{ quantity: 'voltage', value: 2.5 }] },
        { type: 'set-soc', soc: 0.5 },
        { type: 'set-soc', soc: 1 },
      ]),
      SB21,
    );
    const steps = p.tests[0]!.steps;
    const [, charge, rest, down, full] = steps;
    expect(charge).toMatchObject({ kind: 'cc', direction: 'charge', cv: 4.25 });
    expect((charge as unknown as { ends: { quantity: string; crate?: number }[] }).ends).toEqual([
      expect.objectContaining({ quantity: 'current', crate: 1 / 20 }),
    ]);
    expect(rest).toMatchObject({ kind: 'rest' });
    expect(down).toMatchObject({ kind: 'cc', direction: 'discharge' });
    expect((down as unknown as { ends: { quantity: string; value: number }[] }).ends[0]).toEqual(
      expect.objectContaining({ quantity: 'capacity', value: 0.5 * p.capacity }),
    );
    expect(full).toMatchObject({ kind: 'cc', direction: 'charge', cv: 4.25 });
    expect(steps).toHaveLength(5);
    // The storage procedure's pre-storage charge is CC-CV too.
    const storage = expandPlan(plan('st', [{ type: 'procedure', name: 'iec62660-storage', arguments: {} }]), SB21);
    const firstCharge = flat(storage.tests[0]!.steps).find((s) => s.kind === 'cc' && s.direction === 'charge');
    expect(firstCharge).toMatchObject({ cv: 4.25 });
  });

  it('a pulse ends on its time or its own voltage limit and the procedure goes on (Maccor)', () => {
    const p = expandPlan(
      plan('p', [{ type: 'pulse', direction: 'discharge', setpoint: { mode: 'crate', value: 5 }, duration: 10 }]),
      SB21,
    );
    const text = emitMaccor(p).files[0]!.content as string;
    const step = text.split('<TestStep>')[1]!;
    expect(step).toMatch(
      /<EndType>Voltage <\/EndType>\s*<SpecialType> <\/SpecialType>\s*<Oper>&lt;= <\/Oper>\s*<Step>002<\/Step>\s*<Value>2.5<\/Value>/,
    );
  });

  it('cycle life: the IEC 62660-1 dynamic profile with time-based checks, and plain CC-CV cycling, each saying which', () => {
    const dynamic = PROCEDURES.find((d) => d.name === 'iec62660-cycle-life-dynamic')!;
    const plain = PROCEDURES.find((d) => d.name === 'iec62660-cycle-life')!;
    expect(dynamic.description).toMatch(/^Follows the structure of IEC 62660-1/);
    expect(plain.description).toMatch(/^Follows the standard-battery programme, not the IEC 62660-1 profile/);
    const p = expandPlan(
      plan('c', [{ type: 'procedure', name: 'iec62660-cycle-life-dynamic', arguments: { interval: 7 * 86400 } }]),
      SB21,
    );
    expect(p.problems.filter((q) => q.severity === 'error')).toEqual([]);
    const steps = flat(p.tests[0]!.steps);
    expect(steps.filter((s) => s.kind === 'pulse' && s.direction === 'charge').length).toBeGreaterThan(0);
    // Time-based: the check interval (days) sets how many repetitions run before each check,
    // so twice the interval runs twice the repetitions (±1 for rounding).
    const repetitions = (days: number): number => {
      const x = expandPlan(
        plan('c', [{ type: 'procedure', name: 'iec62660-cycle-life-dynamic', arguments: { interval: days * 86400 } }]),
        SB21,
      );
      const outer = x.tests[0]!.steps.find((s) => s.kind === 'loop')!;
      const inner = (outer as unknown as { steps: ConcreteStep[] }).steps.find((s) => s.kind === 'loop')!;
      return (inner as unknown as { count: number }).count;
    };
    expect(repetitions(7)).toBeGreaterThan(5);
    expect(Math.abs(repetitions(14) - 2 * repetitions(7))).toBeLessThanOrEqual(1);
  });

  it('a forced discharge on a unipolar channel, and a voltage beyond the channel, are editor diagnostics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellspec-channel-'));
    const file = join(dir, 'plan.cellspec');
    writeFileSync(
      file,
      `import "${join(new URL('../..', import.meta.url).pathname, 'examples/cells/standard-battery-2-1.cellspec')}"
test-plan Abuse for SB21 {
  test forced {
    channel-voltage 0 V to 5 V
    procedure forced-discharge
  }
  test narrow {
    channel-voltage 0 V to 4 V
    charge at C/10 cv 4.25 V until C/20
  }
  test undeclared {
    procedure forced-discharge
  }
}
`,
    );
    const ws = await loadWorkspace([file]);
    const d = ws.files.find((f) => f.requested)!.diagnostics.filter((x) => x.code === 'channel-capability');
    expect(d.map((x) => [x.severity, x.message.replace(/ \(in .*$/, '')])).toEqual([
      [
        'error',
        'this forced discharge drives the cell below 0 V, which the declared channel (0 V to 5 V) cannot follow: it needs a bipolar channel',
      ],
      ['error', 'the charge holds 4.25 V is outside the declared channel (0 V to 4 V)'],
      [
        'info',
        'this forced discharge drives the cell below 0 V: it needs a bipolar channel; declare the channel with channel-voltage (e.g. -5 V to 5 V)',
      ],
    ]);
  });

  it('file names keep hyphens inside names', () => {
    expect(slug('storage-42-days')).toBe('storage-42-days');
  });
});
