/**
 * A variant against its base: each metric, the difference and the relative change.
 */
import { METRICS, type MetricSpec } from './metrics.js';
import type { CellDesign } from './types.js';

export interface ComparisonRow {
  readonly key: string;
  readonly label: string;
  readonly spec: MetricSpec;
  readonly base?: number;
  readonly variant?: number;
  readonly delta?: number;
  /** Relative change in percent, when the base is non-zero. */
  readonly percent?: number;
}

export function compareDesigns(base: CellDesign, variant: CellDesign): ComparisonRow[] {
  return METRICS.map((spec) => {
    const b = spec.get(base);
    const v = spec.get(variant);
    const delta = b !== undefined && v !== undefined ? v - b : undefined;
    const percent = delta !== undefined && b !== undefined && b !== 0 ? (delta / b) * 100 : undefined;
    return {
      key: spec.key,
      label: spec.label,
      spec,
      ...(b !== undefined ? { base: b } : {}),
      ...(v !== undefined ? { variant: v } : {}),
      ...(delta !== undefined ? { delta } : {}),
      ...(percent !== undefined ? { percent } : {}),
    };
  });
}
