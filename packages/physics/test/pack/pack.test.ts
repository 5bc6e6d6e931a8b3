// Pack, vehicle, thermal-network and ageing models against hand calculations and closed forms.
import { describe, expect, it } from 'vitest';
import {
  designCell,
  drivePower,
  packDesign,
  predictAgeing,
  runThermalNetwork,
  WLTC_CLASS_3B_KMH,
  WLTC_CLASS_3_PHASES,
  type PackDesign,
  type Vehicle,
} from '../../src/index.js';
import { sb21 } from '../models/fixtures/sb21.js';

const CAR: Vehicle = {
  mass: 2000,
  dragCoefficient: 0.28,
  frontalArea: 2.3,
  rollingResistance: 0.01,
  drivetrainEfficiency: 0.9,
  regenerationFraction: 0.6,
  airDensity: 1.2,
};

describe('WLTC class 3b trace', () => {
  it('has the published duration, distance and top speed (GTR 15, Annex 1)', () => {
    expect(WLTC_CLASS_3B_KMH).toHaveLength(1801); // 0 … 1800 s
    expect(Math.max(...WLTC_CLASS_3B_KMH)).toBe(131.3);
    const run = drivePower(CAR, WLTC_CLASS_3B_KMH);
    // 23,266 m published; the trapezoidal distance of the 1 Hz trace agrees to the metre.
    expect(Math.abs(run.distance - 23266)).toBeLessThan(1);
    expect(WLTC_CLASS_3_PHASES.map((p) => p.end)).toEqual([589, 1022, 1477, 1800]);
  });
});

describe('vehicle model', () => {
  it('constant speed on the flat: drag and rolling resistance by hand', () => {
    // v = 50 km/h = 13.8889 m/s. Drag ½·1.2·0.28·2.3·13.8889² = 74.537 N; rolling
    // 2000·9.80665·0.01 = 196.133 N; F = 270.670 N; P_wheel = F·v = 3759.3 W; battery ÷ 0.9.
    const run = drivePower(CAR, new Array(11).fill(50));
    const v = 50 / 3.6;
    const drag = 0.5 * 1.2 * 0.28 * 2.3 * v * v;
    const rolling = 2000 * 9.80665 * 0.01;
    expect(drag).toBeCloseTo(74.537, 3);
    expect(run.wheelPower[5]).toBeCloseTo((drag + rolling) * v, 9);
    expect(run.wheelPower[5]).toBeCloseTo(3759.3, 1);
    expect(run.batteryPower[5]).toBeCloseTo(3759.3 / 0.9, 0);
    // Energy over 10 s: 10 × battery power.
    expect(run.batteryEnergy).toBeCloseTo(10 * run.batteryPower[5]!, 6);
  });

  it('constant speed up a 5 % grade: the grade force m·g·sin θ and rolling on cos θ', () => {
    // θ = atan 0.05 = 2.8624°; sin θ = 0.049938, cos θ = 0.998752.
    // Grade 2000·9.80665·0.049938 = 979.45 N; rolling 196.133·0.998752 = 195.888 N.
    const run = drivePower(CAR, new Array(11).fill(50), 0.05);
    const v = 50 / 3.6;
    const force = 0.5 * 1.2 * 0.28 * 2.3 * v * v + 979.45 + 195.888;
    expect(run.wheelPower[5]! / v).toBeCloseTo(force, 1);
  });

  it('braking returns a fraction of the wheel power to the battery', () => {
    // 50 → 30 km/h over 2 s in the middle sample: a = (30 − 50)/3.6/2 = −2.778 m/s².
    const run = drivePower(CAR, [50, 40, 30]);
    const wheel = run.wheelPower[1]!;
    expect(wheel).toBeLessThan(0);
    expect(run.batteryPower[1]).toBeCloseTo(wheel * 0.9 * 0.6, 9);
  });
});

