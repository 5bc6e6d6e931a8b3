/**
 * Design sweeps: a grid over design variables (loading × porosity × layer thickness …), each
 * point's design figures from the calculator and, optionally, a simulated charge or discharge;
 * constraints mark points infeasible and the Pareto front of the feasible points over the
 * objectives is what a designer trades along (Deb, Multi-Objective Optimization using
 * Evolutionary Algorithms, 2001, §2.4: a point is on the front when no other point is at least
 * as good in every objective and better in one).
 */
import { designCell } from '../design/calculate.js';
import { METRICS } from '../design/metrics.js';
import type { CellDesign } from '../design/types.js';
import type { CellIR } from '../ir.js';
import { parametersFromCell } from '../models/from-cell.js';
import { runConstantCurrent } from '../models/analyses.js';
import type { Clock } from '../clock.js';
import { findVariable } from './variables.js';

export interface SweepAxis {
  readonly path: string;
  readonly values: readonly number[];
}

/** A simulated test run at every point: a charge to a SOC (fast charge) or a full discharge. */
export interface SweepSimulation {
  readonly direction: 'charge' | 'discharge';
  readonly rate: number;
  /** Charge: stop at this SOC, 0..1. */
  readonly targetSoc?: number;
  /** K; default the cell's. */
  readonly temperature?: number;
  readonly fidelity?: 'p2d' | 'reduced';
}

/**
 * Metric names a constraint or objective may use: the keys of `METRICS` (`capacity`, `np`,
 * `ed-stack`, …) and, with a simulation, `sim-soc` (SOC reached, 0..1), `sim-capacity` (C) and
 * `sim-anode-min` (lowest anode potential vs Li, V: below 0 V lithium plates).
 */
export const SIMULATED_METRICS = ['sim-soc', 'sim-capacity', 'sim-anode-min'] as const;

export interface SweepConstraint {
  readonly metric: string;
  readonly op: '>=' | '<=';
  readonly value: number;
}

export interface SweepObjective {
  readonly metric: string;
  readonly direction: 'max' | 'min';
}

export interface SweepPoint {
  readonly index: number;
  /** The axis values of this point, by path (SI). */
  readonly values: Readonly<Record<string, number>>;
  /** Metric values (SI), undefined where not computable. */
  readonly metrics: Readonly<Record<string, number | undefined>>;
  /** Constraints this point violates, as written ("np >= 1.05"); empty when feasible. */
  readonly violated: readonly string[];
  /** Why a simulation failed, if it did. */
  readonly failure?: string;
}

export interface SweepResult {
  readonly points: readonly SweepPoint[];
  /** Indices of the feasible points on the Pareto front, in point order. */
  readonly front: readonly number[];
  readonly problems: readonly string[];
}

/** Every combination of the axis values, the first axis varying slowest. */
export function sweepGrid(axes: readonly SweepAxis[]): number[][] {
  return axes.reduce<number[][]>((grid, axis) => grid.flatMap((row) => axis.values.map((v) => [...row, v])), [[]]);
}

/** The cell at one grid point. */
export function cellAtPoint(cell: CellIR, axes: readonly SweepAxis[], values: readonly number[]): CellIR {
  return axes.reduce((c, axis, i) => findVariable(axis.path)?.set(c, values[i]!) ?? c, cell);
}

/** Design figures (and a simulation's results) of one point; constraints are checked by `sweepDesign`. */
export function evaluatePoint(
  cell: CellIR,
  axes: readonly SweepAxis[],
  values: readonly number[],
  index: number,
  simulation?: SweepSimulation,
  clock?: Clock,
): Omit<SweepPoint, 'violated'> {
  const at = cellAtPoint(cell, axes, values);
  const design = designCell(at);
  const metrics: Record<string, number | undefined> = designMetrics(design);
  let failure: string | undefined;
  if (simulation) {
    const simulated = simulate(at, simulation, clock);
    Object.assign(metrics, simulated.metrics);
    failure = simulated.failure;
  }
  return {
    index,
    values: Object.fromEntries(axes.map((a, i) => [a.path, values[i]!])),
    metrics,
    ...(failure ? { failure } : {}),
  };
}

function designMetrics(design: CellDesign): Record<string, number | undefined> {
  return Object.fromEntries(METRICS.map((m) => [m.key, m.get(design)]));
}

