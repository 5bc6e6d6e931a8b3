import { describe, expect, it } from 'vitest';
import { makeQuantity, fromSI, formatQuantity, toSI } from '../src/index.js';

// Conversions are exact up to floating point; 1e-12 relative is far below any engineering use.
const close = (a: number, b: number) => expect(Math.abs(a - b) / Math.max(Math.abs(b), 1e-300)).toBeLessThan(1e-12);

describe('units', () => {
  it.each([
    [20, 'mg/cm2', 'arealMass', 0.2],
    [20, 'mg/cm²', 'arealMass', 0.2],
    [15, 'um', 'length', 15e-6],
    [15, 'µm', 'length', 15e-6],
    [8, 'mAh', 'capacity', 28.8],
    [195, 'mAh/g', 'specificCapacity', 702000],
    [2, 'mAh/cm2', 'arealCapacity', 72000],
    [25, '°C', 'temperature', 298.15],
    [75, 'wt%', 'massFraction', 0.75],
    [8, '%', 'fraction', 0.08],
    [1.3, 'mS/cm', 'conductivity', 0.13],
    [50, 'Ω·cm²', 'arealResistance', 50e-4],
    [400, 'Wh/L', 'energyDensity', 400 * 3600 * 1000],
    [10, 'MPa', 'pressure', 1e7],
    [0.1, 'C', 'cRate', 0.1],
    [10, 'ppm', 'fraction', 1e-5],
    [0.35, 'eV', 'activationEnergy', 0.35 * 96485.33212],
  ] as const)('%d %s is %s %d in SI', (v, unit, kind, si) => {
    const r = makeQuantity(v, unit, [kind]);
    expect(r.ok, r.ok ? '' : r.message).toBe(true);
    if (r.ok) close(r.quantity.si, si);
  });

  it('tells Wh/L from Pa though they share a dimension', () => {
    const r = makeQuantity(400, 'Wh/L', ['pressure']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('energy density');
  });

  it('rejects a loading in mAh/g in the words of an engineer', () => {
    const r = makeQuantity(20, 'mAh/g', ['arealMass', 'arealCapacity']);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.message).toBe(
        'value is in mAh/g, which is a specific capacity; expected a mass per area (mg/cm²) or an areal capacity (mAh/cm²)',
      );
  });

  it('tells a C-rate from a coulomb', () => {
    expect(makeQuantity(1, 'C', ['capacity']).ok).toBe(false);
  });

  it('reports an unknown unit', () => {
    const r = makeQuantity(1, 'furlongs/fortnight', ['speed']);
    expect(r.ok).toBe(false);
  });

  it('formats back in display units', () => {
    expect(fromSI(28.8, 'capacity')).toBeCloseTo(8, 12);
    expect(formatQuantity(toSI(400, 'Wh/L', 'energyDensity'), 'energyDensity')).toBe('400 Wh/L');
    expect(formatQuantity(298.15, 'temperature')).toBe('25 °C');
    expect(formatQuantity(0.08, 'fraction')).toBe('8 %');
  });
});

import { literal, combine, toQuantity, withUnitOf } from '../src/index.js';

describe('arithmetic with units', () => {
  const v = (n: number, u?: string) => {
    const r = literal(n, u);
    if (!r.ok) throw new Error(r.message);
    return r.value;
  };
  it('adds lengths in different units', () => {
    const r = combine('+', v(10, 'um'), v(0.005, 'mm'));
    expect(r.ok).toBe(true);
    if (r.ok) {
      const q = toQuantity(r.value, ['length']);
      expect(q.ok && q.quantity.si).toBeCloseTo(15e-6, 15);
    }
  });
  it('refuses to add a mass to a length, in words', () => {
    const r = combine('+', v(10, 'um'), v(5, 'mg'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe('cannot add a mass to a length');
  });
  it('derives a kind from a product: mAh/g × mg/cm² is an areal capacity', () => {
    const r = combine('*', v(195, 'mAh/g'), v(20, 'mg/cm2'));
    if (!r.ok) throw new Error(r.message);
    const q = toQuantity(r.value, ['arealCapacity']);
    expect(q.ok).toBe(true);
    if (q.ok) expect(q.quantity.si).toBeCloseTo((195 * 20e-3 * 3.6) / 1e-4, 6); // 3.9 mAh/cm² = 140400 C/m²
  });
  it('distributes a trailing unit over bare numbers', () => {
    const r = withUnitOf(v(-40), v(25, '°C'));
    if (!r.ok) throw new Error(r.message);
    const q = toQuantity(r.value, ['temperature']);
    expect(q.ok && q.quantity.si).toBeCloseTo(233.15, 10);
  });
});
