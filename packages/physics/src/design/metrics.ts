/**
 * The named figures of a cell design, one table used by targets, variant comparison, inlay
 * hints and reports so every view names and formats a metric the same way.
 */
import { formatNumber, type QuantityKind } from '@cellspec/units';
import { formatSI as formatQuantity } from './format.js';
import type { MetricName } from '../ir.js';
import type { CellDesign } from './types.js';

export interface MetricSpec {
  readonly key: string;
  readonly metric: MetricName;
  readonly basis?: 'stack' | 'cell' | 'cathode' | 'anode';
  /** How a designer names it: "energy density (stack)". */
  readonly label: string;
  /** Units kind for display; `dimensionless` for ratios. */
  readonly kind: QuantityKind;
  /** Display unit when it differs from the kind's default. */
  readonly unit?: string;
  readonly get: (d: CellDesign) => number | undefined;
}

export const METRICS: readonly MetricSpec[] = [
  { key: 'capacity', metric: 'capacity', label: 'capacity', kind: 'capacity', get: (d) => d.capacity },
  { key: 'np', metric: 'npRatio', label: 'N/P ratio', kind: 'dimensionless', get: (d) => d.npRatio },
  { key: 'voltage', metric: 'meanVoltage', label: 'mean voltage', kind: 'voltage', get: (d) => d.meanVoltage },
  { key: 'energy', metric: 'energy', label: 'energy', kind: 'energy', unit: 'mWh', get: (d) => d.energy },
  {
    key: 'ed-stack',
    metric: 'energyDensity',
    basis: 'stack',
    label: 'energy density (stack)',
    kind: 'energyDensity',
    get: (d) => d.stack.energyDensity,
  },
  {
    key: 'ed-cell',
    metric: 'energyDensity',
    basis: 'cell',
    label: 'energy density (cell)',
    kind: 'energyDensity',
    get: (d) => d.cell.energyDensity,
  },
  {
    key: 'se-stack',
    metric: 'specificEnergy',
    basis: 'stack',
    label: 'specific energy (stack)',
    kind: 'specificEnergy',
    get: (d) => d.stack.specificEnergy,
  },
  {
    key: 'se-cell',
    metric: 'specificEnergy',
    basis: 'cell',
    label: 'specific energy (cell)',
    kind: 'specificEnergy',
    get: (d) => d.cell.specificEnergy,
  },
  {
    key: 'ac-cathode',
    metric: 'arealCapacity',
    basis: 'cathode',
    label: 'areal capacity (cathode)',
    kind: 'arealCapacity',
    get: (d) => d.cathode.arealCapacity,
  },
  {
    key: 'ac-anode',
    metric: 'arealCapacity',
    basis: 'anode',
    label: 'areal capacity (anode)',
    kind: 'arealCapacity',
    get: (d) => d.anode.arealCapacity,
  },
  {
    key: 'thickness-stack',
    metric: 'thickness',
    basis: 'stack',
    label: 'thickness (stack)',
    kind: 'length',
    get: (d) => d.stack.thickness,
  },
  {
    key: 'thickness-cell',
    metric: 'thickness',
    basis: 'cell',
    label: 'thickness (cell)',
    kind: 'length',
    unit: 'mm',
    get: (d) => d.cell.thickness,
  },
  { key: 'mass-stack', metric: 'mass', basis: 'stack', label: 'mass (stack)', kind: 'mass', get: (d) => d.stack.mass },
  { key: 'mass-cell', metric: 'mass', basis: 'cell', label: 'mass (cell)', kind: 'mass', get: (d) => d.cell.mass },
];

/** Default basis of a metric written without one in targets. */
const DEFAULT_BASIS: Partial<Record<MetricName, MetricSpec['basis']>> = {
  energyDensity: 'stack',
  specificEnergy: 'stack',
  arealCapacity: 'cathode',
  thickness: 'stack',
  mass: 'stack',
};

export function metricSpec(metric: MetricName, basis?: MetricSpec['basis']): MetricSpec | undefined {
  const b = basis ?? DEFAULT_BASIS[metric];
  return (
    METRICS.find((m) => m.metric === metric && m.basis === b) ?? METRICS.find((m) => m.metric === metric && !m.basis)
  );
}

/** A result as every view shows it: "8.02 mAh", "1.12", "402 Wh/L", "5.17 Wh" (engineering units). */
export function formatMetric(spec: Pick<MetricSpec, 'kind' | 'unit'>, si: number, digits = 3): string {
  if (spec.kind === 'dimensionless') return formatNumber(si, digits);
  return formatQuantity(si, spec.kind, { ...(spec.unit ? { unit: spec.unit } : {}), digits, engineering: true });
}
