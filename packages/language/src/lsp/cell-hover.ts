/**
 * Hover sections of the design calculator: on a cell or variant, its figures on both bases, the
 * mass and volume breakdown and where each input came from; on a variant also the comparison
 * with its base; on an electrode block, its components, loading, thickness, porosity and areal
 * capacity.
 */
import { AstUtils } from 'langium';
import { formatNumber, formatQuantity, type QuantityKind } from '@cellspec/units';
import {
  compareDesigns,
  formatMetric,
  type CellDesign,
  type DesignInput,
  type ElectrodeDesign,
  type SourceRef,
} from '@cellspec/physics';
import type { CellSpecServices } from '../cellspec-module.js';
import { isCell, isElectrode, isVariant } from '../generated/ast.js';
import { designByName, designOf, type CellDesignEntry } from './cell-design.js';
import type { HoverContext, HoverContributor } from './hover.js';

export function cellHoverContributor(services: CellSpecServices): HoverContributor {
  return {
    contribute(ctx: HoverContext): string | undefined {
      const decl = ctx.declaration;
      if (decl && (isCell(decl) || isVariant(decl))) {
        const entry = designOf(services, decl);
        return entry ? cellHover(services, entry) : undefined;
      }
      if (isElectrode(ctx.node) && ctx.leaf.text === ctx.node.role) {
        const entry = designOf(services, ctx.node);
        return entry ? electrodeHover(entry.design[ctx.node.role], entry.design) : undefined;
      }
      return undefined;
    },
  };
}

const q = (si: number | undefined, kind: QuantityKind, unit?: string) =>
  si === undefined ? '—' : formatQuantity(si, kind, unit ? { unit } : {});
const pct = (x: number | undefined) => (x === undefined ? '—' : `${formatNumber(x * 100, 3)} %`);

export function sourceText(source: SourceRef | undefined): string {
  if (!source) return 'written in the spec';
  const file = source.file ? source.file.slice(source.file.lastIndexOf('/') + 1) : undefined;
  const where = file ? `${file}${source.line ? `:${source.line}` : ''}` : undefined;
  return [source.citation, where].filter(Boolean).join(' — ') || 'written in the spec';
}

function inputsTable(inputs: readonly DesignInput[]): string[] {
  if (inputs.length === 0) return [];
  const seen = new Set<string>();
  const rows = ['| input | value | source |', '|---|---:|---|'];
  for (const i of inputs) {
    if (seen.has(i.label)) continue;
    seen.add(i.label);
    const value =
      i.kind === 'dimensionless'
        ? formatNumber(i.value)
        : i.kind === 'fraction'
          ? pct(i.value)
          : q(i.value, i.kind as QuantityKind);
    rows.push(`| ${i.label} | ${value} | ${sourceText(i.source).replace(/\|/g, '\\|')} |`);
  }
  return rows;
}

export function cellHover(services: CellSpecServices, entry: CellDesignEntry): string {
  const d = entry.design;
  const lines: string[] = [];
  lines.push(`**design of ${d.name}**${d.base ? ` (variant of ${d.base})` : ''}`);
  const head: string[] = [];
  if (d.capacity !== undefined)
    head.push(`capacity **${q(d.capacity, 'capacity')}** — ${d.limitingElectrode} limits: ${d.limitingReason}`);
  if (d.npRatio !== undefined)
    head.push(`N/P **${formatNumber(d.npRatio)}** on the reversible basis (${d.npDefinition})`);
  if (d.npRatioFirstCharge !== undefined)
    head.push(`N/P **${formatNumber(d.npRatioFirstCharge)}** on the first-charge basis (${d.npFirstChargeDefinition})`);
  if (d.meanVoltage !== undefined)
    head.push(
      `mean voltage ${q(d.meanVoltage, 'voltage')} (${d.meanVoltageMethod === 'ocp' ? 'from both OCP curves over the window' : 'declared mean voltages'}); energy ${q(d.energy, 'energy', 'mWh')}`,
    );
  lines.push(head.map((h) => `- ${h}`).join('\n'));
  lines.push(
    [
      '| | stack | packaged cell |',
      '|---|---:|---:|',
      `| thickness | ${q(d.stack.thickness, 'length')} | ${q(d.cell.thickness, 'length', 'mm')} |`,
      `| volume | ${q(d.stack.volume, 'volume')} | ${q(d.cell.volume, 'volume')} |`,
      `| mass | ${q(d.stack.mass, 'mass', 'mg')} | ${q(d.cell.mass, 'mass', 'mg')} |`,
      `| energy density | ${q(d.stack.energyDensity, 'energyDensity')} | ${q(d.cell.energyDensity, 'energyDensity')} |`,
      `| specific energy | ${q(d.stack.specificEnergy, 'specificEnergy')} | ${q(d.cell.specificEnergy, 'specificEnergy')} |`,
    ].join('\n'),
  );
  const total = d.cell.mass ?? d.stack.mass;
  const rows = ['| component | mass | volume | share of mass |', '|---|---:|---:|---:|'];
  for (const [name, mass] of Object.entries(d.massBreakdown)) {
    rows.push(
      `| ${name} | ${q(mass, 'mass', 'mg')} | ${q(d.volumeBreakdown[name], 'volume', 'mm³')} | ${total ? pct(mass / total) : '—'} |`,
    );
  }
  lines.push(rows.join('\n'));
  const baseEntry = entry.cell.base
    ? designByName(services, AstUtils.getDocument(entry.node), entry.cell.base)
    : undefined;
  if (baseEntry) lines.push(comparisonTable(baseEntry.design, d));
  const inputs = inputsTable([...d.inputs, ...d.cathode.inputs, ...d.anode.inputs]);
  if (inputs.length) lines.push(inputs.join('\n'));
  return lines.filter(Boolean).join('\n\n');
}

