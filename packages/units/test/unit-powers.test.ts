/**
 * A unit's power must be a small finite number. `mAh^1e999` reaches the units package as
 * `mAh^Infinity` (the parser reads the exponent as a number); it must be refused in words that
 * name the unit, never shown back as "Infinity".
 */
import { describe, expect, it } from 'vitest';
import { literal, makeQuantity, parseUnit } from '../src/index.js';

describe('powers in units', () => {
  it.each([
    [
      'mAh^Infinity',
      "'mAh' is raised to a power too large to be a number; a unit's power is a small number such as 2 or -1",
    ],
    [
      'mAh^-Infinity',
      "'mAh' is raised to a power too large to be a number; a unit's power is a small number such as 2 or -1",
    ],
    [
      'mAh^1e999',
      "'mAh' is raised to a power too large to be a number; a unit's power is a small number such as 2 or -1",
    ],
    ['m^999', "'m' is raised to the power 999; a unit's power is a small number such as 2 or -1 (at most ±10)"],
    ['m^-999', "'m' is raised to the power -999; a unit's power is a small number such as 2 or -1 (at most ±10)"],
    ['m999', "'m' is raised to the power 999; a unit's power is a small number such as 2 or -1 (at most ±10)"],
    [
      'mg/cm^1e400',
      "'cm' is raised to a power too large to be a number; a unit's power is a small number such as 2 or -1",
    ],
    [
      'um^1e-400',
      "'um' is raised to the power 0, which leaves no unit; a unit's power is a small number such as 2 or -1",
    ],
    ['m^0', "'m' is raised to the power 0, which leaves no unit; a unit's power is a small number such as 2 or -1"],
  ])('refuses %s', (written, message) => {
    const parsed = parseUnit(written);
    expect(parsed).toEqual({ error: message });
    const q = makeQuantity(8, written, ['capacity']);
    expect(q).toEqual({ ok: false, message });
    const l = literal(8, written);
    expect(l).toEqual({ ok: false, message });
    expect(message).not.toMatch(/Infinity|NaN/);
  });

  it.each(['mg/cm^2', 'm^-1', 'm^2.5', 'mol^-0.5', 'cm2', 'J/(kg K)', 'm^10'])('accepts %s', (written) => {
    expect('unit' in parseUnit(written)).toBe(true);
  });
});
