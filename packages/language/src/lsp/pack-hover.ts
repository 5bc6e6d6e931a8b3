/**
 * Pack figures in the editor: an inlay hint on each pack header (usable energy, Wh/L, Wh/kg) and a
 * hover with the breakdown and each drive's load. Both read `packFigures`, as `cellspec pack` does.
 * The duty simulations run only in the CLI (`cellspec pack FILE`): they take seconds.
 */
import { formatQuantity } from '@cellspec/units';
import type { CellSpecServices } from '../cellspec-module.js';
import { isPack, type Pack } from '../generated/ast.js';
import { packFigures, type PackFigures } from '../pack-figures.js';
import type { HoverContext, HoverContributor } from './hover.js';

const kwh = (j: number) => `${+(j / 3.6e6).toPrecision(3)} kWh`;
const q = (si: number, kind: Parameters<typeof formatQuantity>[1], unit?: string) =>
  formatQuantity(si, kind, { ...(unit ? { unit } : {}), engineering: true });

/** "58.7 kWh · 349 Wh/L · 199 Wh/kg · 96s5p". */
export function packHintText(f: PackFigures): string | undefined {
  const d = f.design;
  if (!d) return undefined;
  const series = f.pack.series * f.pack.module.series;
  const parallel = f.pack.parallel * f.pack.module.parallel;
  return [
    kwh(d.usableEnergy),
    q(d.energyDensity, 'energyDensity', 'Wh/L'),
    q(d.specificEnergy, 'specificEnergy', 'Wh/kg'),
    `${series}s${parallel}p`,
  ].join(' · ');
}

export function packHover(f: PackFigures): string {
  const d = f.design;
  if (!d) return [`**pack ${f.pack.name}**`, '', ...f.problems.map((p) => `- ${p}`)].join('\n');
  const lines = [
    `**pack ${d.name}** of ${f.cell.name}: ${d.cells} cells (${f.pack.series * f.pack.module.series} in series, ${f.pack.parallel * f.pack.module.parallel} in parallel)`,
    '',
    `- capacity ${q(d.capacity, 'capacity', 'Ah')}, nominal ${q(d.nominalVoltage, 'voltage', 'V')}${d.voltageWindow ? ` (${q(d.voltageWindow[0], 'voltage', 'V')} … ${q(d.voltageWindow[1], 'voltage', 'V')})` : ''}`,
    `- energy ${kwh(d.nominalEnergy)} nominal, **${kwh(d.usableEnergy)}** usable at C/3 (busbar I²R ${kwh(d.busbarLoss)})`,
    `- **${q(d.energyDensity, 'energyDensity', 'Wh/L')}**, **${q(d.specificEnergy, 'specificEnergy', 'Wh/kg')}** on the pack basis`,
    '',
    '| part | mass | volume |',
    '|---|---:|---:|',
    ...Object.keys(d.massBreakdown).map(
      (k) =>
        `| ${k} | ${q(d.massBreakdown[k]!, 'mass', 'kg')} | ${d.volumeBreakdown[k] !== undefined ? q(d.volumeBreakdown[k], 'volume', 'L') : '—'} |`,
    ),
    `| **pack** | **${q(d.mass, 'mass', 'kg')}** | **${q(d.volume, 'volume', 'L')}** |`,
  ];
  for (const drive of f.drives)
    lines.push(
      '',
      `WLTC class 3b at ${+(drive.duty.grade * 100).toFixed(1)} % grade: ${+((drive.energyPerDistance * 1000) / 3600).toPrecision(3)} Wh/km, peak ${+(drive.peakPower / 1000).toPrecision(3)} kW, ${drive.peakCellRate.toFixed(2)}C per cell`,
    );
  if (f.pack.duties.length) lines.push('', '_Temperatures, voltage and SOC under the duties: `cellspec pack FILE`._');
  return lines.join('\n');
}

export function packHoverContributor(services: CellSpecServices): HoverContributor {
  return {
    contribute(ctx: HoverContext): string | undefined {
      const decl = ctx.declaration;
      if (!decl || !isPack(decl)) return undefined;
      const figures = packFigures(services, decl as Pack);
      return figures ? packHover(figures) : undefined;
    },
  };
}
