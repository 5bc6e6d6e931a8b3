/**
 * `cellspec report [paths…] --format text|json|csv [--compare VARIANT]`: the design figures of
 * every cell and variant, one record per cell.
 *
 * The JSON form is a stable contract (fields are only ever added, never renamed or removed; a
 * figure that cannot be computed is `null`):
 *
 *   { "cells": [ {
 *       "file": "examples/cells/standard-battery-2-1.cellspec",   // relative to the working directory
 *       "name": "SB21", "base": null | "SB21",                      // base: the cell a variant derives from
 *       "capacity_mAh": 8.0, "limiting_electrode": "cathode" | "anode" | null,
 *       "capacity_basis": "practical-specific-capacity" | "stoichiometry-window" | null,
 *       "np_ratio": 1.1, "mean_voltage_V": 3.63, "energy_Wh": 0.029,
 *       "energy_density_Wh_per_L": { "stack": 407, "cell": 72 },
 *       "specific_energy_Wh_per_kg": { "stack": 190, "cell": 60 },
 *       "areal_capacity_mAh_per_cm2": { "cathode": 2.0, "anode": 2.2 },
 *       "mass_g": { "cathode NCM811": 0.05, …, "electrolyte layer": …, "packaging": … },   // by component
 *       "mass_total_g": { "stack": …, "cell": … },
 *       "thickness_um": { "cathode collector": 20, "cathode": 61.6, "electrolyte layer": 20, "anode": 56.6,
 *                         "anode collector": 20, "packaging": 115, "stack": 178.2, "cell": 408 },  // by layer, one of each
 *       "targets": [ { "target": "capacity", "met": true, "message": "capacity 8 mAh meets the target 8 mAh ± 3 %" } ],
 *       "problems": [ { "severity": "warning", "code": "…", "message": "…" } ]
 *   } ] }
 *
 * With `--compare VARIANT` the JSON is `{ "base", "variant", "metrics": [ { "metric", "base",
 * "variant", "delta", "percent" } ] }` with values in the units named by `unit` on each row.
 */
import { relative } from 'node:path';
import { loadWorkspace, readStudyBeside, resolveDocument, type StudyRead } from '@cellspec/language';
import { formatNumber, fromSI, KINDS } from '@cellspec/units';
import {
  checkTargets,
  compareDesigns,
  designCell,
  designWarnings,
  formatMetric,
  lotVariation,
  metricKindOf,
  sweepDesign,
  tolerancesFromProcesses,
  type CellDesign,
  type LotVariation,
  type SweepResult,
  type SweepStudy,
  type CellIR,
  type ProcessIR,
} from '@cellspec/physics';
import { csvField } from '@cellspec/emit/csv';
import { ExitCode, oneOf, UsageError, type CliIo, type Command } from '../command-framework.js';
import { show, variableKind } from './design-space.js';
import { lotText } from './lots.js';

const FORMATS = ['text', 'json', 'csv'] as const;
type Format = (typeof FORMATS)[number];

export interface ReportRecord {
  readonly file: string;
  readonly name: string;
  readonly base: string | null;
  readonly capacity_mAh: number | null;
  readonly limiting_electrode: 'cathode' | 'anode' | null;
  readonly capacity_basis: string | null;
  readonly np_ratio: number | null;
  /** What `np_ratio` divides (the reversible basis), and the first-charge (formation) N/P with its basis. */
  readonly np_basis: string | null;
  readonly np_ratio_first_charge: number | null;
  readonly np_first_charge_basis: string | null;
  readonly mean_voltage_V: number | null;
  readonly energy_Wh: number | null;
  readonly energy_density_Wh_per_L: { readonly stack: number | null; readonly cell: number | null };
  /** What the stack volume is over (footprint, electrode-area, jelly-roll); `charged` when plated lithium is counted. */
  readonly stack_basis: string;
  readonly energy_density_state: 'charged' | null;
  readonly specific_energy_Wh_per_kg: { readonly stack: number | null; readonly cell: number | null };
  readonly areal_capacity_mAh_per_cm2: { readonly cathode: number | null; readonly anode: number | null };
  readonly mass_g: Readonly<Record<string, number>>;
  readonly mass_total_g: { readonly stack: number | null; readonly cell: number | null };
  readonly thickness_um: Readonly<Record<string, number>>;
  readonly targets: readonly { readonly target: string; readonly met: boolean; readonly message: string }[];
  readonly problems: readonly { readonly severity: string; readonly code: string; readonly message: string }[];
}

