/**
 * Shapes the server's preview data into what the webview draws, in the user's units. Pure: the
 * same data and settings always give the same model, which is what the unit tests check.
 */
import type { CellIR, ElectrodeIR } from '@cellspec/physics';
import type { AnalysisData, DesignFigures, PreviewData } from '@cellspec/language/lsp/messages';
import type { CellspecSettings } from '../settings.js';
import { analysisCharts, analysisTitle } from './analysis-charts.js';
import { crossSection, unitCellLayers } from './cross-section.js';
import { formatNumber } from '@cellspec/units/format-number';
import { formatter, relativeChange, type Formatter } from './format.js';
import type { AnalysisRow, ChartModel, MetricRow, PreviewViewModel, TargetRow } from './types.js';
import { packCharts } from './pack-charts.js';

interface MetricSpec {
  readonly label: string;
  readonly get: (f: DesignFigures) => number | undefined;
  readonly format: (fmt: Formatter, si: number) => string;
}

/** The metrics table, in the order an engineer reads a cell sheet; the default energy-density basis first. */
export function metricSpecs(basis: CellspecSettings['energyDensityBasis']): MetricSpec[] {
  const stack: MetricSpec[] = [
    { label: 'Energy density (stack)', get: (f) => f.energyDensityStack, format: (x, v) => x.energyDensity(v) },
    { label: 'Specific energy (stack)', get: (f) => f.specificEnergyStack, format: (x, v) => x.specificEnergy(v) },
  ];
  const cell: MetricSpec[] = [
    { label: 'Energy density (cell)', get: (f) => f.energyDensityCell, format: (x, v) => x.energyDensity(v) },
    { label: 'Specific energy (cell)', get: (f) => f.specificEnergyCell, format: (x, v) => x.specificEnergy(v) },
  ];
  return [
    { label: 'Capacity', get: (f) => f.capacity, format: (x, v) => x.capacity(v) },
    { label: 'Energy', get: (f) => f.energy, format: (x, v) => x.energy(v) },
    { label: 'Mean voltage', get: (f) => f.meanVoltage, format: (x, v) => x.voltage(v) },
    ...(basis === 'stack' ? [...stack, ...cell] : [...cell, ...stack]),
    { label: 'N/P ratio', get: (f) => f.npRatio, format: (x, v) => x.ratio(v) },
    { label: 'Cathode areal capacity', get: (f) => f.cathodeArealCapacity, format: (x, v) => x.arealCapacity(v) },
    { label: 'Anode areal capacity', get: (f) => f.anodeArealCapacity, format: (x, v) => x.arealCapacity(v) },
    { label: 'Cathode coating thickness', get: (f) => f.cathodeThickness, format: (x, v) => x.thickness(v) },
    { label: 'Anode coating thickness', get: (f) => f.anodeThickness, format: (x, v) => x.thickness(v) },
    { label: 'Stack thickness', get: (f) => f.stackThickness, format: (x, v) => x.thickness(v) },
    { label: 'Cell thickness', get: (f) => f.cellThickness, format: (x, v) => x.thickness(v) },
    { label: 'Stack mass', get: (f) => f.stackMass, format: (x, v) => x.mass(v) },
    { label: 'Cell mass', get: (f) => f.cellMass, format: (x, v) => x.mass(v) },
  ];
}

export function metricRows(
  figures: DesignFigures | undefined,
  base: DesignFigures | undefined,
  settings: CellspecSettings,
): MetricRow[] {
  if (!figures) return [];
  const fmt = formatter(settings);
  const rows: MetricRow[] = [];
  for (const m of metricSpecs(settings.energyDensityBasis)) {
    const v = m.get(figures);
    const b = base ? m.get(base) : undefined;
    if (v === undefined && b === undefined) continue;
    const change = relativeChange(v, b);
    rows.push({
      label: m.label,
      value: v === undefined ? 'not computed' : m.format(fmt, v),
      ...(base ? { base: b === undefined ? 'not computed' : m.format(fmt, b) } : {}),
      ...(change ? { change } : {}),
    });
  }
  return rows;
}

