/**
 * Standard battery 2.1 (NCM-LiNbO3 / natural graphite / argyrodite, 20 × 20 mm, 8 mAh design),
 * solid-state P2D from the cell IR. Published: 8 mAh at 0.1C and 25 °C (17 cells within ±3 %).
 * The programme reports lower capacity at high rate and at low temperature; the model must
 * agree in direction and be of believable size.
 */
import { describe, expect, it } from 'vitest';
import { parametersFromCell } from '../../src/models/from-cell.js';
import { operate, constantCurrentDischarge } from '../../src/models/operation.js';
import { P2DModel } from '../../src/models/p2d.js';
import { SPMeModel } from '../../src/models/spme.js';
import { curveRmse } from './helpers.js';
import { sb21 } from './fixtures/sb21.js';

const params = () => {
  const r = parametersFromCell(sb21());
  if (!r.parameters) throw new Error(r.problems.join('; '));
  return r.parameters;
};

/** Discharge capacity in mAh from 100 % SOC to the lower cut-off. */
function capacity(rate: number, celsius: number, model: 'p2d' | 'spme' = 'p2d'): number {
  const p = params();
  const m = model === 'p2d' ? new P2DModel(p) : new SPMeModel(p);
  const r = operate(m, [constantCurrentDischarge(p.oneCCurrent, rate)], { temperature: 273.15 + celsius });
  if (r.failure) throw new Error(r.failure);
  return r.dischargedCapacity * 1000;
}

describe('standard battery 2.1, solid-state P2D', () => {
  it('maps the IR to a solid-state parameter set and lists its assumptions', () => {
    const r = parametersFromCell(sb21());
    expect(r.problems).toEqual([]);
    expect(r.parameters!.electrolyte.type).toBe('solid');
    expect(r.parameters!.electrolyte.transferenceNumber).toBe(1);
    // 8 mAh design capacity → 1C = 8 mA (to the calculator's 0.1 % rounding of the design).
    expect(Math.abs((r.parameters!.oneCCurrent * 3600) / 3.6 - 8)).toBeLessThan(0.05);
    // No lumped interface resistance on top of the modelled kinetics, films and conduction: said, not silent.
    expect(r.assumptions.some((a) => a.includes('no interface resistance beyond'))).toBe(true);
    expect(r.parameters!.seriesResistance).toBe(0);
  });

  it('gives about 8 mAh at 0.1C and 25 °C', () => {
    const q = capacity(0.1, 25);
    console.log(`SB2.1 0.1C 25 °C: ${q.toFixed(3)} mAh`);
    // ±3 % is the programme's lot spread at this condition.
    expect(Math.abs(q - 8) / 8).toBeLessThan(0.03);
  });

  it('gives less at high rate and at low temperature', () => {
    const q = {
      c10: capacity(0.1, 25),
      c1: capacity(1, 25),
      c3: capacity(3, 25),
      c1cold: capacity(1, 0),
      c10cold: capacity(0.1, -20),
      c1hot: capacity(1, 60),
    };
    console.log(
      `SB2.1 capacities (mAh): 0.1C ${q.c10.toFixed(2)}, 1C ${q.c1.toFixed(2)}, 3C ${q.c3.toFixed(2)} at 25 °C; 1C at 0 °C ${q.c1cold.toFixed(2)}, 0.1C at −20 °C ${q.c10cold.toFixed(2)}, 1C at 60 °C ${q.c1hot.toFixed(2)}`,
    );
    expect(q.c1).toBeLessThan(q.c10);
    expect(q.c3).toBeLessThan(q.c1);
    expect(q.c1cold).toBeLessThan(q.c1);
    expect(q.c10cold).toBeLessThan(q.c10);
    expect(q.c1hot).toBeGreaterThan(q.c1);
    // Believable sizes: 3C keeps most of the capacity at 25 °C; 1C at 0 °C loses a measurable
    // part (SE conduction, 0.35 eV, falls 3.3× from 25 to 0 °C) but not most of it.
    expect(q.c3 / q.c10).toBeGreaterThan(0.6);
    expect(q.c1cold / q.c1).toBeLessThan(0.99);
    expect(q.c1cold / q.c1).toBeGreaterThan(0.5);
  });
});

describe('reduced model against P2D', () => {
  // The SPM-plus-ohmic form is exact when the reaction is uniform; its error grows with rate as
  // the reaction front concentrates near the separator. Reported numbers; bounds 15 mV (1C) and
  // 40 mV (3C) flag a broken reduction, not an accuracy promise.
  it.each([
    [1, 0.015],
    [3, 0.04],
  ])('SB2.1 at %fC', (rate, bound) => {
    const p = params();
    const full = operate(new P2DModel(p), [constantCurrentDischarge(p.oneCCurrent, rate)]);
    const reduced = operate(new SPMeModel(p), [constantCurrentDischarge(p.oneCCurrent, rate)]);
    const rmse = curveRmse(full, reduced);
    console.log(
      `SB2.1 ${rate}C: SPM+ohmic vs P2D RMSE ${(rmse * 1000).toFixed(2)} mV, capacity ${(reduced.dischargedCapacity * 1000).toFixed(3)} vs ${(full.dischargedCapacity * 1000).toFixed(3)} mAh`,
    );
    expect(rmse).toBeLessThan(bound);
  });
});