/** Six significant figures: far below any design tolerance, free of floating-point noise. */
const n = (x: number | undefined, scale = 1): number | null =>
  x === undefined ? null : Number((x * scale).toPrecision(6));
// SI → report units: C → mAh (÷3.6), J → Wh (÷3600), J/m³ → Wh/L (÷3.6e6), J/kg → Wh/kg (÷3600),
// C/m² → mAh/cm² (÷3.6e4), kg → g (×1e3), m → µm (×1e6).
const MAH = 1 / 3.6;
const WH = 1 / 3600;
const WH_PER_L = 1 / 3.6e6;
const MAH_PER_CM2 = 1 / 3.6e4;

export function reportRecord(
  file: string,
  cell: CellIR,
  design: CellDesign,
  processes: readonly ProcessIR[],
): ReportRecord {
  const thickness: Record<string, number> = {};
  for (const l of design.layersBreakdown) thickness[l.name] = n(l.thickness, 1e6)!;
  if (cell.format.packaging) thickness.packaging = n(cell.format.packaging.thickness, 1e6)!;
  if (design.stack.thickness !== undefined) thickness.stack = n(design.stack.thickness, 1e6)!;
  if (design.cell.thickness !== undefined) thickness.cell = n(design.cell.thickness, 1e6)!;
  const mass: Record<string, number> = {};
  for (const [k, v] of Object.entries(design.massBreakdown)) mass[k] = n(v, 1e3)!;
  const problems = [...design.problems, ...designWarnings(cell, design, processes)];
  return {
    file,
    name: design.name,
    base: design.base ?? null,
    capacity_mAh: n(design.capacity, MAH),
    limiting_electrode: design.limitingElectrode ?? null,
    capacity_basis: design.capacityBasis ?? null,
    np_ratio: n(design.npRatio),
    np_basis: design.npDefinition ?? null,
    np_ratio_first_charge: n(design.npRatioFirstCharge),
    np_first_charge_basis: design.npFirstChargeDefinition ?? null,
    mean_voltage_V: n(design.meanVoltage),
    energy_Wh: n(design.energy, WH),
    energy_density_Wh_per_L: {
      stack: n(design.stack.energyDensity, WH_PER_L),
      cell: n(design.cell.energyDensity, WH_PER_L),
    },
    stack_basis: design.stackBasis,
    energy_density_state: design.stack.state ?? design.cell.state ?? null,
    specific_energy_Wh_per_kg: { stack: n(design.stack.specificEnergy, WH), cell: n(design.cell.specificEnergy, WH) },
    areal_capacity_mAh_per_cm2: {
      cathode: n(design.cathode.arealCapacity, MAH_PER_CM2),
      anode: n(design.anode.arealCapacity, MAH_PER_CM2),
    },
    mass_g: mass,
    mass_total_g: { stack: n(design.stack.mass, 1e3), cell: n(design.cell.mass, 1e3) },
    thickness_um: thickness,
    targets: checkTargets(cell, design).map((t) => ({ target: t.label, met: t.met, message: t.message })),
    problems: problems.map((p) => ({ severity: p.severity, code: p.code, message: p.message })),
  };
}

/** Draws of a reported lot, as in the cell specification (`DOCUMENT_LOT_SAMPLES`): the same seed, the same numbers. */
const LOT_SAMPLES = 2000;

/** Lot variation and sweep of one cell (`--variation`), SI units as `cellspec lots` and `sweep` give them. */
export interface VariationRecord {
  readonly name: string;
  readonly lot: LotVariation | null;
  readonly sweep: { readonly study: SweepStudy; readonly result: SweepResult } | null;
  readonly problems: readonly string[];
  /** With `--charts`: the capacity histogram and the sweep plot as SVG, the cell specification's charts. */
  readonly charts?: { readonly lot: string | null; readonly sweep: string | null };
}

/** The charts of each record, rendered by the documents' chart definitions (loaded only when asked for: Vega is large). */
async function withCharts(variations: readonly VariationRecord[], cells: ReadonlyMap<string, CellIR>) {
  const { capacityBand, lotChart, renderChartSvg, sweepChart } = await import('@cellspec/emit/charts');
  return Promise.all(
    variations.map(async (v): Promise<VariationRecord> => {
      const cell = cells.get(v.name);
      const lot = v.lot && cell ? lotChart(v.lot, 'capacity', capacityBand(cell)) : undefined;
      return {
        ...v,
        charts: {
          lot: lot ? await renderChartSvg(lot) : null,
          sweep: v.sweep ? await renderChartSvg(sweepChart(v.sweep.study, v.sweep.result)) : null,
        },
      };
    }),
  );
}