export function targetRows(figures: DesignFigures | undefined, analyses: readonly AnalysisData[] = []): TargetRow[] {
  const rows: TargetRow[] = (figures?.targets ?? []).map((t) => ({
    text: t.text,
    actual: t.actualText ?? 'not computed',
    status: t.met === undefined ? 'unknown' : t.met ? 'met' : 'missed',
  }));
  // Plating risk is flagged as a target every cell has: N/P of at least 1 (otherwise lithium
  // plates on charge), and an anode that stays above 0 V vs Li/Li⁺ in the simulated runs.
  if (figures?.npRatio !== undefined)
    rows.push({
      text: 'N/P ≥ 1 (no lithium plating on charge)',
      actual: formatNumber(figures.npRatio),
      status: figures.npRatio >= 1 ? 'met' : 'missed',
    });
  const plating = analyses.flatMap((a) =>
    (a.findings ?? []).filter((f) => /plating/i.test(f.message)).map((f) => `${analysisTitle(a)}: ${f.message}`),
  );
  if (plating.length)
    rows.push({ text: 'anode potential ≥ 0 V vs Li/Li⁺', actual: plating.join('; '), status: 'missed' });
  return rows;
}

/** The results table: one row per run, the same figures the bars show, failures and plating flagged. */
export function analysisRows(analyses: readonly AnalysisData[], settings: CellspecSettings): AnalysisRow[] {
  const fmt = formatter(settings);
  const cap = fmt.axis('capacity');
  const temp = fmt.axis('temperature');
  return analyses.flatMap((a) => {
    const plating = (a.findings ?? []).some((f) => /plating/i.test(f.message));
    return (a.runs ?? []).map((r) => ({
      analysis: analysisTitle(a),
      run: r.label,
      capacity: r.failure ? '—' : `${formatNumber(cap.fromSI(r.capacity))} ${cap.unit}`,
      meanVoltage: r.failure || !Number.isFinite(r.meanVoltage) ? '—' : `${formatNumber(r.meanVoltage)} V`,
      peakTemperature: r.failure ? '—' : `${formatNumber(temp.fromSI(r.maxTemperature))} ${temp.unit}`,
      status: r.failure || plating ? 'missed' : 'met',
      remark: r.failure ?? (plating ? 'lithium plating risk' : ''),
    }));
  });
}

function componentsText(e: ElectrodeIR): string {
  return e.components
    .map(
      (c) =>
        `${c.material}${c.coating ? ` (${c.coating})` : ''} ${(c.fraction * 100).toFixed(1).replace(/\.0$/, '')} ${c.basis === 'mass' ? 'wt%' : 'vol%'}`,
    )
    .join(', ');
}

/**
 * What a variant changes against its base: materials swapped in or out and the electrode and
 * layer parameters that differ. The figures' differences are in the metrics rows.
 */
export function compareCells(cell: CellIR, base: CellIR, settings: CellspecSettings): MetricRow[] {
  const fmt = formatter(settings);
  const rows: MetricRow[] = [];
  const added = Object.keys(cell.materials).filter((m) => !(m in base.materials));
  const removed = Object.keys(base.materials).filter((m) => !(m in cell.materials));
  if (added.length || removed.length)
    rows.push({ label: 'Materials', value: added.join(', ') || '—', base: removed.join(', ') || '—' });
  const differs = (label: string, a: string | undefined, b: string | undefined) => {
    if (a !== b) rows.push({ label, value: a ?? '—', base: b ?? '—' });
  };
  for (const role of ['cathode', 'anode'] as const) {
    const a = cell[role];
    const b = base[role];
    const name = role === 'cathode' ? 'Cathode' : 'Anode';
    differs(`${name} composition`, componentsText(a), componentsText(b));
    differs(
      `${name} loading`,
      a.loading === undefined ? undefined : fmt.quantity(a.loading, 'arealMass'),
      b.loading === undefined ? undefined : fmt.quantity(b.loading, 'arealMass'),
    );
    differs(
      `${name} porosity`,
      a.porosity === undefined ? undefined : fmt.quantity(a.porosity, 'fraction'),
      b.porosity === undefined ? undefined : fmt.quantity(b.porosity, 'fraction'),
    );
    differs(
      `${name} thickness`,
      a.thickness === undefined ? undefined : fmt.thickness(a.thickness),
      b.thickness === undefined ? undefined : fmt.thickness(b.thickness),
    );
  }
  differs(
    'Electrolyte layer',
    cell.separator ? `${cell.separator.material} ${fmt.thickness(cell.separator.thickness)}` : undefined,
    base.separator ? `${base.separator.material} ${fmt.thickness(base.separator.thickness)}` : undefined,
  );
  return rows;
}

