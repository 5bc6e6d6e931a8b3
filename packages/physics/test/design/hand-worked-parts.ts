/**
 * The round-number parts of the hand-worked design tests (hand-worked.test.ts,
 * published-cells.test.ts): materials, one cathode and one anode whose figures the comments
 * derive by hand, the SE layer, and the relative-error check.
 */
import { expect } from 'vitest';
import { byWeight, electrode, gcc, material, mAhg, mgcm2, um } from './builders.js';

// Materials with round numbers so the arithmetic can be followed by hand.
export const NCM = material('NCM', 'cathode-active', {
  density: gcc(5.0),
  specificCapacity: mAhg(200),
  meanVoltage: 3.8,
});
export const SE = material('SE', 'solid-electrolyte', { density: gcc(2.0) });
export const Gr = material('Gr', 'anode-active', { density: gcc(2.0), specificCapacity: mAhg(350), meanVoltage: 0.2 });
export const Al = material('Al', 'current-collector', { density: gcc(2.7) });
export const Cu = material('Cu', 'current-collector', { density: gcc(9.0) });
export const Film = material('Film', 'packaging', { density: gcc(1.5) });
export const PI = material('PI', 'insulation', { density: gcc(1.4) });
export const HAND_WORKED_MATERIALS = [NCM, SE, Gr, Al, Cu, Film, PI];

// Cathode: 70 wt% NCM + 30 wt% SE, 20 mg/cm², 20 % porosity.
//   solid specific volume 0.7/5.0 + 0.3/2.0 = 0.14 + 0.15 = 0.29 cm³/g → ρ_s = 3.44828 g/cm³
//   volume fractions NCM 0.14/0.29 = 0.48276, SE 0.15/0.29 = 0.51724
//   ρ_b = ρ_s · 0.8 = 2.75862 g/cm³; t = 0.020 g/cm² / 2.75862 g/cm³ = 0.02 · 0.29 / 0.8 cm = 72.5 µm
//   areal capacity 20 mg/cm² · 0.7 · 200 mAh/g = 2.8 mAh/cm²
export const cathode = (w: number, h: number, doubleSided = false) =>
  electrode('cathode', w, h, {
    doubleSided,
    components: byWeight({ NCM: 70, SE: 30 }),
    loading: mgcm2(20),
    porosity: 0.2,
    collector: { material: 'Al', thickness: um(15) },
  });
// Anode: 60 wt% Gr + 40 wt% SE, both 2.0 g/cm³ → ρ_s = 2.0; 25 % porosity → ρ_b = 1.5 g/cm³;
//   14 mg/cm² → t = 0.014 / 1.5 cm = 93.333 µm; areal capacity 14 · 0.6 · 350 mAh/g = 2.94 mAh/cm²
//   N/P = 2.94 / 2.8 = 1.05
export const anode = (w: number, h: number, doubleSided = false) =>
  electrode('anode', w, h, {
    doubleSided,
    components: byWeight({ Gr: 60, SE: 40 }),
    loading: mgcm2(14),
    porosity: 0.25,
    collector: { material: 'Cu', thickness: um(10) },
  });
export const seLayer = { type: 'solid-electrolyte' as const, material: 'SE', thickness: um(30) };
/** Relative error within `tol` (1e-9: floating-point rounding only). */
export const rel = (actual: number | undefined, expected: number, tol = 1e-9) => {
  expect(actual).toBeDefined();
  expect(Math.abs(actual! - expected) / Math.abs(expected)).toBeLessThanOrEqual(tol);
};
