/**
 * The lot-variation and design-sweep sections of a cell specification: what the tolerances the
 * cell's processes state do to its figures (`lotVariation`, the same as `cellspec lots`), and,
 * for a cell with a sweep study, the points of the sweep and its Pareto front (`sweepDesign`,
 * the same as `cellspec sweep`).
 */
import {
  findVariable,
  lotVariation,
  sweepDesign,
  tolerancesFromProcesses,
  type CellIR,
  type LotVariation,
  type ProcessIR,
  type SweepStudy,
} from '@cellspec/physics';
import { formatNumber } from '@cellspec/units';
import { capacityBand, lotChart, metricAxis, renderChartSvg, sweepChart, type ChartSpec } from '../charts/index.js';
import type { Block, Section } from './model.js';

/** Monte Carlo draws of a document's lot: sampling error of σ about 1.6 % (1/√(2N)), seed fixed. */
export const DOCUMENT_LOT_SAMPLES = 2000;

async function figure(chart: ChartSpec, caption: string): Promise<Block> {
  const svg = await renderChartSvg(chart);
  const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? chart.width);
  const height = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1] ?? chart.height);
  return { type: 'figure', svg, width, height, caption };
}

const pct = (f: number) => `${formatNumber(f * 100, 3)} %`;
/** A fraction of the lot, to 0.01 % as `cellspec lots` prints it (99.55 %, not 99.6 %). */
const share = (f: number) => `${(f * 100).toFixed(2)} %`;

/** A metric value in its display unit, three significant figures. */
function shown(key: string, si: number): string {
  const axis = metricAxis(key);
  return `${formatNumber(axis.toDisplay(si), 3)}${axis.unit ? ` ${axis.unit}` : ''}`;
}

/** The cell's lot from its processes' tolerances, or undefined when they state none. */
export function documentLot(cell: CellIR, processes: readonly ProcessIR[]): LotVariation | undefined {
  const tolerances = tolerancesFromProcesses(cell, processes);
  return tolerances.length ? lotVariation(cell, tolerances, { samples: DOCUMENT_LOT_SAMPLES, seed: 1 }) : undefined;
}

export async function variationSections(
  cell: CellIR,
  processes: readonly ProcessIR[],
  study: SweepStudy | undefined,
): Promise<Section[]> {
  const sections: Section[] = [];
  const lot = documentLot(cell, processes);
  if (lot) sections.push(await lotSection(cell, lot));
  if (study) sections.push(await sweepSection(cell, study));
  return sections;
}

async function lotSection(cell: CellIR, lot: LotVariation): Promise<Section> {
  const blocks: Block[] = [
    {
      type: 'paragraph',
      text: `${lot.samples} cells drawn (seed ${lot.seed}) from the tolerances the fabrication process states; a band ± a is read as a normal distribution with σ = a/3 (a process with Cpk = 1). Linear σ is the first-order propagation of the same tolerances.`,
    },
    {
      type: 'table',
      columns: ['Tolerance', 'Nominal', 'Band', 'From'],
      rows: lot.inputs.map((i) => [
        i.label,
        shownKind(i.kind, i.nominal),
        `± ${shownKind(i.kind, i.halfWidth)}`,
        i.origin ?? '—',
      ]),
      widths: [2, 1.2, 1.2, 4],
    },
    {
      type: 'table',
      columns: ['Figure', 'Nominal', 'Mean', 'σ', '± 3σ', 'p5', 'p50', 'p95', 'Linear σ'],
      rows: lot.metrics.map((m) => [
        m.label,
        shown(m.key, m.nominal),
        shown(m.key, m.mean),
        pct(m.sd / Math.abs(m.mean)),
        pct((3 * m.sd) / Math.abs(m.mean)),
        shown(m.key, m.p05),
        shown(m.key, m.p50),
        shown(m.key, m.p95),
        pct(m.linearSd / Math.abs(m.mean)),
      ]),
      widths: [2.2, 1.2, 1.2, 0.9, 0.9, 1.2, 1.2, 1.2, 0.9],
      numeric: [1, 2, 3, 4, 5, 6, 7, 8],
    },
    {
      type: 'table',
      columns: ['Figure', 'Sensitivity ranking (share of the linear variance)'],
      rows: lot.metrics.map((m) => [
        m.label,
        m.contributions.map((c) => `${c.label} ${formatNumber(c.share * 100, 3)} %`).join(', ') || '—',
      ]),
      widths: [2, 6],
    },
    lot.yield === undefined
      ? { type: 'note', text: 'The cell states no targets to accept a lot against, so no yield is given.' }
      : {
          type: 'paragraph',
          text: `Expected yield against the cell's targets: ${share(lot.yield)}${lot.misses.length ? ` (${lot.misses.map((m) => `${share(m.fraction)} miss ${m.target}`).join('; ')})` : ''}.`,
        },
  ];
  const chart = lotChart(lot, 'capacity', capacityBand(cell));
  if (chart)
    blocks.push(
      await figure(chart, `${cell.name}: capacity of ${lot.samples} cells drawn (dashed: nominal; red: target band)`),
    );
  if (lot.problems.length) blocks.push({ type: 'list', items: lot.problems });
  return { title: 'Lot variation', blocks };
}

