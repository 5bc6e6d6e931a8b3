/**
 * Charts of a pack's duties and of the ageing predictions, on the shared line-chart definition:
 * the hottest and coolest cell, pack voltage and SOC against time for each duty; capacity loss
 * over the 28-day cycle test against temperature (per SOC) and against rate (per temperature).
 */
import type { DegradationMap } from '@cellspec/physics';
import { lineChart, type ChartSpec } from './definitions.js';

/** A duty's curves in SI (s, V, SOC 0..1, K), as `cellspec pack --format json` gives them. */
export interface PackDutyCurves {
  readonly label: string;
  readonly time: readonly number[];
  readonly packVoltage: readonly number[];
  readonly soc: readonly number[];
  readonly maxTemperature: readonly number[];
  readonly minTemperature: readonly number[];
}

const minutes = (t: readonly number[]) => t.map((s) => s / 60);
const celsius = (T: readonly number[]) => T.map((k) => k - 273.15);

export function packTemperatureChart(duties: readonly PackDutyCurves[]): ChartSpec {
  return lineChart(
    duties.flatMap((d) => [
      { label: `${d.label}: hottest cell`, x: minutes(d.time), y: celsius(d.maxTemperature) },
      { label: `${d.label}: coolest cell`, x: minutes(d.time), y: celsius(d.minTemperature) },
    ]),
    { x: 'Time (min)', y: 'Cell temperature (°C)', legend: 'Duty' },
  );
}

export function packVoltageChart(duties: readonly PackDutyCurves[]): ChartSpec {
  return lineChart(
    duties.map((d) => ({ label: d.label, x: minutes(d.time).slice(1), y: d.packVoltage.slice(1) })),
    { x: 'Time (min)', y: 'Pack voltage (V)', legend: 'Duty' },
  );
}

export function packSocChart(duties: readonly PackDutyCurves[]): ChartSpec {
  return lineChart(
    duties.map((d) => ({ label: d.label, x: minutes(d.time), y: d.soc.map((s) => s * 100) })),
    { x: 'Time (min)', y: 'SOC (%)', legend: 'Duty' },
    { zeroY: true },
  );
}

/** Loss against temperature, one line per SOC, at the rate nearest 1C. */
export function degradationTemperatureChart(map: DegradationMap): ChartSpec {
  const k = nearest(map.rates, 1);
  return lineChart(
    map.socs.map((soc, j) => ({
      label: `SOC ${Math.round(soc * 100)} %`,
      x: celsius(map.temperatures),
      y: map.temperatures.map((_, i) => map.loss[i]![j]![k]! * 100),
    })),
    { x: 'Temperature (°C)', y: `Capacity loss in 28 days at ${+map.rates[k]!.toFixed(2)}C (%)`, legend: 'Mean SOC' },
    { zeroY: true },
  );
}

/** Loss against C-rate, one line per temperature, at the SOC nearest 50 %. */
export function degradationRateChart(map: DegradationMap): ChartSpec {
  const j = nearest(map.socs, 0.5);
  return lineChart(
    map.temperatures.map((T, i) => ({
      label: `${Math.round(T - 273.15)} °C`,
      x: [...map.rates],
      y: map.rates.map((_, k) => map.loss[i]![j]![k]! * 100),
    })),
    {
      x: 'C-rate (1/h)',
      y: `Capacity loss in 28 days at SOC ${Math.round(map.socs[j]! * 100)} % (%)`,
      legend: 'Temperature',
    },
    { zeroY: true },
  );
}

function nearest(values: readonly number[], target: number): number {
  let best = 0;
  values.forEach((v, i) => {
    if (Math.abs(v - target) < Math.abs(values[best]! - target)) best = i;
  });
  return best;
}