interface Loaded {
  readonly variations: VariationRecord[];
  readonly cells: Map<string, CellIR>;
  readonly records: ReportRecord[];
  readonly designs: Map<string, CellDesign>;
  readonly errors: string[];
}

async function load(paths: readonly string[], cwd: string, variation = false): Promise<Loaded> {
  const workspace = await loadWorkspace(paths.length ? paths : [cwd]);
  const problem = workspace.problems[0];
  if (problem) throw new UsageError(`${relative(cwd, problem.path) || problem.path}: ${problem.message}`);
  const records: ReportRecord[] = [];
  const designs = new Map<string, CellDesign>();
  const errors: string[] = [];
  const resolved = workspace.files.map((f) => ({ f, ir: resolveDocument(workspace.services, f.document).ir }));
  const processes = resolved.flatMap((r) => r.ir.processes);
  const variations: VariationRecord[] = [];
  const cells = new Map<string, CellIR>();
  for (const { f, ir } of resolved) {
    const study = variation && f.requested ? readStudyBeside(f.path) : undefined;
    for (const cell of ir.cells) {
      const design = designCell(cell);
      designs.set(cell.name, design);
      cells.set(cell.name, cell);
      if (f.requested) records.push(reportRecord(relative(cwd, f.path) || f.path, cell, design, processes));
      if (variation && f.requested) variations.push(variationRecord(cell, processes, study));
    }
    if (f.requested)
      errors.push(
        ...f.diagnostics
          .filter((d) => d.severity === 'error')
          .map((d) => `${relative(cwd, f.path)}:${d.line}: ${d.message}`),
      );
  }
  return { records, designs, errors, variations, cells };
}

function variationRecord(cell: CellIR, processes: readonly ProcessIR[], read: StudyRead | undefined): VariationRecord {
  const problems: string[] = [];
  const tolerances = tolerancesFromProcesses(cell, processes);
  const lot = tolerances.length ? lotVariation(cell, tolerances, { samples: LOT_SAMPLES, seed: 1 }) : null;
  if (lot) problems.push(...lot.problems);
  let sweep: VariationRecord['sweep'] = null;
  if (read && 'problem' in read) problems.push(`${read.path}: ${read.problem}`);
  else if (read && read.study.cell === cell.name) {
    const { study } = read;
    const result = sweepDesign(cell, study.axes, {
      constraints: study.constraints,
      objectives: study.objectives,
      ...(study.simulation ? { simulation: study.simulation } : {}),
      clock: () => performance.now(),
    });
    problems.push(...result.problems);
    sweep = { study, result };
  }
  return { name: cell.name, lot, sweep, problems };
}

/** The variation part of the text report: `cellspec lots` for the lot, the front for the sweep. */
export function variationText(variations: readonly VariationRecord[]): string {
  const out: string[] = [];
  for (const v of variations) {
    if (!v.lot && !v.sweep) continue;
    out.push(`${v.name} — lot variation and design sweep`);
    if (v.lot)
      out.push(
        ...lotText(v.lot)
          .trimEnd()
          .split('\n')
          .map((l) => `  ${l}`),
      );
    if (v.sweep) {
      const { study, result } = v.sweep;
      const feasible = result.points.filter((p) => p.violated.length === 0).length;
      out.push(
        '',
        `  sweep: ${result.points.length} points, ${feasible} feasible, ${result.front.length} on the Pareto front (${study.objectives.map((o) => `${o.direction} ${o.metric}`).join(', ')})`,
      );
      const front = new Set(result.front);
      for (const p of result.points.filter((q) => front.has(q.index)))
        out.push(
          `    ${study.axes.map((a) => `${a.path} ${show(p.values[a.path]!, variableKind(a.path))}`).join(', ')}: ${study.objectives
            .map(
              (o) =>
                `${o.metric} ${p.metrics[o.metric] === undefined ? '—' : show(p.metrics[o.metric]!, metricKindOf(o.metric))}`,
            )
            .join(', ')}`,
        );
    }
    for (const p of v.problems) out.push(`  warning: ${p}`);
    out.push('');
  }
  return out.join('\n');
}

// ---- output formats --------------------------------------------------------------------------------

const fmt = (x: number | null, digits = 3) => (x === null ? '—' : formatNumber(x, digits));

