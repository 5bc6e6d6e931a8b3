/**
 * The preview's analysis charts: the curves of each run drawn from the chart data the controlled
 * documents print (`@cellspec/emit/charts/series`), titled in words, and summary bars for runs
 * that carry no curves.
 */
import type { AnalysisData } from '@cellspec/language/lsp/messages';
import {
  anodePotentialSeries,
  temperatureTimeSeries,
  voltageCapacitySeries,
  type LabelledCurve,
  type LineChartData,
} from '@cellspec/emit/charts/series';
import type { CellspecSettings } from '../settings.js';
import { formatter } from './format.js';
import type { ChartDataset, ChartModel } from './types.js';

const ANALYSIS_TYPES: Readonly<Record<string, string>> = {
  discharge: 'Discharge',
  charge: 'Charge',
  'rate-sweep': 'Rate capability',
  'temperature-sweep': 'Temperature dependence',
  thermal: 'Thermal run',
};

/** What the lines of an analysis's voltage chart differ in. */
const PER_RUN: Readonly<Record<string, string>> = {
  'rate-sweep': ' per C-rate',
  'temperature-sweep': ' per temperature',
};

/** "Discharge “ratecheck”" for a named analysis, "Discharge" for a generated name (`discharge-1`). */
export function analysisTitle(a: Pick<AnalysisData, 'name' | 'type'>): string {
  const type = ANALYSIS_TYPES[a.type] ?? a.type.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  const generated = new RegExp(`^${a.type}-\\d+$`).test(a.name);
  return generated ? type : `${type} “${a.name}”`;
}

const MODEL_NAMES: Readonly<Record<string, string>> = { spme: 'reduced model', p2d: 'P2D model' };

/**
 * Summary charts of an analysis without curves: delivered capacity per run (rate capability or
 * temperature dependence), and the peak temperature of runs that heated up.
 */
function runCharts(a: AnalysisData, settings: CellspecSettings): ChartModel[] {
  const runs = (a.runs ?? []).filter((r) => !r.failure);
  if (!runs.length) return [];
  const fmt = formatter(settings);
  const cap = fmt.axis('capacity');
  const temp = fmt.axis('temperature');
  const categories = runs.map((r) => r.label);
  const charts: ChartModel[] = [
    {
      id: `analysis-${a.name}-capacity`,
      title: `${analysisTitle(a)}: delivered capacity per run${a.model ? ` (${MODEL_NAMES[a.model] ?? a.model})` : ''}`,
      type: 'bar',
      xLabel: 'run',
      yLabel: `capacity / ${cap.unit}`,
      categories,
      datasets: [{ label: 'capacity', data: runs.map((r) => Number(cap.fromSI(r.capacity).toPrecision(4))) }],
    },
  ];
  if (runs.some((r) => r.maxTemperature - r.temperature > 0.05)) {
    charts.push({
      id: `analysis-${a.name}-temperature`,
      title: `${analysisTitle(a)}: peak cell temperature per run`,
      type: 'bar',
      xLabel: 'run',
      yLabel: `temperature / ${temp.unit}`,
      categories,
      datasets: [
        { label: 'peak temperature', data: runs.map((r) => Number(temp.fromSI(r.maxTemperature).toFixed(1))) },
      ],
    });
  }
  return charts;
}

/**
 * A line chart of the preview from the chart data the documents draw (`@cellspec/emit/charts/series`):
 * same series, same axis titles; a reference line becomes a dashed dataset across the plotted range.
 */
export function lineChartModel(id: string, title: string, data: LineChartData): ChartModel {
  const datasets: ChartDataset[] = data.series.map((s) => ({
    label: s.label,
    data: s.x.map((x, i) => ({ x: Number(x.toPrecision(5)), y: Number(s.y[i]!.toPrecision(5)) })),
  }));
  if (data.rule) {
    const xs = data.series.flatMap((s) => s.x);
    if (xs.length)
      datasets.push({
        label: data.rule.label,
        style: 'reference',
        data: [
          { x: Math.min(...xs), y: data.rule.y },
          { x: Math.max(...xs), y: data.rule.y },
        ],
      });
  }
  return { id, title, type: 'line', xLabel: data.x, yLabel: data.y, datasets, ...(data.zeroY ? { zeroY: true } : {}) };
}

/**
 * The curves of each analysis: voltage against capacity per run (per C-rate or per temperature in
 * a sweep), the anode potential of charging runs against the 0 V line, and the temperature against
 * time when a run heats the cell. Summary bars for an analysis whose runs carry no curves.
 */
export function analysisCharts(analyses: readonly AnalysisData[], settings: CellspecSettings): ChartModel[] {
  const charts: ChartModel[] = [];
  for (const a of analyses) {
    const ran = (a.runs ?? []).filter((r) => !r.failure && r.curve);
    if (!ran.length) {
      charts.push(...runCharts(a, settings));
      continue;
    }
    const curves = (runs: typeof ran): LabelledCurve[] => runs.map((r) => ({ label: r.label, curve: r.curve! }));
    const title = analysisTitle(a);
    const model = a.model ? ` (${MODEL_NAMES[a.model] ?? a.model})` : '';
    charts.push(
      lineChartModel(
        `analysis-${a.name}-voltage`,
        `${title}: voltage against capacity${PER_RUN[a.type] ?? ''}${model}`,
        voltageCapacitySeries(curves(ran), { capacityUnit: settings.units.capacity }),
      ),
    );
    const charging = ran.filter((r) => r.direction === 'charge');
    if (charging.length)
      charts.push(
        lineChartModel(
          `analysis-${a.name}-anode`,
          `${title}: anode potential against time (lithium plates below 0 V)`,
          anodePotentialSeries(curves(charging)),
        ),
      );
    // An isothermal run's temperature is a flat line: not worth a chart. 0.05 K is below any
    // rise a thermal model reports as a finding.
    if (ran.some((r) => Math.max(...r.curve!.temperature) - Math.min(...r.curve!.temperature) > 0.05))
      charts.push(
        lineChartModel(
          `analysis-${a.name}-temperature`,
          `${title}: cell temperature against time`,
          temperatureTimeSeries(curves(ran)),
        ),
      );
  }
  return charts;
}
