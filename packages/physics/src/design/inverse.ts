/**
 * Inverse design: the value to write so that a figure hits its target. Capacity and N/P are
 * linear in an electrode's loading (or thickness, or areal capacity) at fixed porosity, and the
 * capacity is linear in the facing area, so each answer is one scaling of the written value,
 * then verified by recomputing the whole design.
 */
import type { CellIR, ElectrodeIR, Rect } from '../ir.js';
import { designCell, type DesignOptions } from './calculate.js';

export type ElectrodeQuantity = 'loading' | 'arealCapacity' | 'thickness';

export interface InverseAnswer<T> {
  readonly ok: true;
  readonly value: T;
  /** The figure recomputed with the new value (N/P or capacity). */
  readonly achieved: number;
}
export type InverseResult<T> = InverseAnswer<T> | { readonly ok: false; readonly reason: string };

/** Which written quantity sets an electrode's amount: loading first, then areal capacity, then thickness. */
export function amountOf(e: ElectrodeIR): { quantity: ElectrodeQuantity; value: number } | undefined {
  if (e.loading !== undefined) return { quantity: 'loading', value: e.loading };
  if (e.arealCapacity !== undefined) return { quantity: 'arealCapacity', value: e.arealCapacity };
  if (e.thickness !== undefined) return { quantity: 'thickness', value: e.thickness };
  return undefined;
}

function withAmount(cell: CellIR, role: 'cathode' | 'anode', quantity: ElectrodeQuantity, value: number): CellIR {
  const e = cell[role];
  // Keep porosity fixed: thickness follows the loading unless thickness is the amount itself.
  const { thickness: _followsLoading, ...withoutThickness } = e;
  const next: ElectrodeIR =
    quantity === 'thickness'
      ? { ...e, thickness: value }
      : { ...(e.porosity !== undefined || e.density !== undefined ? withoutThickness : e), [quantity]: value };
  return { ...cell, [role]: next };
}

const REL = 1e-6;

/** The anode amount that gives N/P = target. */
export function anodeAmountForNp(
  cell: CellIR,
  targetNp: number,
  options: DesignOptions = {},
): InverseResult<{ quantity: ElectrodeQuantity; value: number }> {
  const d = designCell(cell, options);
  const amount = amountOf(cell.anode);
  if (!amount) return { ok: false, reason: 'the anode has no loading, areal capacity or thickness to adjust' };
  if (d.npRatio === undefined) return { ok: false, reason: 'the N/P ratio cannot be computed yet' };
  const value = amount.value * (targetNp / d.npRatio);
  const achieved = designCell(withAmount(cell, 'anode', amount.quantity, value), options).npRatio;
  if (achieved === undefined || Math.abs(achieved - targetNp) > REL * targetNp)
    return { ok: false, reason: 'the anode amount does not set the N/P ratio linearly here' };
  return { ok: true, value: { quantity: amount.quantity, value }, achieved };
}

/** The cathode amount that gives the target capacity (only while the cathode stays limiting). */
export function cathodeAmountForCapacity(
  cell: CellIR,
  targetCapacity: number,
  options: DesignOptions = {},
): InverseResult<{ quantity: ElectrodeQuantity; value: number }> {
  const d = designCell(cell, options);
  const amount = amountOf(cell.cathode);
  if (!amount) return { ok: false, reason: 'the cathode has no loading, areal capacity or thickness to adjust' };
  if (d.capacity === undefined) return { ok: false, reason: 'the capacity cannot be computed yet' };
  if (d.limitingElectrode !== 'cathode')
    return { ok: false, reason: 'the anode limits the capacity; raise the anode first' };
  const value = amount.value * (targetCapacity / d.capacity);
  const next = designCell(withAmount(cell, 'cathode', amount.quantity, value), options);
  if (next.capacity === undefined || Math.abs(next.capacity - targetCapacity) > REL * targetCapacity) {
    return {
      ok: false,
      reason: `with that cathode the anode would limit (N/P ${next.npRatio?.toFixed(2) ?? '?'}); raise the anode too`,
    };
  }
  return { ok: true, value: { quantity: amount.quantity, value }, achieved: next.capacity };
}

/**
 * The electrode size that gives the target capacity: the height of both electrodes scales (or
 * the cathode's alone, when `which` is 'cathode' and the anode already overhangs it enough).
 */
export function areaForCapacity(
  cell: CellIR,
  targetCapacity: number,
  which: 'both' | 'cathode',
  options: DesignOptions = {},
): InverseResult<Rect> {
  const d = designCell(cell, options);
  const dims = cell.cathode.dimensions;
  if (!dims) return { ok: false, reason: 'the cathode area has no width and height to adjust' };
  if (d.capacity === undefined) return { ok: false, reason: 'the capacity cannot be computed yet' };
  const rect: Rect = { width: dims.width, height: dims.height * (targetCapacity / d.capacity) };
  const area = rect.width * rect.height;
  const scaled = (e: ElectrodeIR): ElectrodeIR => ({ ...e, dimensions: rect, area });
  const next =
    which === 'both'
      ? { ...cell, cathode: scaled(cell.cathode), anode: scaled(cell.anode) }
      : { ...cell, cathode: scaled(cell.cathode) };
  const achieved = designCell(next, options).capacity;
  if (achieved === undefined || Math.abs(achieved - targetCapacity) > REL * targetCapacity) {
    return {
      ok: false,
      reason:
        which === 'cathode'
          ? 'a larger cathode would overhang the anode; change the electrode area of both'
          : 'the capacity does not scale with the area here',
    };
  }
  return { ok: true, value: rect, achieved };
}
