/**
 * The mathjs-free display table (`display.ts`) against mathjs: every kind has its display unit,
 * every entry converts as `fromSI` does (relative 1e-12: both are one multiplication of doubles,
 * differing at most in the last bits of a factor), and `formatDisplay` prints what
 * `formatQuantity` prints. A failure names the line to put into the table.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_DISPLAY, OTHER_DISPLAY_UNITS, formatDisplay } from '../src/display.js';
import { KINDS, formatQuantity, fromSI, type QuantityKind } from '../src/index.js';

const line = (kind: QuantityKind, unit: string) => {
  const offset = fromSI(0, kind, unit);
  return `{ factor: ${1 / (fromSI(1, kind, unit) - offset)}, offset: ${offset} }`;
};
const SAMPLES = [0, 1e-9, 2.88e-2, 1, 298.15, 3.7e5, -12.5];

describe('display units without mathjs', () => {
  it('has every kind with its display unit and SI unit', () => {
    for (const [kind, info] of Object.entries(KINDS) as [QuantityKind, (typeof KINDS)[QuantityKind]][]) {
      const entry = DEFAULT_DISPLAY[kind];
      expect(
        entry,
        `add to DEFAULT_DISPLAY: ${kind}: { unit: '${info.display}', si: '${info.si}', ...${line(kind, info.display)} }`,
      ).toBeDefined();
      expect({ unit: entry.unit, si: entry.si }).toEqual({ unit: info.display, si: info.si });
    }
  });

  const entries: [QuantityKind, string][] = [
    ...(Object.keys(DEFAULT_DISPLAY) as QuantityKind[]).map(
      (k) => [k, DEFAULT_DISPLAY[k].unit] as [QuantityKind, string],
    ),
    ...Object.keys(OTHER_DISPLAY_UNITS).map((key) => key.split('|') as [QuantityKind, string]),
  ];
  it.each(entries)('converts %s to %s as mathjs does', (kind, unit) => {
    for (const si of SAMPLES) {
      const expected = fromSI(si, kind, unit);
      const conversion =
        unit === DEFAULT_DISPLAY[kind].unit ? DEFAULT_DISPLAY[kind] : OTHER_DISPLAY_UNITS[`${kind}|${unit}`]!;
      const actual = si / conversion.factor + conversion.offset;
      expect(Math.abs(actual - expected), `expected ${line(kind, unit)}`).toBeLessThanOrEqual(
        1e-12 * Math.max(1, Math.abs(expected)),
      );
      expect(formatDisplay(si, kind, { unit })).toBe(formatQuantity(si, kind, { unit }));
    }
  });

  it('formats as formatQuantity does, overflow and digits included', () => {
    expect(formatDisplay(28.8, 'capacity')).toBe('8 mAh');
    expect(formatDisplay(298.15, 'temperature')).toBe('25 °C');
    expect(formatDisplay(1e308, 'arealMass')).toBe(formatQuantity(1e308, 'arealMass'));
    expect(formatDisplay(1.23456, 'dimensionless', { digits: 3 })).toBe(
      formatQuantity(1.23456, 'dimensionless', { digits: 3 }),
    );
    expect(() => formatDisplay(1, 'capacity', { unit: 'furlong' })).toThrow(
      "no display conversion of capacity to 'furlong'",
    );
  });
});
