/**
 * Arithmetic on values with units, for the language's expressions (`2 * 10 um + 5 um`). Values
 * are opaque to callers so that mathjs stays inside this package; a value becomes a checked
 * Quantity only when a context says which kinds it accepts.
 */
import { math, parseUnit, toMathUnitSyntax, type Unit } from './math.js';
import { KINDS, kindsOfUnit, unitSignature, type QuantityKind } from './kinds.js';
import { describeKinds, type QuantityResult } from './quantity.js';

declare const opaque: unique symbol;
/** A number with or without a unit; produce with `literal`, combine with `combine`. */
export type UnitValue = { readonly [opaque]: true };
export type UnitValueResult = { ok: true; value: UnitValue } | { ok: false; message: string };

type Inner = number | Unit;
const wrap = (v: Inner): UnitValueResult => ({ ok: true, value: v as unknown as UnitValue });
const unwrap = (v: UnitValue): Inner => v as unknown as Inner;

/**
 * Largest magnitude (in SI) a value may have. No quantity of a cell comes near it in any unit,
 * and keeping values below it means the products and sums of the calculators and models cannot
 * overflow to Infinity (even ten such factors stay below 1e308).
 */
export const MAX_MAGNITUDE = 1e30;
const TOO_LARGE = `this number is too large for any cell quantity (at most 1e30 in SI units)`;
const tooLarge = (v: Inner): boolean => {
  const x = typeof v === 'number' ? v : (v.value as number);
  return !Number.isFinite(x) || Math.abs(x) > MAX_MAGNITUDE;
};

type Template = { unit: Unit; syntax: string; factor: number | undefined } | { error: string };
const templates = new Map<string, Template>();

/** A written unit parsed once: its mathjs syntax, a unit of value 1, and its SI factor when it has no offset (°C has one). */
function unitTemplate(text: string): Template {
  let t = templates.get(text);
  if (!t) {
    const parsed = parseUnit(text);
    if ('error' in parsed) t = { error: parsed.error };
    else {
      const syntax = toMathUnitSyntax(text);
      const unit = math.unit(1, syntax);
      const hasOffset = unit.units.some((u) => u.unit.offset !== 0);
      t = { unit, syntax, factor: hasOffset ? undefined : (unit.value as number) };
    }
    if (templates.size > 10_000) templates.clear();
    templates.set(text, t);
  }
  return t;
}