export function textReport(records: readonly ReportRecord[]): string {
  const out: string[] = [];
  for (const r of records) {
    out.push(`${r.name}${r.base ? ` (variant of ${r.base})` : ''} — ${r.file}`);
    const row = (label: string, value: string) => out.push(`  ${label.padEnd(26)}${value}`);
    row('capacity', `${fmt(r.capacity_mAh)} mAh${r.limiting_electrode ? ` (${r.limiting_electrode} limits)` : ''}`);
    row('N/P ratio', `${fmt(r.np_ratio)} (reversible)`);
    if (r.np_ratio_first_charge !== null) row('N/P ratio, first charge', fmt(r.np_ratio_first_charge));
    row('mean voltage', `${fmt(r.mean_voltage_V)} V`);
    row('energy', `${fmt(r.energy_Wh === null ? null : r.energy_Wh * 1000)} mWh`);
    row(
      'energy density',
      `${fmt(r.energy_density_Wh_per_L.stack)} Wh/L (${['stack', ...(r.stack_basis === 'footprint' ? [] : [r.stack_basis.replace('-', ' ')]), ...(r.energy_density_state ? [r.energy_density_state] : [])].join(', ')}), ${fmt(r.energy_density_Wh_per_L.cell)} Wh/L (cell${r.energy_density_state ? `, ${r.energy_density_state}` : ''})`,
    );
    row(
      'specific energy',
      `${fmt(r.specific_energy_Wh_per_kg.stack)} Wh/kg (stack), ${fmt(r.specific_energy_Wh_per_kg.cell)} Wh/kg (cell)`,
    );
    row(
      'areal capacity',
      `${fmt(r.areal_capacity_mAh_per_cm2.cathode)} mAh/cm² (cathode), ${fmt(r.areal_capacity_mAh_per_cm2.anode)} mAh/cm² (anode)`,
    );
    row(
      'thickness',
      Object.entries(r.thickness_um)
        .map(([k, v]) => `${k} ${fmt(v)} µm`)
        .join(', '),
    );
    row(
      'mass',
      `${fmt(r.mass_total_g.stack === null ? null : r.mass_total_g.stack * 1000)} mg (stack), ${fmt(r.mass_total_g.cell === null ? null : r.mass_total_g.cell * 1000)} mg (cell)`,
    );
    for (const t of r.targets) row(t.met ? 'target met' : 'TARGET MISSED', t.message);
    for (const p of r.problems.filter((x) => x.severity !== 'info')) row(p.severity, p.message);
    out.push('');
  }
  return out.join('\n');
}

const CSV_COLUMNS: ReadonlyArray<[string, (r: ReportRecord) => string | number | null]> = [
  ['file', (r) => r.file],
  ['name', (r) => r.name],
  ['base', (r) => r.base],
  ['capacity_mAh', (r) => r.capacity_mAh],
  ['limiting_electrode', (r) => r.limiting_electrode],
  ['np_ratio', (r) => r.np_ratio],
  ['mean_voltage_V', (r) => r.mean_voltage_V],
  ['energy_Wh', (r) => r.energy_Wh],
  ['energy_density_stack_Wh_per_L', (r) => r.energy_density_Wh_per_L.stack],
  ['energy_density_cell_Wh_per_L', (r) => r.energy_density_Wh_per_L.cell],
  ['specific_energy_stack_Wh_per_kg', (r) => r.specific_energy_Wh_per_kg.stack],
  ['specific_energy_cell_Wh_per_kg', (r) => r.specific_energy_Wh_per_kg.cell],
  ['areal_capacity_cathode_mAh_per_cm2', (r) => r.areal_capacity_mAh_per_cm2.cathode],
  ['areal_capacity_anode_mAh_per_cm2', (r) => r.areal_capacity_mAh_per_cm2.anode],
  ['stack_thickness_um', (r) => r.thickness_um.stack ?? null],
  ['cell_thickness_um', (r) => r.thickness_um.cell ?? null],
  ['stack_mass_g', (r) => r.mass_total_g.stack],
  ['cell_mass_g', (r) => r.mass_total_g.cell],
];