describe('thermal network', () => {
  it('two masses equalise as exp(−G(1/C₁ + 1/C₂)t) and keep their heat (closed form)', () => {
    const C1 = 100;
    const C2 = 300;
    const G = 2; // W/K; τ = 1 / (G(1/C1 + 1/C2)) = 37.5 s
    const network = {
      coolant: 300,
      nodes: [
        { name: 'a', capacity: C1, toCoolant: 0 },
        { name: 'b', capacity: C2, toCoolant: 0 },
      ],
      links: [{ a: 0, b: 1, conductance: G }],
    };
    const run = runThermalNetwork(network, () => [0, 0], 100, 0.01, [320, 300]);
    const tau = 1 / (G * (1 / C1 + 1 / C2));
    const last = run.temperatures[run.temperatures.length - 1]!;
    const expected = 20 * Math.exp(-100 / tau);
    // Backward Euler's error at h/τ = 2.7e-4 is ~ (h/2τ)·(t/τ)·ΔT ≈ 0.01 K · 0.07 here: 1e-3 K allowed.
    expect(Math.abs(last[0]! - last[1]! - expected)).toBeLessThan(1e-3);
    // Heat is conserved: C1·T1 + C2·T2 stays at 100·320 + 300·300.
    expect(C1 * last[0]! + C2 * last[1]!).toBeCloseTo(100 * 320 + 300 * 300, 6);
  });

  it('a heated node cooled to the coolant settles at T_c + Q/G', () => {
    const network = { coolant: 298.15, nodes: [{ name: 'cell', capacity: 50, toCoolant: 0.5 }], links: [] };
    const run = runThermalNetwork(network, () => [2], 2000, 5);
    expect(run.temperatures[run.temperatures.length - 1]![0]).toBeCloseTo(298.15 + 2 / 0.5, 3);
  });
});

describe('pack design', () => {
  it('pack energy is cells × cell energy minus the stated busbar loss', () => {
    const cell = sb21();
    const design = designCell(cell);
    const pack = packDesign(
      design,
      { voltageMin: 2.5, voltageMax: 4.25 },
      {
        name: 'P',
        series: 100,
        parallel: 3,
        busbarResistance: 0.01,
        busbarMass: 1,
        housingMassFraction: 0.2,
        housingVolumeFraction: 0.3,
      },
    ) as PackDesign;
    expect(pack.problems).toEqual([]);
    expect(pack.cells).toBe(300);
    expect(pack.nominalEnergy).toBeCloseTo(300 * design.energy!, 9);
    // At C/3 the pack current is Q/3 per hour for 3 h: loss = (1/3)·(3Q)²·R/3600 with Q in C.
    const Q = design.capacity!;
    expect(pack.busbarLoss).toBeCloseTo(((1 / 3) * (3 * Q) ** 2 * 0.01) / 3600, 12);
    expect(pack.usableEnergy).toBeCloseTo(pack.nominalEnergy - pack.busbarLoss, 9);
    expect(pack.voltageWindow).toEqual([250, 425]);
    // Housing is 20 % of the mass: total = (cells + busbars) / 0.8.
    expect(pack.mass).toBeCloseTo((300 * design.cell.mass! + 1) / 0.8, 12);
    expect(pack.energyDensity).toBeCloseTo(pack.usableEnergy / pack.volume, 6);
  });

  it('refuses counts that are not whole numbers', () => {
    const result = packDesign(designCell(sb21()), {}, { name: 'P', series: 0, parallel: 1.5 });
    expect(result.problems).toEqual(['series must be a whole number ≥ 1', 'parallel must be a whole number ≥ 1']);
  });
});

describe('ageing', () => {
  const params = {
    source: 'test values',
    sei: { reference: 1e-4, activationEnergy: 50e3, socSensitivity: 1 },
    contactLoss: { reference: 2e-4, activationEnergy: 0 },
  };

  it('calendar SEI loss grows as √t: four times the time, twice the loss', () => {
    const day = 86400;
    const at = (t: number) => predictAgeing(params, { temperature: 298.15, soc: 0.5, time: t }).losses.sei;
    expect(at(4 * 42 * day) / at(42 * day)).toBeCloseTo(2, 12);
    // Closed form at the reference: k·√t = 1e-4 · √(42 d) = 1e-4 · 1904.9.
    expect(at(42 * day)).toBeCloseTo(1e-4 * Math.sqrt(42 * day), 12);
  });

  it('is thermally activated: at 45 °C the rate is exp(−E/R(1/T − 1/T_ref)) times faster', () => {
    const cold = predictAgeing(params, { temperature: 298.15, soc: 0.5, time: 1e6 }).losses.sei;
    const warm = predictAgeing(params, { temperature: 318.15, soc: 0.5, time: 1e6 }).losses.sei;
    // 50 kJ/mol between 25 and 45 °C: exp(50000/8.3145·(1/298.15 − 1/318.15)) = 3.55.
    expect(warm / cold).toBeCloseTo(3.55, 2);
  });

  it('contact loss is linear in cycles and adds to the SEI loss', () => {
    const p = predictAgeing(params, { temperature: 298.15, soc: 0.5, time: 28 * 86400, cycles: 100 });
    expect(p.losses.contact).toBeCloseTo(100 * 2e-4, 12);
    expect(p.retention).toBeCloseTo(1 - p.losses.sei - p.losses.contact, 12);
  });
});