function shownKind(kind: string, si: number): string {
  if (kind === 'fraction') return pct(si);
  const axis = metricAxisOfKind(kind);
  return `${formatNumber(axis.toDisplay(si), 3)} ${axis.unit}`;
}

/** Design-variable kinds the lot table shows, with their display units. */
function metricAxisOfKind(kind: string): { unit: string; toDisplay: (si: number) => number } {
  if (kind === 'arealMass') return { unit: 'mg/cm²', toDisplay: (x) => x * 100 };
  if (kind === 'length') return { unit: 'µm', toDisplay: (x) => x * 1e6 };
  if (kind === 'area') return { unit: 'cm²', toDisplay: (x) => x * 1e4 };
  return { unit: '(SI)', toDisplay: (x) => x };
}

async function sweepSection(cell: CellIR, study: SweepStudy): Promise<Section> {
  const result = sweepDesign(cell, study.axes, {
    constraints: study.constraints,
    objectives: study.objectives,
    ...(study.simulation ? { simulation: study.simulation } : {}),
  });
  if (result.problems.length)
    return {
      title: 'Design sweep',
      blocks: [{ type: 'note', text: `The sweep cannot run: ${result.problems.join('; ')}.` }],
    };
  const feasible = result.points.filter((p) => p.violated.length === 0).length;
  const sim = study.simulation;
  const what = [
    `${result.points.length} designs: ${study.axes.map((a) => `${a.path} (${a.values.length} values)`).join(' × ')}`,
    sim
      ? `each with a simulated ${sim.direction} at ${formatNumber(sim.rate, 3)}C${sim.targetSoc !== undefined ? ` to ${pct(sim.targetSoc)} SOC` : ''} (${(sim.fidelity ?? 'p2d').toUpperCase()} model)`
      : undefined,
  ].filter(Boolean);
  const keys = [...new Set([...study.objectives.map((o) => o.metric), ...study.constraints.map((c) => c.metric)])];
  const front = new Set(result.front);
  const blocks: Block[] = [
    {
      type: 'fields',
      rows: [
        ['Designs', what.join('; ')],
        [
          'Constraints',
          study.constraints.map((c) => `${c.metric} ${c.op} ${shown(c.metric, c.value)}`).join(', ') || '—',
        ],
        ['Objectives', study.objectives.map((o) => `${o.direction}imise ${o.metric}`).join(', ') || '—'],
        ['Feasible', `${feasible} of ${result.points.length}`],
        ['On the Pareto front', String(front.size)],
      ],
    },
    {
      type: 'table',
      columns: [...study.axes.map((a) => a.path), ...keys],
      rows: result.points
        .filter((p) => front.has(p.index))
        .map((p) => [
          ...study.axes.map((a) => shownKind(kindOfPath(a.path), p.values[a.path]!)),
          ...keys.map((k) => (p.metrics[k] === undefined ? '—' : shown(k, p.metrics[k]))),
        ]),
      numeric: [...study.axes, ...keys].map((_, i) => i),
    },
    await figure(
      sweepChart(study, result),
      `${cell.name}: ${metricAxis(study.plot.y).title} against ${metricAxis(study.plot.x).title} over the sweep (red: Pareto front; grey crosses violate a constraint)`,
    ),
  ];
  const failed = result.points.filter((p) => p.failure).length;
  if (failed) blocks.push({ type: 'note', text: `${failed} simulated points failed and count as infeasible.` });
  return { title: 'Design sweep', blocks };
}

function kindOfPath(path: string): string {
  return findVariable(path)?.kind ?? 'dimensionless';
}