export function csvReport(records: readonly ReportRecord[]): string {
  const lines = [CSV_COLUMNS.map(([h]) => h).join(',')];
  for (const r of records) lines.push(CSV_COLUMNS.map(([, get]) => csvField(get(r))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function compare(designs: Map<string, CellDesign>, variantName: string, format: Format): string {
  const variant = designs.get(variantName);
  if (!variant) throw new UsageError(`no cell or variant '${variantName}' in the given files`);
  if (!variant.base) throw new UsageError(`${variantName} is a cell, not a variant; --compare takes a variant`);
  const base = designs.get(variant.base);
  if (!base) throw new UsageError(`the base ${variant.base} of ${variantName} is not in the given files`);
  const rows = compareDesigns(base, variant);
  if (format === 'json') {
    const unitOf = (spec: (typeof rows)[number]['spec']) =>
      spec.kind === 'dimensionless' ? '' : (spec.unit ?? KINDS[spec.kind].display);
    const conv = (spec: (typeof rows)[number]['spec'], x: number | undefined) =>
      x === undefined ? null : spec.kind === 'dimensionless' ? x : fromSI(x, spec.kind, unitOf(spec));
    return `${JSON.stringify(
      {
        base: base.name,
        variant: variant.name,
        metrics: rows.map((r) => ({
          metric: r.label,
          unit: unitOf(r.spec),
          base: conv(r.spec, r.base),
          variant: conv(r.spec, r.variant),
          delta: conv(r.spec, r.delta),
          percent: r.percent ?? null,
        })),
      },
      null,
      2,
    )}\n`;
  }
  const cells = rows
    .filter((r) => r.base !== undefined || r.variant !== undefined)
    .map((r) => {
      const f = (x: number | undefined) => (x === undefined ? '—' : formatMetric(r.spec, x));
      return [
        r.label,
        f(r.base),
        f(r.variant),
        r.delta === undefined ? '—' : `${r.delta > 0 ? '+' : ''}${f(r.delta)}`,
        r.percent === undefined ? '—' : `${r.percent > 0 ? '+' : ''}${formatNumber(r.percent, 2)} %`,
      ];
    });
  const header = ['metric', base.name, variant.name, 'delta', 'percent'];
  if (format === 'csv') return `${[header, ...cells].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (row: string[]) =>
    row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return `${[line(header), ...cells.map(line)].join('\n')}\n`;
}

export const reportCommand: Command = {
  name: 'report',
  summary:
    'Design figures of every cell: capacity, N/P, mean voltage, energy density and specific energy (stack and cell).',
  usage: '[paths…] [--format text|json|csv] [--compare VARIANT]',
  details: `One record per cell and variant of the given files (folders are searched for .cellspec files).
JSON fields (stable; only ever added to): file, name, base, capacity_mAh, limiting_electrode,
capacity_basis, np_ratio, mean_voltage_V, energy_Wh, energy_density_Wh_per_L {stack, cell},
specific_energy_Wh_per_kg {stack, cell}, areal_capacity_mAh_per_cm2 {cathode, anode},
mass_g {by component}, mass_total_g {stack, cell}, thickness_um {by layer, stack, cell},
targets [{target, met, message}], problems [{severity, code, message}]; null where a figure
cannot be computed.

exit codes:
  0  report written
  1  report written, but a spec has errors
  2  usage error or an input that cannot be read`,
  options: {
    format: { type: 'string', short: 'f', valueName: 'text|json|csv', description: 'output format (default text)' },
    compare: {
      type: 'string',
      short: 'c',
      valueName: 'variant',
      description: 'print the variant-versus-base table of one variant',
    },
    charts: {
      type: 'boolean',
      description: 'with --variation --format json: add the capacity histogram and the sweep plot as SVG',
    },
    variation: {
      type: 'boolean',
      description: "add each cell's lot variation (its processes' tolerances) and the sweep of a <spec>.sweep.json",
    },
  },
  async run(values, positionals, io: CliIo) {
    const format = values.format === undefined ? 'text' : oneOf<Format>('format', values.format, FORMATS);
    const variation = values.variation === true;
    if (variation && format === 'csv') throw new UsageError('--variation is shown in the text and JSON formats');
    if (values.charts === true && !(variation && format === 'json'))
      throw new UsageError('--charts needs --variation --format json');
    const loaded = await load(positionals, io.cwd, variation);
    const { records, designs, errors, cells } = loaded;
    const variations = values.charts === true ? await withCharts(loaded.variations, cells) : loaded.variations;
    if (typeof values.compare === 'string') {
      io.stdout(compare(designs, values.compare, format));
    } else if (format === 'json') {
      io.stdout(`${JSON.stringify({ cells: records, ...(variation ? { variation: variations } : {}) }, null, 2)}\n`);
    } else if (format === 'csv') {
      io.stdout(csvReport(records));
    } else {
      io.stdout(textReport(records) + (variation ? variationText(variations) : ''));
    }
    for (const e of errors) io.stderr(`${e}\n`);
    return errors.length > 0 ? ExitCode.Findings : ExitCode.Ok;
  },
};
