/**
 * Targets and tolerances of a cell checked against its design figures.
 */
import type { CellIR, TargetIR } from '../ir.js';
import { formatNumber } from '@cellspec/units';
import { formatMetric, metricSpec } from './metrics.js';
import type { CellDesign } from './types.js';

export interface TargetCheck {
  readonly target: TargetIR;
  readonly index: number;
  readonly label: string;
  /** Computed value (SI); absent when the design cannot give it. */
  readonly actual?: number;
  readonly met: boolean;
  /** "energy density (stack) 381 Wh/L is below the target 400 Wh/L", or why it cannot be checked. */
  readonly message: string;
}

export function checkTargets(cell: CellIR, design: CellDesign): TargetCheck[] {
  return cell.targets.map((target, index) => checkTarget(target, index, design));
}

function checkTarget(target: TargetIR, index: number, design: CellDesign): TargetCheck {
  const spec = metricSpec(target.metric, target.basis);
  const label = spec?.label ?? target.metric;
  if (!spec) return { target, index, label, met: false, message: `no design figure for ${target.metric}` };
  const actual = spec.get(design);
  if (actual === undefined) {
    return {
      target,
      index,
      label,
      met: false,
      message: `the ${label} cannot be computed yet, so its target is not checked`,
    };
  }
  const shown = formatMetric(spec, actual);
  switch (target.op) {
    case '>=':
      return actual >= target.value
        ? {
            target,
            index,
            label,
            actual,
            met: true,
            message: `${label} ${shown} meets the target ≥ ${formatMetric(spec, target.value)}`,
          }
        : {
            target,
            index,
            label,
            actual,
            met: false,
            message: `${label} ${shown} is below the target ${formatMetric(spec, target.value)}`,
          };
    case '<=':
      return actual <= target.value
        ? {
            target,
            index,
            label,
            actual,
            met: true,
            message: `${label} ${shown} meets the target ≤ ${formatMetric(spec, target.value)}`,
          }
        : {
            target,
            index,
            label,
            actual,
            met: false,
            message: `${label} ${shown} is above the target ${formatMetric(spec, target.value)}`,
          };
    case 'between': {
      const lo = target.value;
      const hi = target.upper ?? target.value;
      const range = `${formatMetric(spec, lo)} to ${formatMetric(spec, hi)}`;
      if (actual < lo)
        return {
          target,
          index,
          label,
          actual,
          met: false,
          message: `${label} ${shown} is below the target range ${range}`,
        };
      if (actual > hi)
        return {
          target,
          index,
          label,
          actual,
          met: false,
          message: `${label} ${shown} is above the target range ${range}`,
        };
      return { target, index, label, actual, met: true, message: `${label} ${shown} is within ${range}` };
    }
    case '=': {
      const tol =
        target.tolerance ??
        (target.relativeTolerance !== undefined ? target.relativeTolerance * Math.abs(target.value) : 0);
      const written =
        target.relativeTolerance !== undefined
          ? `${formatMetric(spec, target.value)} ± ${formatNumber(target.relativeTolerance * 100)} %`
          : target.tolerance !== undefined
            ? `${formatMetric(spec, target.value)} ± ${formatMetric(spec, target.tolerance)}`
            : formatMetric(spec, target.value);
      // Without a tolerance a value matches when it agrees to the three figures shown.
      const met =
        tol > 0
          ? Math.abs(actual - target.value) <= tol * (1 + 1e-9)
          : formatMetric(spec, actual) === formatMetric(spec, target.value);
      if (met) return { target, index, label, actual, met, message: `${label} ${shown} meets the target ${written}` };
      // A vanishing target (5e-324 mAh) makes the relative deviation infinite: then leave it out.
      const relative = ((actual - target.value) / target.value) * 100;
      const deviation = Number.isFinite(relative)
        ? ` (${actual > target.value ? '+' : ''}${formatNumber(relative, 2)} %)`
        : '';
      return {
        target,
        index,
        label,
        actual,
        met,
        message: `${label} ${shown} is ${actual > target.value ? 'above' : 'below'} the target ${written}${deviation}`,
      };
    }
  }
}
