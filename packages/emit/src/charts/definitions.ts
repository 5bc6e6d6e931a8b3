/**
 * Every chart of cellspec, defined once as a Vega-Lite specification: documents render them to
 * SVG in Node (`render.ts`); the editor's preview can hand the same specifications to Vega in
 * its webview. Axes always carry quantity and unit.
 */
import type { TopLevelSpec } from 'vega-lite';
import {
  anodePotentialSeries,
  rateCapabilitySeries,
  temperatureTimeSeries,
  voltageCapacitySeries,
  type LabelledCurve,
  type LineChartData,
  type Series,
} from './run-series.js';

export type { LabelledCurve, LineChartData, Series } from './run-series.js';

export interface ChartSpec {
  readonly spec: TopLevelSpec;
  readonly width: number;
  readonly height: number;
}

/** Plot area in CSS pixels (the legend and axes come on top): fits an A4 text column at 100 %. */
const WIDTH = 380;
const HEIGHT = 210;
const FONT = 'Noto Sans JP, sans-serif';

export function lineChart(
  series: readonly Series[],
  axes: { x: string; y: string; legend: string },
  options: { zeroY?: boolean; rule?: { y: number; label: string } } = {},
): ChartSpec {
  const values = series.flatMap((s, order) =>
    s.x.map((x, i) => ({ series: s.label, order, x: round(x), y: round(s.y[i]!) })),
  );
  const lines = {
    mark: { type: 'line' as const, strokeWidth: 1.5, clip: true },
    encoding: {
      x: { field: 'x', type: 'quantitative' as const, title: axes.x, scale: { zero: false, nice: true } },
      y: { field: 'y', type: 'quantitative' as const, title: axes.y, scale: { zero: options.zeroY ?? false } },
      color: {
        field: 'series',
        type: 'nominal' as const,
        title: axes.legend,
        sort: series.map((s) => s.label),
      },
      order: { field: 'order', type: 'quantitative' as const },
    },
  };
  const layers: object[] = [lines];
  if (options.rule)
    layers.push(
      {
        data: { values: [{ y: options.rule.y }] },
        mark: { type: 'rule', strokeDash: [4, 3], color: '#b00' },
        encoding: { y: { field: 'y', type: 'quantitative' } },
      },
      {
        data: { values: [{ y: options.rule.y, label: options.rule.label }] },
        mark: { type: 'text', align: 'left', dx: 4, dy: -6, color: '#b00', fontSize: 9, x: 0 },
        encoding: { y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } },
      },
    );
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: WIDTH,
    height: HEIGHT,
    background: 'white',
    config: {
      font: FONT,
      axis: { labelFontSize: 9, titleFontSize: 10, titleFontWeight: 'normal', grid: true, gridColor: '#e4e4e4' },
      legend: { labelFontSize: 9, titleFontSize: 10, titleFontWeight: 'normal', symbolType: 'stroke', labelLimit: 0 },
      view: { stroke: '#888' },
    },
    data: { values },
    layer: layers,
  } as unknown as TopLevelSpec;
  return { spec, width: WIDTH, height: HEIGHT };
}

/** Five significant digits: below the resolution of any printed chart, free of float noise in the output. */
const round = (v: number) => Number(v.toPrecision(5));

/** A line chart from its data (`run-series.ts`): the series, axis titles and options it carries. */
const chartOf = (data: LineChartData): ChartSpec => lineChart(data.series, data, data);

/** Terminal voltage against capacity delivered (or charged), one line per run. */
export function voltageCapacityChart(runs: readonly LabelledCurve[]): ChartSpec {
  return chartOf(voltageCapacitySeries(runs));
}

/** Cell temperature against time, one line per run. */
export function temperatureTimeChart(runs: readonly LabelledCurve[]): ChartSpec {
  return chartOf(temperatureTimeSeries(runs));
}

/** Anode potential against Li/Li⁺ over time, with the 0 V line below which lithium plates. */
export function anodePotentialChart(runs: readonly LabelledCurve[]): ChartSpec {
  return chartOf(anodePotentialSeries(runs));
}

