/**
 * The number rule every view follows: computed results with 3 significant figures, trailing
 * zeros dropped, in the unit of the kind's ladder that keeps the number between 1 and 1000.
 */
import { describe, expect, it } from 'vitest';
import { formatQuantity, toSI } from '../src/index.js';

const shown = (value: number, unit: string, kind: Parameters<typeof toSI>[2], preferred?: string) =>
  formatQuantity(toSI(value, unit, kind), kind, { engineering: true, ...(preferred ? { unit: preferred } : {}) });

describe('engineering units', () => {
  it.each([
    [29673, 'mg', 'mass', 'mg', '29.7 g'],
    [5174, 'mWh', 'energy', 'mWh', '5.17 Wh'],
    [8.19, 'mAh', 'capacity', undefined, '8.19 mAh'],
    [1400, 'mAh', 'capacity', undefined, '1.4 Ah'],
    [0.5, 'Ah', 'capacity', 'Ah', '500 mAh'],
    [999.7, 'mWh', 'energy', 'mWh', '1 Wh'],
    [0.0042, 'A', 'current', 'A', '4.2 mA'],
  ] as const)('%s %s reads as the ladder says', (value, unit, kind, preferred, expected) => {
    expect(shown(value, unit, kind, preferred)).toBe(expected);
  });

  it('leaves kinds without a ladder in their unit', () => {
    expect(shown(20000, 'mg/cm2', 'arealMass')).toBe('20000 mg/cm²');
  });

  it('without the option the unit is the one asked for', () => {
    expect(formatQuantity(toSI(29673, 'mg', 'mass'), 'mass', { unit: 'mg' })).toBe('29673 mg');
  });
});
