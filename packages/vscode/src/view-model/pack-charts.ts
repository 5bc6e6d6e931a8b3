/**
 * Charts of the packs a document declares: battery power over each drive and the degradation
 * map (capacity loss over the 28-day cycle test against temperature, one line per mean SOC).
 * Fixed engineering units (kW, min, °C, %): pack figures have no unit setting.
 */
import type { PackPreview } from '@cellspec/language/lsp/messages';
import type { ChartModel } from './types.js';

export function packCharts(packs: readonly PackPreview[]): ChartModel[] {
  return packs.flatMap((p): ChartModel[] => [
    ...(p.drives.length
      ? [
          {
            id: `pack-${p.name}-power`,
            title: `pack ${p.name} (${p.summary}): battery power`,
            type: 'line' as const,
            xLabel: 'time / min',
            yLabel: 'battery power / kW',
            datasets: p.drives.map((d) => ({
              label: d.label,
              data: d.time.map((t, i) => ({ x: t / 60, y: d.power[i]! / 1000 })),
            })),
          },
        ]
      : []),
    {
      id: `pack-${p.name}-degradation`,
      title: `pack ${p.name}: capacity loss in the 28-day cycle test at 1C (${p.degradation.source})`,
      type: 'line',
      xLabel: 'temperature / °C',
      yLabel: 'capacity loss / %',
      datasets: p.degradation.series.map((s) => ({
        label: s.label,
        data: p.degradation.temperatures.map((T, i) => ({ x: T - 273.15, y: s.loss[i]! * 100 })),
      })),
    },
  ]);
}