/** A literal `20 mg/cm2`, or a bare number when `written` is empty. */
export function literal(value: number, written?: string): UnitValueResult {
  // `1e309` reads as Infinity, `1e308 mm` overflows later: say so here rather than carry it on.
  if (!Number.isFinite(value) || Math.abs(value) > MAX_MAGNITUDE) return { ok: false, message: TOO_LARGE };
  const text = (written ?? '').trim();
  if (text === '') return wrap(value);
  const template = unitTemplate(text);
  if ('error' in template) return { ok: false, message: template.error };
  try {
    let unit: Unit;
    if (template.factor !== undefined) {
      // Without an offset the SI value is the number times a fixed factor: skip re-parsing.
      unit = template.unit.clone();
      unit.value = value * template.factor;
    } else {
      unit = math.unit(value, template.syntax);
    }
    return tooLarge(unit) ? { ok: false, message: TOO_LARGE } : wrap(unit);
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

/** `a op b` for + - * /; adding a length to a mass is an error in words, not an exception. */
export function combine(op: '+' | '-' | '*' | '/', a: UnitValue, b: UnitValue): UnitValueResult {
  const x = unwrap(a);
  const y = unwrap(b);
  try {
    let r: Inner;
    switch (op) {
      case '+':
        r = math.add(x as never, y as never) as unknown as Inner;
        break;
      case '-':
        r = math.subtract(x as never, y as never) as unknown as unknown as Inner;
        break;
      case '*':
        r = math.multiply(x as never, y as never) as unknown as Inner;
        break;
      case '/':
        r = math.divide(x as never, y as never) as unknown as Inner;
        break;
    }
    if (typeof r === 'number' && !Number.isFinite(r))
      return { ok: false, message: 'the result is not a finite number (division by zero?)' };
    if (typeof r !== 'number' && !Number.isFinite(r.value as number))
      return { ok: false, message: 'the result is not a finite number (division by zero?)' };
    if (tooLarge(r))
      return { ok: false, message: `the result is too large for any cell quantity (at most 1e30 in SI units)` };
    // A unit that cancels out (mm/mm) is a plain number.
    if (
      typeof r !== 'number' &&
      r.units.length > 0 &&
      r.dimensions.every((d) => d === 0) &&
      !r.units.some((u) => /percent|ppm/.test(u.unit.name))
    ) {
      if (op === '/' || op === '*') return wrap(r.toNumber(''));
    }
    return wrap(r);
  } catch (e) {
    const msg = (e as Error).message;
    if (/Units do not match/i.test(msg))
      return {
        ok: false,
        message: `cannot ${op === '+' ? 'add' : 'subtract'} ${describe(y)} ${op === '+' ? 'to' : 'from'} ${describe(x)}`,
      };
    return { ok: false, message: msg };
  }
}

export function negate(a: UnitValue): UnitValue {
  return math.unaryMinus(unwrap(a) as never) as unknown as UnitValue;
}

/** Whether the value carries a unit. */
export function hasUnit(a: UnitValue): boolean {
  return typeof unwrap(a) !== 'number';
}

/** Applies `unitOf(b)` to a bare number a: in `-40, 0, 25 °C` the unit distributes. */
export function withUnitOf(a: UnitValue, b: UnitValue): UnitValueResult {
  const x = unwrap(a);
  const y = unwrap(b);
  if (typeof x !== 'number' || typeof y === 'number') return wrap(x);
  try {
    const unit = math.unit(x, y.formatUnits());
    return tooLarge(unit) ? { ok: false, message: TOO_LARGE } : wrap(unit);
  } catch (e) {
    // A unit mathjs cannot write back as text cannot be shared either: an error, not an exception.
    return {
      ok: false,
      message: `the unit of ${y.formatUnits() || 'the last value'} cannot be applied to ${x}: ${(e as Error).message}`,
    };
  }
}

function describe(v: Inner): string {
  if (typeof v === 'number') return 'a plain number';
  const kinds = kindsOfUnit(v);
  const first = kinds[0];
  return first ? KINDS[first].label : `a value in ${v.formatUnits()}`;
}

/** The unit of a value as text (`mg / cm^2`), or '' for a bare number. */
export function unitText(a: UnitValue): string {
  const x = unwrap(a);
  return typeof x === 'number' ? '' : x.formatUnits();
}

/** Checks a value against the kinds a context accepts and returns it in SI. */
export function toQuantity(a: UnitValue, expected?: readonly QuantityKind[]): QuantityResult {
  const x = unwrap(a);
  const unit = typeof x === 'number' ? null : x;
  const kinds = kindsOfUnit(unit);
  let kind: QuantityKind | undefined;
  if (expected && expected.length) {
    kind = expected.find((k) => kinds.includes(k));
    if (!kind && kinds.includes('fraction'))
      kind = expected.find((k) => k === 'massFraction' || k === 'volumeFraction');
    if (!kind) {
      const written = unit ? unit.formatUnits().replace(/ /g, '') : '';
      const what = unit ? `is in ${prettyUnit(written)}` : 'has no unit';
      const first = kinds[0];
      const actual = unit && first && first !== 'dimensionless' ? `, which is ${KINDS[first].label}` : '';
      return { ok: false, message: `value ${what}${actual}; expected ${describeKinds(expected)}` };
    }
  } else {
    kind = kinds[0];
    if (!kind) return { ok: false, message: `${unit?.formatUnits()} is not a unit of any quantity cellspec knows` };
  }
  if (unit === null) return { ok: true, quantity: { si: x as number, kind, written: '' } };
  const written = writtenOf(unit);
  let si: number;
  if (kind === 'activationEnergy' && unit.equalBase(math.unit('J'))) si = unit.toNumber('eV') * 96485.33212;
  // mathjs holds a value in coherent SI units, the unit every kind is stored in (kinds.ts) —
  // except for offset units (°C), whose value it keeps as written.
  else if (unit.units.some((u) => u.unit.offset !== 0)) si = unit.toNumber(KINDS[kind].si);
  else si = unit.value as number;
  if (!Number.isFinite(si)) return { ok: false, message: 'the value is not a finite number' };
  return { ok: true, quantity: { si, kind, written } };
}

const writtenBySignature = new Map<string, string>();
function writtenOf(unit: Unit): string {
  const key = unitSignature(unit);
  let w = writtenBySignature.get(key);
  if (w === undefined) {
    w = prettyUnit(unit.formatUnits().replace(/ /g, ''));
    writtenBySignature.set(key, w);
  }
  return w;
}

/** mathjs unit text back to the engineer's spelling: `mg/cm^2` → `mg/cm²`, `wtpercent` → `wt%`. */
export function prettyUnit(text: string): string {
  return text
    .replace(/wtpercent/g, 'wt%')
    .replace(/volpercent/g, 'vol%')
    .replace(/percent/g, '%')
    .replace(/degC/g, '°C')
    .replace(/crate/g, 'C')
    .replace(/\^2/g, '²')
    .replace(/\^3/g, '³')
    .replace(/\bohm\b/g, 'Ω')
    .replace(/\bu(?=[a-zA-Z])/g, 'µ');
}
