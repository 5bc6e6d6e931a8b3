/**
 * The preview's lot-variation and sweep section: shapes what `cellspec report --variation
 * --charts --format json` (the CLI bundle shipped with the extension) says about one cell into
 * plain, pre-formatted rows and the two charts as SVG data URLs — the same charts the cell
 * specification prints, drawn by the documents' chart definitions.
 */
import { formatDisplay } from '@cellspec/units/display';
import type { QuantityKind } from '@cellspec/units';

/** The part of the report's `variation` record this view reads (SI units). */
export interface VariationJson {
  readonly name: string;
  readonly lot: {
    readonly samples: number;
    readonly seed: number;
    readonly inputs: readonly {
      readonly label: string;
      readonly kind: string;
      readonly nominal: number;
      readonly halfWidth: number;
    }[];
    readonly metrics: readonly {
      readonly key: string;
      readonly label: string;
      readonly kind: string;
      readonly nominal: number;
      readonly mean: number;
      readonly sd: number;
      readonly linearSd: number;
      readonly p05: number;
      readonly p95: number;
      readonly contributions: readonly { readonly label: string; readonly share: number }[];
    }[];
    readonly yield?: number;
    readonly misses: readonly { readonly target: string; readonly fraction: number }[];
  } | null;
  readonly sweep: {
    readonly study: {
      readonly axes: readonly { readonly path: string; readonly values: readonly number[] }[];
      readonly objectives: readonly { readonly metric: string; readonly direction: 'max' | 'min' }[];
      readonly constraints: readonly { readonly metric: string; readonly op: string; readonly value: number }[];
    };
    readonly result: {
      readonly points: readonly {
        readonly index: number;
        readonly values: Readonly<Record<string, number>>;
        readonly metrics: Readonly<Record<string, number | undefined>>;
        readonly violated: readonly string[];
      }[];
      readonly front: readonly number[];
    };
  } | null;
  readonly problems: readonly string[];
  readonly charts?: { readonly lot: string | null; readonly sweep: string | null };
}

export interface LotRow {
  readonly label: string;
  readonly nominal: string;
  readonly mean: string;
  /** σ relative to the mean, and ±3σ. */
  readonly sigma: string;
  readonly threeSigma: string;
  readonly range: string;
  readonly largest: string;
}

export interface VariationViewModel {
  readonly cell: string;
  /** "2000 cells drawn from: cathode loading ± 3 %, …"; undefined without a lot. */
  readonly lotSummary?: string;
  readonly lotRows: readonly LotRow[];
  readonly yieldText?: string;
  readonly lotChart?: string;
  readonly sweepSummary?: string;
  /** The front's points: axis values then objective values, formatted. */
  readonly frontColumns: readonly string[];
  readonly frontRows: readonly (readonly string[])[];
  readonly sweepChart?: string;
  /** Why the section is empty or partial. */
  readonly notes: readonly string[];
}

const pct = (f: number) => `${Number((f * 100).toPrecision(3))} %`;
const VARIABLE_KINDS: Readonly<Record<string, QuantityKind>> = {
  loading: 'arealMass',
  thickness: 'length',
  porosity: 'fraction',
  area: 'area',
  collector: 'length',
};
const METRIC_KINDS: Readonly<Record<string, QuantityKind>> = {
  capacity: 'capacity',
  np: 'dimensionless',
  'ed-stack': 'energyDensity',
  'ed-cell': 'energyDensity',
  'se-stack': 'specificEnergy',
  'se-cell': 'specificEnergy',
  'sim-soc': 'fraction',
  'sim-capacity': 'capacity',
  'sim-anode-min': 'voltage',
};

function show(si: number, kind: string): string {
  if (kind === 'fraction') return pct(si);
  if (kind === 'dimensionless') return formatDisplay(si, 'dimensionless', { digits: 3 });
  return formatDisplay(si, kind as QuantityKind);
}

/** An SVG document as a data URL for an `<img>` (the webview's CSP admits data: images, no inline SVG styles). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export function variationModel(records: readonly VariationJson[], cell: string): VariationViewModel {
  const v = records.find((r) => r.name === cell);
  const empty = { cell, lotRows: [], frontColumns: [], frontRows: [] };
  if (!v) return { ...empty, notes: [`${cell} is not among the cells the report covers.`] };
  const notes = [...v.problems];
  const lot = v.lot;
  if (!lot) notes.push('No lot: no process in the workspace states a tolerance that sets a figure of this cell.');
  if (!v.sweep) notes.push(`No sweep: no study (a .sweep.json beside the spec) sweeps ${cell}.`);
  const lotPart = lot
    ? {
        lotSummary: `${lot.samples} cells drawn (seed ${lot.seed}) from ${lot.inputs.map((i) => `${i.label} ± ${show(i.halfWidth, i.kind)}`).join(', ')}`,
        lotRows: lot.metrics.map((m): LotRow => ({
          label: m.label,
          nominal: show(m.nominal, m.kind),
          mean: show(m.mean, m.kind),
          sigma: pct(m.sd / Math.abs(m.mean)),
          threeSigma: pct((3 * m.sd) / Math.abs(m.mean)),
          range: `${show(m.p05, m.kind)} … ${show(m.p95, m.kind)}`,
          largest: m.contributions[0] ? `${m.contributions[0].label} ${pct(m.contributions[0].share)}` : '—',
        })),
        ...(lot.yield !== undefined
          ? {
              yieldText: `Yield against the cell's targets: ${pct(lot.yield)}${lot.misses.length ? ` (${lot.misses.map((x) => `${pct(x.fraction)} miss ${x.target}`).join('; ')})` : ''}`,
            }
          : {}),
        ...(v.charts?.lot ? { lotChart: svgDataUrl(v.charts.lot) } : {}),
      }
    : {};
  let sweepPart = {};
  if (v.sweep) {
    const { study, result } = v.sweep;
    const front = new Set(result.front);
    const feasible = result.points.filter((p) => p.violated.length === 0).length;
    const keys = study.objectives.map((o) => o.metric);
    sweepPart = {
      sweepSummary: `${result.points.length} designs, ${feasible} feasible, ${front.size} on the Pareto front (${study.objectives.map((o) => `${o.direction}imise ${o.metric}`).join(', ')}${study.constraints.length ? `; subject to ${study.constraints.map((c) => `${c.metric} ${c.op} ${show(c.value, METRIC_KINDS[c.metric] ?? 'dimensionless')}`).join(', ')}` : ''})`,
      frontColumns: [...study.axes.map((a) => a.path), ...keys],
      frontRows: result.points
        .filter((p) => front.has(p.index))
        .map((p) => [
          ...study.axes.map((a) =>
            show(p.values[a.path]!, VARIABLE_KINDS[a.path.split('.')[1] ?? ''] ?? 'dimensionless'),
          ),
          ...keys.map((k) => {
            const x = p.metrics[k];
            return x === undefined ? '—' : show(x, METRIC_KINDS[k] ?? 'dimensionless');
          }),
        ]),
      ...(v.charts?.sweep ? { sweepChart: svgDataUrl(v.charts.sweep) } : {}),
    };
  }
  return { ...empty, ...lotPart, ...sweepPart, notes };
}
