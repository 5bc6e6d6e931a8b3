/** Operating modes and stop conditions of the runner, on the Marquis2019 cell (P2D and SPMe). */
import { describe, expect, it } from 'vitest';
import { marquis2019 } from '../../src/models/marquis2019.js';
import {
  operate,
  cccvCharge,
  constantCurrentCharge,
  constantCurrentDischarge,
  pulse,
} from '../../src/models/operation.js';
import { P2DModel } from '../../src/models/p2d.js';
import { SPMeModel } from '../../src/models/spme.js';

const p = marquis2019();
const models = [
  ['P2D', () => new P2DModel(p)],
  ['SPMe', () => new SPMeModel(p)],
] as const;

describe.each(models)('%s operation', (_name, make) => {
  it('stops a discharge at the lower cut-off voltage (within 0.1 mV)', () => {
    const r = operate(make(), [constantCurrentDischarge(p.oneCCurrent, 1)]);
    expect(Math.abs(r.voltage.at(-1)! - p.voltageMin)).toBeLessThan(1e-4);
    expect(r.stepEnds[0]!.reason).toBe('limit');
  });

  it('CCCV charge: CC to 4.1 V, then CV until the current falls to C/20', () => {
    const r = operate(make(), cccvCharge(p.oneCCurrent, 1, 4.1, 0.05), { initialSoc: 0.1 });
    expect(r.failure).toBeUndefined();
    expect(r.stepEnds.map((e) => e.reason)).toEqual(['voltage', 'current']);
    const cvStart = r.stepEnds[0]!.index + 1;
    for (let k = cvStart + 1; k < r.voltage.length; k++) expect(Math.abs(r.voltage[k]! - 4.1)).toBeLessThan(1e-6);
    // Charging current is negative and decays to 0.05C (within the 0.1 % refinement tolerance).
    expect(Math.abs(r.current.at(-1)! + 0.05 * p.oneCCurrent)).toBeLessThan(2e-3 * 0.05 * p.oneCCurrent + 1e-9);
    expect(r.soc.at(-1)!).toBeGreaterThan(0.9);
  });

  it('constant power: V·I equals the set power', () => {
    const power = 2.5; // W, about 1C at 3.7 V
    const r = operate(make(), [{ mode: 'power', value: power, until: [{ quantity: 'time', value: 1200 }] }]);
    for (let k = 1; k < r.time.length; k++)
      expect(Math.abs(r.voltage[k]! * r.current[k]! - power)).toBeLessThan(1e-6 * power);
  });

  it('stops on SOC', () => {
    const r = operate(make(), [constantCurrentDischarge(p.oneCCurrent, 2, [{ quantity: 'soc', value: 0.5 }])]);
    expect(Math.abs(r.soc.at(-1)! - 0.5)).toBeLessThan(2e-5);
    expect(r.stepEnds[0]!.reason).toBe('soc');
  });

  it('a 10 s pulse drops the voltage and the rest recovers it', () => {
    const r = operate(make(), [...pulse(3 * p.oneCCurrent, 10, 600)], { initialSoc: 0.5 });
    const endPulse = r.stepEnds[0]!.index,
      endRest = r.stepEnds[1]!.index;
    expect(r.time[endPulse]!).toBeCloseTo(10 + 1e-6, 6);
    const before = r.voltage[0]!;
    expect(r.voltage[endPulse]!).toBeLessThan(before);
    expect(r.current[endRest]!).toBe(0);
    // After 10 min rest the voltage is back within 20 mV of open circuit and above the pulse end.
    expect(r.voltage[endRest]!).toBeGreaterThan(r.voltage[endPulse]!);
  });
});

