/**
 * Lot variation and sweep results as charts, in display units: the documents render these to
 * SVG, the editor's preview shows the same SVG (rendered by the language server).
 */
import {
  METRICS,
  metricKindOf,
  type CellIR,
  type LotVariation,
  type SweepResult,
  type SweepStudy,
} from '@cellspec/physics';
import { fromSI, KINDS, type QuantityKind } from '@cellspec/units';
import { lotHistogramChart, sweepScatterChart, type ChartSpec } from './definitions.js';

const SIMULATED_LABELS: Readonly<Record<string, string>> = {
  'sim-soc': 'SOC reached',
  'sim-capacity': 'simulated capacity',
  'sim-anode-min': 'lowest anode potential vs Li',
};

/** The acceptance band of the cell's capacity target, SI, when it states one. */
export function capacityBand(cell: CellIR): readonly [number, number] | undefined {
  const t = cell.targets.find((x) => x.metric === 'capacity');
  if (!t) return undefined;
  if (t.op === 'between' && t.upper !== undefined) return [t.value, t.upper];
  const tol = t.tolerance ?? (t.relativeTolerance !== undefined ? t.relativeTolerance * t.value : undefined);
  return t.op === '=' && tol !== undefined ? [t.value - tol, t.value + tol] : undefined;
}

/** A metric's label and display unit, and the conversion from SI to it. */
export function metricAxis(key: string): { title: string; unit: string; toDisplay: (si: number) => number } {
  const spec = METRICS.find((m) => m.key === key);
  const kind: QuantityKind = spec?.kind ?? metricKindOf(key);
  const label = spec?.label ?? SIMULATED_LABELS[key] ?? key;
  if (kind === 'dimensionless') return { title: label, unit: '', toDisplay: (x) => x };
  if (kind === 'fraction') return { title: `${label} (%)`, unit: '%', toDisplay: (x) => x * 100 };
  const unit = spec?.unit ?? KINDS[kind].display;
  return { title: `${label} (${unit})`, unit, toDisplay: (x) => fromSI(x, kind, unit) };
}

/** The histogram of one metric of a lot (default capacity), or undefined when the lot lacks it. */
export function lotChart(lot: LotVariation, key = 'capacity', band?: readonly [number, number]): ChartSpec | undefined {
  const m = lot.metrics.find((x) => x.key === key);
  if (!m) return undefined;
  const axis = metricAxis(key);
  return lotHistogramChart(
    { edges: m.histogram.edges.map(axis.toDisplay), counts: m.histogram.counts },
    {
      title: axis.title,
      nominal: axis.toDisplay(m.nominal),
      ...(band ? { band: [axis.toDisplay(band[0]), axis.toDisplay(band[1])] as const } : {}),
    },
  );
}

/** The sweep's points on the study's plot axes, front, feasible and infeasible told apart. */
export function sweepChart(study: SweepStudy, result: SweepResult): ChartSpec {
  const x = metricAxis(study.plot.x);
  const y = metricAxis(study.plot.y);
  const front = new Set(result.front);
  const points = result.points.flatMap((p) => {
    const px = p.metrics[study.plot.x];
    const py = p.metrics[study.plot.y];
    if (px === undefined || py === undefined) return [];
    const status = front.has(p.index) ? 'Pareto front' : p.violated.length === 0 ? 'feasible' : 'infeasible';
    return [{ x: x.toDisplay(px), y: y.toDisplay(py), status } as const];
  });
  return sweepScatterChart(points, { x: x.title, y: y.title });
}
