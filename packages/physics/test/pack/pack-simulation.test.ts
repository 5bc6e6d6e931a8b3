// The coupled pack simulation: charge conservation through the cell models, the module's heat
// network against its closed-form steady state, and CC-CV and drive control.
import { describe, expect, it } from 'vitest';
import {
  COOLANT_SPECIFIC_HEAT,
  coolantAlongPath,
  drivePower,
  marquis2019,
  moduleNetwork,
  simulatePack,
  SPMeModel,
  stepThermalNetwork,
  WLTC_CLASS_3B_KMH,
  runPackDuties,
  type PackIR,
  type PackSimulation,
  type PackThermalLayout,
} from '../../src/index.js';
import { sb21 } from '../models/fixtures/sb21.js';

const CELL = marquis2019(); // 0.68 Ah pouch cell, PyBaMM's Marquis 2019 set
const LAYOUT: PackThermalLayout = {
  rows: 4,
  cellsPerRow: 3,
  cellHeatCapacity: CELL.thermal.heatCapacity,
  plateConductance: 0.5,
  cellConductance: 0.2,
  coolantInlet: 298.15,
  coolantFlow: 0.002,
};
const INPUT = {
  parameters: CELL,
  makeModel: (p: typeof CELL) => new SPMeModel(p),
  series: 8,
  parallel: 3,
  layout: LAYOUT,
  limits: { voltageMin: CELL.voltageMin, voltageMax: CELL.voltageMax, maxChargeRate: 2, maxDischargeRate: 3 },
};

/** ∫ I dt over the recorded steps (each entry is its step's mean current). */
function currentIntegral(run: PackSimulation): number {
  let q = 0;
  for (let k = 1; k < run.time.length; k++) q += run.packCurrent[k]! * (run.time[k]! - run.time[k - 1]!);
  return q;
}

describe('pack simulation', () => {
  // 24 cells of 0.68 Ah: a WLTC third (600 s) at a power that gives about 1C per cell.
  const power = drivePower(
    {
      mass: 1500,
      dragCoefficient: 0.3,
      frontalArea: 2.2,
      rollingResistance: 0.01,
      drivetrainEfficiency: 0.9,
      regenerationFraction: 0.6,
    },
    WLTC_CLASS_3B_KMH.slice(0, 601),
    0.05,
  ).batteryPower.map((w) => w / 3000); // scaled from a car to 24 small cells
  const drive = simulatePack(INPUT, { type: 'drive', packPower: power, dt: 1, fromSoc: 0.9 });

  it('conserves charge: ∫I dt equals what the cathodes took up, and the SOC change', () => {
    expect(drive.failure).toBeUndefined();
    const passed = currentIntegral(drive);
    // The pack current is the cells' mean current × parallel: exact by construction up to rounding.
    expect(passed).toBeCloseTo(drive.cellCharge * INPUT.parallel, 6);
    // The cathode's lithium comes from the model's own states, not from the current: within 0.5 %
    // (the SPMe's particle discretisation and the Newton tolerance).
    expect(Math.abs(drive.cathodeLithium - drive.cellCharge)).toBeLessThan(0.005 * Math.abs(drive.cellCharge));
    const capacity = CELL.oneCCurrent * 3600;
    expect(drive.soc[0]! - drive.soc.at(-1)!).toBeCloseTo(drive.cellCharge / capacity, 9);
    expect(drive.cellCharge).toBeGreaterThan(0); // a net discharge on a 5 % grade
  });

  it('warms the rows downstream more than the first (the coolant warms along the plate)', () => {
    expect(drive.peakTemperature).toBeGreaterThan(LAYOUT.coolantInlet);
    expect(drive.peakSpread).toBeGreaterThan(0);
    expect(drive.peakSpread).toBeLessThan(drive.peakTemperature - LAYOUT.coolantInlet);
  });

  it('charges CC-CV to the target SOC without crossing the voltage limit', () => {
    const charge = simulatePack(INPUT, { type: 'fast-charge', rate: 2, fromSoc: 0.1, toSoc: 0.8 });
    expect(charge.failure).toBeUndefined();
    expect(charge.soc.at(-1)!).toBeGreaterThanOrEqual(0.8 - 1e-3);
    expect(charge.violations).toEqual([]);
    expect(Math.max(...charge.packVoltage)).toBeLessThanOrEqual(INPUT.series * CELL.voltageMax + 1e-3);
    // 70 % at 2C takes at least 21 min; the CV tail only adds.
    expect(charge.time.at(-1)!).toBeGreaterThanOrEqual(0.7 * 1800 - 1);
    expect(Math.abs(charge.cathodeLithium - charge.cellCharge)).toBeLessThan(0.005 * Math.abs(charge.cellCharge));
  });

  it('reports a charge above the cell rate limit', () => {
    const charge = simulatePack(
      { ...INPUT, limits: { ...INPUT.limits, maxChargeRate: 1 } },
      { type: 'fast-charge', rate: 2, fromSoc: 0.1, toSoc: 0.3 },
    );
    expect(charge.violations).toContain('charge rate above 1C');
  });
});

describe('module heat network with a warming coolant', () => {
  // Constant heat Q per cell, no cell-to-cell conduction: at steady state each row gives Q to the
  // coolant, so the coolant at row i has taken up i·n·Q, and the cell sits Q/G above it:
  //   T_i = T_in + i·n·Q/(ṁ·c_p) + Q/G
  it('reaches the closed-form steady state', () => {
    const layout = { ...LAYOUT, cellConductance: 0 };
    const network = moduleNetwork(layout);
    const Q = 2;
    let T = network.nodes.map(() => layout.coolantInlet);
    // Time constant C/G ≈ 40 s here; 20 000 s is hundreds of them. Backward Euler's fixed point is exact.
    for (let k = 0; k < 2000; k++) T = stepThermalNetwork(network, T, [Q, Q, Q, Q], 10, coolantAlongPath(layout, T));
    T.forEach((Ti, i) => {
      const expected =
        layout.coolantInlet +
        (i * layout.cellsPerRow * Q) / (layout.coolantFlow! * COOLANT_SPECIFIC_HEAT) +
        Q / layout.plateConductance;
      expect(Ti).toBeCloseTo(expected, 6);
    });
  });

  it('gives all heat to the coolant at steady state when neighbours conduct', () => {
    const network = moduleNetwork(LAYOUT);
    const Q = [1, 3, 2, 0.5];
    let T = network.nodes.map(() => LAYOUT.coolantInlet);
    for (let k = 0; k < 2000; k++) T = stepThermalNetwork(network, T, Q, 10, coolantAlongPath(LAYOUT, T));
    const Tc = coolantAlongPath(LAYOUT, T);
    const toCoolant = T.reduce((s, Ti, i) => s + LAYOUT.plateConductance * (Ti - Tc[i]!), 0);
    expect(toCoolant).toBeCloseTo(
      Q.reduce((a, b) => a + b, 0),
      6,
    );
  });
});

describe('running a declared pack', () => {
  it('says what the simulation lacks instead of assuming it (no plate conductance)', () => {
    const cell = sb21();
    const pack: PackIR = {
      name: 'P',
      module: { name: 'M', cell: cell.name, series: 4, parallel: 1 },
      series: 2,
      parallel: 1,
      duties: [{ type: 'fast-charge', rate: 1, fromSoc: 0.1, toSoc: 0.8 }],
    };
    const result = runPackDuties(cell, pack);
    expect(result.runs).toEqual([]);
    expect(result.problems).toContain('module M states no plate-conductance');
  });
});