describe('plating risk', () => {
  // Fast charge of the Marquis graphite cell from 10 % to 80 % SOC (the charging limit raised
  // to 4.6 V so the 6C run reaches 80 %): at 6C the anode surface falls below 0 V vs Li/Li⁺ near
  // the end; at C/2 it stays well above.
  it('6C charge drives the anode below 0 V vs Li; C/2 does not', () => {
    const until = [
      { quantity: 'soc' as const, value: 0.8 },
      { quantity: 'voltage' as const, value: 4.6 },
    ];
    const fast = operate(new P2DModel(p), [constantCurrentCharge(p.oneCCurrent, 6, until)], { initialSoc: 0.1 });
    const slow = operate(new P2DModel(p), [constantCurrentCharge(p.oneCCurrent, 0.5, until)], { initialSoc: 0.1 });
    const firstBelow = fast.anodePotential.findIndex((v) => v < 0);
    console.log(
      `6C charge: anode below 0 V vs Li from ${firstBelow >= 0 ? (fast.soc[firstBelow]! * 100).toFixed(0) + ' % SOC' : 'never'}; min ${Math.min(...fast.anodePotential).toFixed(3)} V; C/2 min ${Math.min(...slow.anodePotential).toFixed(3)} V`,
    );
    expect(fast.stepEnds[0]!.reason).toBe('soc');
    expect(firstBelow).toBeGreaterThanOrEqual(0);
    expect(Math.min(...slow.anodePotential)).toBeGreaterThan(0.05);
  });
});

describe('stop conditions met at the start', () => {
  it('a charge step that starts above its voltage limit ends at once', () => {
    const r = operate(
      new SPMeModel(p),
      [constantCurrentCharge(p.oneCCurrent, 1, [{ quantity: 'voltage', value: 3.0 }])],
      { initialSoc: 0.5 },
    );
    expect(r.time.length).toBe(1);
    expect(r.stepEnds[0]!.reason).toBe('voltage');
  });
});

describe('internal profiles', () => {
  // During a liquid-cell discharge Li+ is released in the negative electrode and consumed in the
  // positive one, so the salt concentration falls across the cell (conservation is checked in
  // physics.test.ts).
  it('records electrolyte, potential and reaction profiles at the end of each step', () => {
    const r = operate(
      new P2DModel(p),
      [constantCurrentDischarge(p.oneCCurrent, 1, [{ quantity: 'time', value: 600 }])],
      { profiles: true },
    );
    const prof = r.profiles[0]!;
    const n = prof.x.length;
    for (const key of [
      'electrolyteConcentration',
      'electrolytePotential',
      'solidPotential',
      'reactionCurrent',
      'surfaceStoichiometry',
    ] as const) {
      expect(prof[key]).toHaveLength(n);
    }
    expect(prof.electrolyteConcentration[0]!).toBeGreaterThan(prof.electrolyteConcentration[n - 1]!);
    expect(prof.reactionCurrent[0]!).toBeGreaterThan(0); // oxidation in the negative on discharge
    expect(prof.reactionCurrent[n - 1]!).toBeLessThan(0);
    expect(Number.isNaN(prof.solidPotential[Math.floor(n / 2)]!)).toBe(true); // separator
  });
});

describe('a model whose capacity disagrees with the nominal one', () => {
  // The nominal 1C current a thousand times too small (a damaged loading): a 1C discharge of the
  // nominal capacity never reaches the cut-off; the step must stop once it has passed twice that
  // capacity (2 h at 1C), not after 100,000 time steps of simulated months.
  it('stops a step that passes twice the nominal capacity, with the reason', () => {
    const damaged = { ...p, oneCCurrent: p.oneCCurrent / 1000 };
    const r = operate(new SPMeModel(damaged), [constantCurrentDischarge(damaged.oneCCurrent, 1)]);
    expect(r.failure).toMatch(/passed 2 times the nominal capacity/);
    expect(r.time.at(-1)! / 3600).toBeGreaterThan(2);
    expect(r.time.at(-1)! / 3600).toBeLessThan(2.2);
    expect(r.stats.steps).toBeLessThan(1000);
  });
});
