/**
 * The data of the run charts — axis titles with quantity and unit, one series per run, the
 * reference line — without Vega: documents wrap it in a Vega-Lite specification
 * (`definitions.ts`), the editor's preview hands it to its own chart library, so both draw the
 * same curves under the same titles. Imports types only, so the client bundle stays small.
 */
import type { RunCurve } from '@cellspec/physics';

/** One labelled curve of a chart, in the chart's display units. */
export interface Series {
  readonly label: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
}

/** A line chart's content: what to plot and how its axes are titled. */
export interface LineChartData {
  readonly series: readonly Series[];
  readonly x: string;
  readonly y: string;
  readonly legend: string;
  /** Start the y axis at zero. */
  readonly zeroY?: boolean;
  /** A dashed horizontal reference line, e.g. 0 V vs Li/Li⁺. */
  readonly rule?: { readonly y: number; readonly label: string };
}

export interface LabelledCurve {
  readonly label: string;
  readonly curve: RunCurve;
}

/** Capacity axis unit: documents print mAh; the preview follows the user's setting. */
export interface RunSeriesOptions {
  readonly capacityUnit?: 'mAh' | 'Ah';
}

const celsius = (kelvin: number) => kelvin - 273.15;

/** Terminal voltage against capacity delivered (or charged), one line per run. */
export function voltageCapacitySeries(runs: readonly LabelledCurve[], options: RunSeriesOptions = {}): LineChartData {
  const unit = options.capacityUnit ?? 'mAh';
  const factor = unit === 'Ah' ? 1 : 1000; // RunCurve.capacity is in Ah
  return {
    series: runs.map((r) => ({ label: r.label, x: r.curve.capacity.map((q) => q * factor), y: r.curve.voltage })),
    x: `Capacity (${unit})`,
    y: 'Voltage (V)',
    legend: 'Run',
  };
}

/** Cell temperature against time, one line per run. */
export function temperatureTimeSeries(runs: readonly LabelledCurve[]): LineChartData {
  return {
    series: runs.map((r) => ({
      label: r.label,
      x: r.curve.time.map((t) => t / 60),
      y: r.curve.temperature.map(celsius),
    })),
    x: 'Time (min)',
    y: 'Temperature (°C)',
    legend: 'Run',
  };
}

/** Anode potential against Li/Li⁺ over time, with the 0 V line below which lithium plates. */
export function anodePotentialSeries(runs: readonly LabelledCurve[]): LineChartData {
  return {
    series: runs.map((r) => ({ label: r.label, x: r.curve.time.map((t) => t / 60), y: r.curve.anodePotential })),
    x: 'Time (min)',
    y: 'Anode potential vs Li/Li⁺ (V)',
    legend: 'Run',
    zeroY: true,
    rule: { y: 0, label: '0 V: lithium plating below' },
  };
}

/** Delivered capacity against C-rate (rate capability), one line per temperature or analysis. */
export function rateCapabilitySeries(series: readonly Series[]): LineChartData {
  return { series, x: 'C-rate (1/h)', y: 'Capacity (mAh)', legend: 'Series', zeroY: true };
}
