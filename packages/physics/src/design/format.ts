/**
 * Fast display formatting for design messages. A mathjs unit conversion costs tens of
 * microseconds, more than the whole calculation of a cell; every display unit except the
 * temperatures is a pure scale factor of SI, so the factor is asked of mathjs once per kind and
 * unit and cached (mathjs stays the one source of unit definitions).
 */
import { engineeringUnit, formatNumber, formatQuantity, fromSI, KINDS, type QuantityKind } from '@cellspec/units';

const factors = new Map<string, number>();

export function formatSI(
  si: number,
  kind: QuantityKind,
  opts: { unit?: string; digits?: number; engineering?: boolean } = {},
): string {
  const preferred = opts.unit ?? KINDS[kind].display;
  const unit = opts.engineering ? engineeringUnit(si, kind, preferred) : preferred;
  if (kind === 'temperature') return formatQuantity(si, kind, { ...opts, unit });
  const key = `${kind}|${unit}`;
  let f = factors.get(key);
  if (f === undefined) {
    f = unit === '' ? 1 : fromSI(1, kind, unit);
    factors.set(key, f);
  }
  const text = formatNumber(si * f, opts.digits ?? 3);
  return unit === '' ? text : `${text} ${unit}`;
}
