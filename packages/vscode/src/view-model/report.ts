/**
 * The design report a user exports: JSON (figures in SI plus their display text, targets, the
 * resolved cell) or CSV (one row per figure, display units, base and change for variants).
 */
import type { PreviewData } from '@cellspec/language/lsp/messages';
import type { CellspecSettings } from '../settings.js';
import { formatter } from './format.js';
import { metricSpecs } from './preview-model.js';
import { csvField } from '@cellspec/emit/csv';

export type ReportFormat = 'json' | 'csv';

export function reportJson(data: PreviewData, settings: CellspecSettings): string {
  const fmt = formatter(settings);
  const figures = data.figures ?? {};
  const rows = metricSpecs(settings.energyDensityBasis)
    .map((m) => {
      const v = m.get(figures);
      const b = data.baseFigures ? m.get(data.baseFigures) : undefined;
      return {
        metric: m.label,
        value: v ?? null,
        text: v === undefined ? null : m.format(fmt, v),
        ...(data.base ? { base: b ?? null } : {}),
      };
    })
    .filter((r) => r.value !== null || ('base' in r && r.base !== null));
  return (
    JSON.stringify(
      {
        cell: data.cell?.name ?? null,
        title: data.cell?.title ?? null,
        base: data.base?.name ?? null,
        source: data.uri,
        units: 'SI (C, J, m, kg, V, J/m³, J/kg); "text" is in display units',
        figures: rows,
        figuresNote: data.figuresNote ?? null,
        targets: figures.targets ?? [],
        problems: data.problems,
        design: data.cell ?? null,
      },
      null,
      2,
    ) + '\n'
  );
}

// One CSV writer for CLI and editor: RFC 4180 quoting and the formula guard (`emit/csv.ts`).
export { csvField } from '@cellspec/emit/csv';

/** Splits "8.02 mAh" into ["8.02", "mAh"]. */
function splitUnit(text: string): [string, string] {
  const i = text.indexOf(' ');
  return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + 1)];
}

export function reportCsv(data: PreviewData, settings: CellspecSettings): string {
  const fmt = formatter(settings);
  // The change is a number in its own column (`change %`): a text like "-7.08 %" would be guarded
  // as a possible formula and read as text by a spreadsheet.
  const lines = [['cell', 'metric', 'value', 'unit', 'base', 'base value', 'change %'].join(',')];
  const figures = data.figures ?? {};
  for (const m of metricSpecs(settings.energyDensityBasis)) {
    const v = m.get(figures);
    const b = data.baseFigures ? m.get(data.baseFigures) : undefined;
    if (v === undefined && b === undefined) continue;
    const [value, unit] = v === undefined ? ['', ''] : splitUnit(m.format(fmt, v));
    const [baseValue] = b === undefined ? [''] : splitUnit(m.format(fmt, b));
    const change = v !== undefined && b !== undefined && b !== 0 ? (((v - b) / Math.abs(b)) * 100).toFixed(2) : '';
    lines.push(
      [data.cell?.name ?? '', m.label, value, unit, data.base?.name ?? '', baseValue, change].map(csvField).join(','),
    );
  }
  for (const t of figures.targets ?? []) {
    lines.push(
      [
        data.cell?.name ?? '',
        `target: ${t.text}`,
        t.actualText ?? '',
        '',
        '',
        '',
        t.met === undefined ? 'not computed' : t.met ? 'met' : 'missed',
      ]
        .map(csvField)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