function simulate(
  cell: CellIR,
  s: SweepSimulation,
  clock?: Clock,
): { metrics: Record<string, number | undefined>; failure?: string } {
  const mapped = parametersFromCell(cell);
  if (!mapped.parameters) return { metrics: {}, failure: mapped.problems.join('; ') || 'the model cannot run' };
  const run = runConstantCurrent(mapped.parameters, {
    direction: s.direction,
    rate: s.rate,
    fidelity: s.fidelity ?? 'p2d',
    ...(s.targetSoc !== undefined ? { targetSoc: s.targetSoc } : {}),
    ...(s.temperature !== undefined ? { temperature: s.temperature } : {}),
    ...(clock ? { clock } : {}),
  });
  return {
    metrics: {
      'sim-soc': run.endSoc,
      'sim-capacity': run.capacity * 3600, // Ah → C, like the design capacity
      'sim-anode-min': run.result.anodePotential.length ? run.minAnodePotential : undefined,
    },
    ...(run.result.failure ? { failure: run.result.failure } : {}),
  };
}

/** Marks the constraints each point violates; a metric that is not computable violates its constraint. */
export function checkConstraints(
  point: Omit<SweepPoint, 'violated'>,
  constraints: readonly SweepConstraint[],
): SweepPoint {
  const violated = constraints
    .filter((c) => {
      const v = point.metrics[c.metric];
      return v === undefined || !(c.op === '>=' ? v >= c.value : v <= c.value);
    })
    .map((c) => `${c.metric} ${c.op} ${c.value}`);
  return { ...point, violated };
}

/** Indices of the points no other point dominates over `objectives` (points lacking a metric are left out). */
export function paretoFront(points: readonly SweepPoint[], objectives: readonly SweepObjective[]): number[] {
  const scored = points
    .filter((p) => objectives.every((o) => p.metrics[o.metric] !== undefined))
    .map((p) => ({
      index: p.index,
      // Every objective as "larger is better".
      score: objectives.map((o) => (o.direction === 'max' ? 1 : -1) * p.metrics[o.metric]!),
    }));
  const dominates = (a: readonly number[], b: readonly number[]) =>
    a.every((x, i) => x >= b[i]!) && a.some((x, i) => x > b[i]!);
  return scored.filter((p) => !scored.some((q) => dominates(q.score, p.score))).map((p) => p.index);
}

/** Runs a whole sweep on this thread (the CLI splits large simulated sweeps across workers). */
export function sweepDesign(
  cell: CellIR,
  axes: readonly SweepAxis[],
  options: {
    readonly constraints?: readonly SweepConstraint[];
    readonly objectives?: readonly SweepObjective[];
    readonly simulation?: SweepSimulation;
    readonly clock?: Clock;
  } = {},
): SweepResult {
  const problems = sweepProblems(cell, axes, options);
  if (problems.length) return { points: [], front: [], problems };
  const points = sweepGrid(axes).map((values, i) =>
    checkConstraints(
      evaluatePoint(cell, axes, values, i, options.simulation, options.clock),
      options.constraints ?? [],
    ),
  );
  return { points, front: frontOf(points, options.objectives ?? []), problems };
}

/** The Pareto front of the feasible points. */
export function frontOf(points: readonly SweepPoint[], objectives: readonly SweepObjective[]): number[] {
  return objectives.length
    ? paretoFront(
        points.filter((p) => p.violated.length === 0),
        objectives,
      )
    : [];
}

/** What makes a sweep impossible to run: unknown variables or metrics, values the cell lacks. */
export function sweepProblems(
  cell: CellIR,
  axes: readonly SweepAxis[],
  options: {
    readonly constraints?: readonly SweepConstraint[];
    readonly objectives?: readonly SweepObjective[];
    readonly simulation?: SweepSimulation;
  },
): string[] {
  const problems: string[] = [];
  const known = new Set<string>([...METRICS.map((m) => m.key), ...(options.simulation ? SIMULATED_METRICS : [])]);
  for (const axis of axes) {
    const variable = findVariable(axis.path);
    if (!variable) problems.push(`${axis.path} is not a design variable`);
    else if (variable.get(cell) === undefined)
      problems.push(`the cell does not state ${axis.path}, so it cannot be swept`);
    if (axis.values.length === 0) problems.push(`${axis.path} has no values`);
  }
  for (const m of [...(options.constraints ?? []), ...(options.objectives ?? [])].map((x) => x.metric))
    if (!known.has(m))
      problems.push(`unknown metric '${m}'${SIMULATED_METRICS.includes(m as never) ? ' (needs a simulation)' : ''}`);
  return problems;
}