/** Delivered capacity against C-rate (rate capability), one line per temperature or analysis. */
export function rateCapabilityChart(series: readonly Series[]): ChartSpec {
  return chartOf(rateCapabilitySeries(series));
}

const BASE_CONFIG = {
  font: FONT,
  axis: { labelFontSize: 9, titleFontSize: 10, titleFontWeight: 'normal', grid: true, gridColor: '#e4e4e4' },
  legend: { labelFontSize: 9, titleFontSize: 10, titleFontWeight: 'normal', labelLimit: 0 },
  view: { stroke: '#888' },
};

/**
 * A lot's spread of one figure: the Monte Carlo histogram (equal bins, in display units) with the
 * nominal value as a dashed rule and, when given, the acceptance band as shaded limits.
 */
export function lotHistogramChart(
  histogram: { readonly edges: readonly number[]; readonly counts: readonly number[] },
  axis: { readonly title: string; readonly nominal: number; readonly band?: readonly [number, number] },
): ChartSpec {
  const values = histogram.counts.map((count, i) => ({
    from: round(histogram.edges[i]!),
    to: round(histogram.edges[i + 1]!),
    count,
  }));
  const layers: object[] = [
    {
      mark: { type: 'rect', color: '#4c78a8', stroke: 'white', strokeWidth: 0.5 },
      encoding: {
        x: { field: 'from', type: 'quantitative', title: axis.title, scale: { zero: false, nice: false } },
        x2: { field: 'to' },
        y: { field: 'count', type: 'quantitative', title: 'Cells drawn' },
      },
    },
    {
      data: { values: [{ x: round(axis.nominal), label: 'nominal' }] },
      mark: { type: 'rule', strokeDash: [4, 3], color: '#333' },
      encoding: { x: { field: 'x', type: 'quantitative' } },
    },
  ];
  if (axis.band)
    layers.push({
      data: { values: axis.band.map((x) => ({ x: round(x) })) },
      mark: { type: 'rule', color: '#b00' },
      encoding: { x: { field: 'x', type: 'quantitative' } },
    });
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: WIDTH,
    height: HEIGHT,
    background: 'white',
    config: BASE_CONFIG,
    data: { values },
    layer: layers,
  } as unknown as TopLevelSpec;
  return { spec, width: WIDTH, height: HEIGHT };
}

/** One point of a sweep plot, in display units. */
export interface SweepPlotPoint {
  readonly x: number;
  readonly y: number;
  readonly status: 'Pareto front' | 'feasible' | 'infeasible';
}

/**
 * A design sweep: every point by two metrics, coloured by whether it meets the constraints, with
 * the Pareto front joined in the order of its x values.
 */
export function sweepScatterChart(points: readonly SweepPlotPoint[], axes: { x: string; y: string }): ChartSpec {
  const values = points.map((p) => ({ x: round(p.x), y: round(p.y), status: p.status }));
  const statuses = ['Pareto front', 'feasible', 'infeasible'];
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: WIDTH,
    height: HEIGHT,
    background: 'white',
    config: BASE_CONFIG,
    data: { values },
    layer: [
      {
        transform: [{ filter: "datum.status === 'Pareto front'" }],
        mark: { type: 'line', color: '#d62728', strokeWidth: 1.2 },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
          order: { field: 'x', type: 'quantitative' },
        },
      },
      {
        mark: { type: 'point', filled: true, size: 28 },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: axes.x, scale: { zero: false, nice: true } },
          y: { field: 'y', type: 'quantitative', title: axes.y, scale: { zero: false, nice: true } },
          color: {
            field: 'status',
            type: 'nominal',
            title: 'Point',
            scale: { domain: statuses, range: ['#d62728', '#4c78a8', '#bbbbbb'] },
          },
          shape: {
            field: 'status',
            type: 'nominal',
            scale: { domain: statuses, range: ['diamond', 'circle', 'cross'] },
          },
        },
      },
    ],
  } as unknown as TopLevelSpec;
  return { spec, width: WIDTH, height: HEIGHT };
}
