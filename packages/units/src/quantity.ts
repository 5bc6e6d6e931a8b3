/**
 * Quantities as the rest of cellspec sees them: a number in SI units and its kind. Everything
 * downstream of the language works on SI numbers; units live only at the edges (parse, format).
 */
import { math, parseUnit, toMathUnitSyntax, type Unit } from './math.js';
import { KINDS, kindsOfUnit, type QuantityKind } from './kinds.js';
import { formatNumber } from './format-number.js';

export { formatNumber };

/** Avogadro × e: J/mol per eV. Used to read activation energies given per particle. */
const J_PER_MOL_PER_EV = 96485.33212;

export interface Quantity {
  /** The value in the kind's SI unit (fractions as 0..1, temperatures in K, C-rates in 1/h-multiples). */
  readonly si: number;
  readonly kind: QuantityKind;
  /** The unit as written, for messages and round-tripping. */
  readonly written: string;
}

export type QuantityResult = { ok: true; quantity: Quantity } | { ok: false; message: string };

/** Describes a list of kinds in the engineer's words: "an areal capacity (mAh/cm²) or a mass per area (mg/cm²)". */
export function describeKinds(kinds: readonly QuantityKind[]): string {
  return kinds.map((k) => `${KINDS[k].label} (${KINDS[k].examples[0]})`).join(' or ');
}

function siValue(value: number, written: string, kind: QuantityKind): number {
  if (written === '') return value;
  const u = math.unit(value, toMathUnitSyntax(written));
  // eV is an energy per particle; activation energies are stored per mole.
  if (kind === 'activationEnergy' && u.equalBase(math.unit('J'))) return u.toNumber('eV') * J_PER_MOL_PER_EV;
  const si = KINDS[kind].si;
  // A dimensionless unit (%, wt%, ppm) keeps its SI value as the plain ratio.
  return si === '' ? (u.value as number) : u.toNumber(si);
}

/**
 * Makes a quantity from a number and a written unit, checked against the kinds the context
 * accepts. With no expected kinds, the unit's own most likely kind is taken.
 */
export function makeQuantity(
  value: number,
  written: string | undefined,
  expected?: readonly QuantityKind[],
): QuantityResult {
  let unit: Unit | null = null;
  const text = (written ?? '').trim();
  if (text !== '') {
    const parsed = parseUnit(text);
    if ('error' in parsed) return { ok: false, message: parsed.error };
    unit = parsed.unit;
  }
  const kinds = kindsOfUnit(unit);
  let kind: QuantityKind | undefined;
  if (expected && expected.length > 0) {
    kind = expected.find((k) => kinds.includes(k));
    // Plain fractions are accepted where a mass or volume fraction is asked for.
    if (!kind && kinds.includes('fraction'))
      kind = expected.find((k) => k === 'massFraction' || k === 'volumeFraction');
    if (!kind) {
      const what = text === '' ? 'has no unit' : `is in ${text}`;
      const first = kinds[0];
      const actual = first && first !== 'dimensionless' ? `, which is ${KINDS[first].label}` : '';
      return { ok: false, message: `value ${what}${actual}; expected ${describeKinds(expected)}` };
    }
  } else {
    kind = kinds[0];
    if (!kind) return { ok: false, message: `'${text}' is not a unit of any quantity cellspec knows` };
  }
  try {
    return { ok: true, quantity: { si: siValue(value, text, kind), kind, written: text } };
  } catch (e) {
    return { ok: false, message: `cannot convert ${value} ${text}: ${(e as Error).message}` };
  }
}

/** Converts an SI value of a kind to a display unit (written form), e.g. (2.88e-2 C, capacity, 'mAh'). */
export function fromSI(si: number, kind: QuantityKind, written?: string): number {
  const target = written ?? KINDS[kind].display;
  if (target === '') return si;
  // mathjs holds values in coherent SI (the unit every kind is stored in), so a display unit
  // without an offset is a fixed factor, parsed once; °C and °F go through mathjs each time.
  const key = `${kind}|${target}`;
  let factor = displayFactors.get(key);
  if (factor === undefined) {
    const unit = math.unit(1, toMathUnitSyntax(target));
    const sameDimension = KINDS[kind].si === '' || unit.equalBase(math.unit(KINDS[kind].si));
    factor = !sameDimension || unit.units.some((u) => u.unit.offset !== 0) ? null : (unit.value as number);
    displayFactors.set(key, factor);
  }
  if (factor !== null) return si / factor;
  return math.unit(si, KINDS[kind].si).toNumber(toMathUnitSyntax(target));
}

const displayFactors = new Map<string, number | null>();

/** Converts a value written in a unit to SI for a kind: toSI(20, 'mg/cm2', 'arealMass') → 0.2 kg/m². */
export function toSI(value: number, written: string, kind: QuantityKind): number {
  const r = makeQuantity(value, written, [kind]);
  if (!r.ok) throw new Error(r.message);
  return r.quantity.si;
}

/** Formats an SI value for people: 3 significant figures by default, in the kind's display unit. */
export function formatQuantity(si: number, kind: QuantityKind, opts: { unit?: string; digits?: number } = {}): string {
  const unit = opts.unit ?? KINDS[kind].display;
  const v = fromSI(si, kind, unit);
  const digits = opts.digits ?? 3;
  // A huge but finite SI value can overflow in a smaller unit (1e308 kg/m² in mg/cm²): show it in SI.
  if (!Number.isFinite(v) && Number.isFinite(si)) return `${formatNumber(si, digits)} ${KINDS[kind].si}`.trimEnd();
  const text = formatNumber(v, digits);
  if (unit === '') return text;
  return `${text} ${unit}`;
}

export { KINDS, kindsOfUnit, type QuantityKind } from './kinds.js';