/** Variant against base: each metric, its change and the relative change. */
export function comparisonTable(base: CellDesign, variant: CellDesign): string {
  const rows = [`| metric | ${base.name} | ${variant.name} | Δ | % |`, '|---|---:|---:|---:|---:|'];
  for (const r of compareDesigns(base, variant)) {
    if (r.base === undefined && r.variant === undefined) continue;
    const f = (x: number | undefined) => (x === undefined ? '—' : formatMetric(r.spec, x));
    const delta = r.delta === undefined ? '—' : `${r.delta > 0 ? '+' : ''}${f(r.delta)}`;
    const percent = r.percent === undefined ? '—' : `${r.percent > 0 ? '+' : ''}${formatNumber(r.percent, 2)} %`;
    rows.push(`| ${r.label} | ${f(r.base)} | ${f(r.variant)} | ${delta} | ${percent} |`);
  }
  return rows.join('\n');
}

export function electrodeHover(e: ElectrodeDesign, d: CellDesign): string {
  const mark = (k: ElectrodeDesign['derived'][number]) => (e.derived.includes(k) ? ' (computed)' : '');
  const lines: string[] = [`**${e.role}** of ${d.name}`];
  lines.push(
    [
      `- loading ${q(e.loading, 'arealMass')}${mark('loading')}, thickness ${q(e.thickness, 'length')}${mark('thickness')}, porosity ${pct(e.porosity)}${mark('porosity')}, density ${q(e.density, 'density')}${mark('density')}`,
      `- areal capacity ${q(e.arealCapacity, 'arealCapacity')}${d.capacityBasis === 'stoichiometry-window' ? ' (stoichiometry window)' : ' (practical specific capacity)'}; area ${q(e.area, 'area')} per side × ${d.layers} layer${d.layers > 1 ? 's' : ''}`,
      e.solidDensity !== undefined
        ? `- solid density ${q(e.solidDensity, 'density')}${e.electrolyteSolidFraction !== undefined ? `, solid electrolyte ${pct(e.electrolyteSolidFraction * (1 - (e.porosity ?? 0)))} of the coating volume` : ''}`
        : '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
  const rows = ['| component | wt% | vol% of solids | mg/cm² | mass in cell |', '|---|---:|---:|---:|---:|'];
  for (const c of e.components) {
    rows.push(
      `| ${c.material}${c.coating ? ` (coated with ${c.coating})` : ''} | ${formatNumber(c.massFraction * 100)} | ${formatNumber(c.volumeFraction * 100)} | ${q(c.arealMass, 'arealMass', 'mg/cm²').replace(' mg/cm²', '')} | ${q(c.arealMass * e.area * d.layers, 'mass', 'mg')} |`,
    );
  }
  lines.push(rows.join('\n'));
  const inputs = inputsTable(e.inputs);
  if (inputs.length) lines.push(inputs.join('\n'));
  return lines.join('\n\n');
}