/** Layer thickness chart: one bar per layer of the unit cell; a variant adds its base's bars. */
export function thicknessChart(
  cell: CellIR,
  figures: DesignFigures | undefined,
  base: CellIR | undefined,
  baseFigures: DesignFigures | undefined,
  settings: CellspecSettings,
): ChartModel | undefined {
  const axis = formatter(settings).axis('thickness');
  const layers = unitCellLayers(cell, figures).filter((l) => l.role !== 'packaging');
  if (!layers.some((l) => l.thickness !== undefined)) return undefined;
  const value = (t: number | undefined) => (t === undefined ? 0 : Number(axis.fromSI(t).toPrecision(4)));
  const datasets = [{ label: cell.name, data: layers.map((l) => value(l.thickness)) }];
  if (base) {
    const baseLayers = new Map(unitCellLayers(base, baseFigures).map((l) => [l.id, l.thickness]));
    datasets.push({ label: base.name, data: layers.map((l) => value(baseLayers.get(l.id))) });
  }
  return {
    id: 'thickness',
    title: 'Layer thicknesses of the unit cell',
    type: 'bar',
    horizontal: true,
    xLabel: `thickness / ${axis.unit}`,
    yLabel: 'layer',
    categories: layers.map((l) => l.label),
    datasets,
  };
}

function analysesNote(
  analyses: readonly AnalysisData[] | undefined,
  cell: CellIR | undefined,
  settings: CellspecSettings,
): string | undefined {
  if (!cell?.analyses.length) return undefined;
  if (!settings.analyses.enabled) return 'Analyses are switched off (setting cellspec.analyses.enabled).';
  if (!analyses?.length)
    return `This cell asks for ${cell.analyses.length} analys${cell.analyses.length === 1 ? 'is' : 'es'}; no results yet.`;
  // Pending analyses first, then what finished ones found, warnings before information.
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const lines = [
    ...analyses.filter((a) => a.state !== 'done').map((a) => `${a.name}: ${a.message ?? a.state}`),
    ...analyses
      .filter((a) => a.state === 'done')
      .flatMap((a) =>
        [...(a.findings ?? [])]
          .sort((x, y) => rank[x.severity] - rank[y.severity])
          .map((f) => `${a.name}: ${f.message}`),
      ),
  ];
  return lines.join(' · ') || undefined;
}

export function buildPreviewModel(data: PreviewData | undefined, settings: CellspecSettings): PreviewViewModel {
  const empty = { problems: [], metrics: [], targets: [], comparison: [], charts: [], analysisRows: [] };
  if (!data)
    return { state: 'waiting', title: 'cellspec preview', banner: 'Waiting for the language server…', ...empty };
  const problems = data.problems.filter((p) => p.severity === 'error').map((p) => ({ text: p.message, line: p.line }));
  if (data.status === 'no-cell' || !data.cell) {
    return {
      ...empty,
      state: data.status === 'errors' ? 'errors' : 'no-cell',
      problems,
      title: 'cellspec preview',
      banner:
        data.status === 'errors'
          ? `The spec has ${problems.length} error${problems.length === 1 ? '' : 's'}; the preview shows a cell once it resolves.`
          : 'This file has no cell. Put the cursor in a `cell` or `variant` block to preview it.',
    };
  }
  const cell = data.cell;
  const fmt = formatter(settings);
  const charts = [
    thicknessChart(cell, data.figures, data.base, data.baseFigures, settings),
    ...(settings.analyses.enabled ? analysisCharts(data.analyses ?? [], settings) : []),
    ...packCharts(data.packs ?? []),
  ].filter((c): c is ChartModel => c !== undefined);
  return {
    state: data.status === 'errors' ? 'errors' : 'ok',
    title: cell.title ? `${cell.name} — ${cell.title}` : cell.name,
    subtitle: [
      `${cell.format.type} ${cell.format.stacking}`,
      cell.format.layers > 1 ? `${cell.format.layers} unit cells` : undefined,
      cell.base ? `variant of ${cell.base}` : undefined,
    ]
      .filter(Boolean)
      .join(' · '),
    banner:
      data.status === 'errors'
        ? `The spec has ${problems.length} error${problems.length === 1 ? '' : 's'}; figures below are from the parts that resolved and may be incomplete.`
        : undefined,
    problems,
    crossSection: crossSection(cell, data.figures, { formatThickness: fmt.thickness }),
    metrics: metricRows(data.figures, data.base ? (data.baseFigures ?? {}) : undefined, settings),
    metricsNote: data.figuresNote,
    targets: targetRows(data.figures, settings.analyses.enabled ? (data.analyses ?? []) : []),
    baseName: data.base?.name,
    comparison: data.base ? compareCells(cell, data.base, settings) : [],
    charts,
    analysisRows: settings.analyses.enabled ? analysisRows(data.analyses ?? [], settings) : [],
    analysesNote: analysesNote(data.analyses, cell, settings),
  };
}

export { analysisCharts, analysisTitle, lineChartModel } from './analysis-charts.js';
