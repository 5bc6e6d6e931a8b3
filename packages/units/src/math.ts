/**
 * The one mathjs instance of cellspec. It is created with `create(all)` so nothing here touches
 * the global mathjs instance other code might use.
 *
 * mathjs facts that shape this file:
 * - `C` is the coulomb in mathjs; a battery engineer's `C` is a C-rate, so the C-rate is its own
 *   base unit `crate` (its own dimension: a C-rate never silently converts to a current).
 * - `percent` and `ppm` are missing; unit names must be alphanumeric, so `wt%` becomes `wtpercent`.
 */
import { create, all, type FactoryFunctionMap, type MathJsInstance, type Unit } from 'mathjs';

export const math: MathJsInstance = create(all as FactoryFunctionMap, {});

math.createUnit('crate', { aliases: ['Crate'] });
math.createUnit('percent', { definition: '0.01' });
math.createUnit('wtpercent', { definition: '0.01' });
math.createUnit('volpercent', { definition: '0.01' });
math.createUnit('ppm', { definition: '1e-6' });
math.createUnit('day', { definition: '86400 s' }, { override: true });

export type { Unit };

/**
 * Turns a unit as an engineer writes it (`mg/cm²`, `µm`, `Ω·cm2`, `°C`, `wt%`, `C`) into the
 * mathjs syntax (`mg/cm^2`, `um`, `ohm cm^2`, `degC`, `wtpercent`, `crate`).
 */
export function toMathUnitSyntax(written: string): string {
  let s = written.trim();
  s = s
    .replace(/wt\s*%/g, 'wtpercent')
    .replace(/vol\s*%/g, 'volpercent')
    .replace(/%/g, 'percent');
  s = s.replace(/°\s*C/g, 'degC').replace(/°\s*F/g, 'degF').replace(/℃/g, 'degC');
  s = s.replace(/[µμ]/g, 'u').replace(/Ω/g, 'ohm');
  s = s.replace(/²/g, '^2').replace(/³/g, '^3').replace(/⁻¹/g, '^-1');
  s = s.replace(/[·⋅×]/g, ' ');
  // An exponent written without a caret (cm2, m3, s-1) after letters.
  s = s.replace(/([A-Za-z])(-?\d+)(?![\d.])/g, '$1^$2');
  // Standalone C is the C-rate, never the coulomb.
  s = s.replace(/(^|[^A-Za-z_])C(?![A-Za-z_])/g, '$1crate');
  // Hours, days and minutes as engineers abbreviate them.
  s = s.replace(/(^|[^A-Za-z_])d(?![A-Za-z_])/g, '$1day');
  s = s.replace(/(^|[^A-Za-z_])hr?s?(?![A-Za-z_])/g, '$1h');
  s = s.replace(/(^|[^A-Za-z_])mins?(?![A-Za-z_])/g, '$1minute');
  s = s.replace(/(^|[^A-Za-z_])sec(?![A-Za-z_])/g, '$1s');
  return s;
}

/**
 * Largest power a unit atom may carry. The units of cell quantities use powers up to 3 (m³) and
 * fractional ones for rate constants (m^2.5); a power beyond this is a typing slip, and a
 * non-finite one (`mAh^1e999` arrives as `mAh^Infinity`) would otherwise reach messages as text.
 */
export const MAX_UNIT_POWER = 10;

/** Why a power in a unit (written, or in mathjs syntax) cannot be one, or undefined when every power is fine. */
function badPower(syntax: string): string | undefined {
  for (const m of syntax.matchAll(/([A-Za-z_]*)\s*\^\s*(-?\s*[A-Za-z0-9.+-]*)/g)) {
    const atom = m[1] ? `'${m[1]}'` : 'a unit';
    const power = Number(m[2]!.replace(/\s+/g, ''));
    if (m[2]!.trim() === '' || Number.isNaN(power)) continue; // not a number: mathjs says what is wrong
    if (!Number.isFinite(power))
      return `${atom} is raised to a power too large to be a number; a unit's power is a small number such as 2 or -1`;
    // `um^1e-400` reads as um^0: no unit is left, and mathjs cannot write one back.
    if (power === 0)
      return `${atom} is raised to the power 0, which leaves no unit; a unit's power is a small number such as 2 or -1`;
    if (Math.abs(power) > MAX_UNIT_POWER)
      return `${atom} is raised to the power ${power}; a unit's power is a small number such as 2 or -1 (at most ±${MAX_UNIT_POWER})`;
  }
  return undefined;
}

/** Parses a written unit into a mathjs Unit of value 1, or explains why it is not a unit. */
export function parseUnit(written: string): { unit: Unit } | { error: string } {
  const syntax = toMathUnitSyntax(written);
  // The written text first: there `1e400` is still one exponent (the syntax reads `e400` as a power).
  const power = badPower(written) ?? badPower(syntax);
  if (power) return { error: power };
  try {
    const unit = math.unit(syntax);
    if (unit.value !== null && unit.value !== undefined) {
      return { error: `'${written}' is not a unit` };
    }
    return { unit };
  } catch {
    return { error: `'${written}' is not a unit cellspec knows` };
  }
}
