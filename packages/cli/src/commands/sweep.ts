/**
 * `cellspec sweep [paths…] --cell NAME --vary PATH=VALUES … [--constraint …] [--objective …]`:
 * a grid over design variables with each point's design figures (and optionally a simulated
 * charge or discharge), constraints, and the Pareto front of the feasible points.
 */
import {
  METRICS,
  StudyError,
  parseAxisText,
  parseConstraintText,
  parseObjectiveText,
  sweepProblems,
  type SweepAxis,
  type SweepObjective,
  type SweepPoint,
  type SweepSimulation,
} from '@cellspec/physics';
import { csvField } from '@cellspec/emit/csv';
import { ExitCode, oneOf, UsageError, type CliIo, type Command } from '../command-framework.js';
import { printable } from '../printable.js';
import { chooseCell, loadSpecs, metricKind, quantity, show, variableKind } from './design-space.js';
import { parseRate, parseTemperature } from './simulate.js';
import { defaultWorkers, sweepInParallel } from '../sweep/parallel.js';

const FORMATS = ['csv', 'json', 'text'] as const;
/** Points a sweep may have: beyond this a grid is more likely a typo than a plan. */
const MAX_POINTS = 1_000_000;

/** Study-text errors (`physics/variation/study.ts`) become usage errors. */
function usage<T>(option: string, parse: (text: string) => T): (text: string) => T {
  return (text) => {
    try {
      return parse(text);
    } catch (error) {
      if (error instanceof StudyError) throw new UsageError(`${option}: ${error.message}`, { cause: error });
      throw error;
    }
  };
}

/** `cathode.loading=15..25/6 mg/cm2` (6 evenly spaced values) or `cathode.loading=15,20,25 mg/cm2`. */
export const parseAxis = usage('--vary', parseAxisText);
/** `np>=1.05`, `ed-stack>=800 Wh/L`, `sim-anode-min>=0 V`. */
export const parseConstraint = usage('--constraint', parseConstraintText);
/** `max:ed-stack` or `min:sim-anode-min`. */
export const parseObjective = usage('--objective', parseObjectiveText);

/**
 * A worker takes 1.3 s from start to its first answer (measured with the built CLI at load 11 on
 * 2 cores: loading the physics and mathjs); a P2D point costs about 6 ms, so a worker pays for
 * itself only with a few hundred points to do.
 */
const POINTS_PER_WORKER = 250;

/** Exit code of a sweep stopped by Ctrl-C (128 + SIGINT, as shells report it). */
const CANCELLED = 130;

function parseWorkers(text: string): number {
  const n = Number(text);
  if (!(Number.isInteger(n) && n >= 1 && n <= 256)) throw new UsageError(`--workers must be 1 to 256 (got '${text}')`);
  return n;
}

export const sweepCommand: Command = {
  name: 'sweep',
  summary: 'Design sweep: a grid over design variables, constraints and the Pareto front.',
  usage: '[paths…] [--cell NAME] --vary PATH=VALUES … [--constraint C …] [--objective O …] [options]',
  details: `VALUES is FROM..TO/COUNT UNIT (evenly spaced) or a list V1,V2,… UNIT. Metrics for constraints
and objectives: ${METRICS.map((m) => m.key).join(', ')}; with --charge or --discharge also sim-soc
(SOC reached), sim-capacity and sim-anode-min (lowest anode potential vs Li: below 0 V lithium plates).

Example: the next-generation cell's loading against its SE layer, keeping N/P ≥ 1.05 and a 6C
charge to 80 % free of plating, trading energy density against the SOC a 6C charge reaches:
  cellspec sweep examples/ --cell NG --vary "cathode.loading=30..45/4 mg/cm2" \\
    --vary "separator.thickness=10,20,30 um" --charge 6C --to-soc 80 \\
    --constraint "np>=1.05" --constraint "sim-anode-min>=0 V" \\
    --objective max:ed-stack --objective max:sim-soc

A simulated sweep runs on worker threads (--workers; default one per 250 points, at most the
available cores) and shows its progress on a terminal; Ctrl-C stops it and prints nothing.

exit codes:
  0  swept (whether or not any point is feasible)
  1  the specs have errors
  2  usage error or an input that cannot be read
  130  cancelled (Ctrl-C)`,
  options: {
    cell: { type: 'string', short: 'c', valueName: 'name', description: 'the cell or variant (default: the only one)' },
    vary: { type: 'string', multiple: true, valueName: 'path=values', description: 'an axis of the grid (repeatable)' },
    constraint: {
      type: 'string',
      multiple: true,
      valueName: 'metric>=value',
      description: 'a constraint (repeatable)',
    },
    objective: { type: 'string', multiple: true, valueName: 'max:metric', description: 'an objective (repeatable)' },
    charge: {
      type: 'string',
      valueName: 'rate',
      description: 'simulate a charge from 0 % SOC at this C-rate at every point',
    },
    'to-soc': { type: 'string', valueName: 'percent', description: 'with --charge: stop at this SOC (default 100 %)' },
    discharge: {
      type: 'string',
      valueName: 'rate',
      description: 'simulate a full discharge at this C-rate at every point',
    },
    temperature: { type: 'string', valueName: 'T', description: "simulation temperature (default the cell's)" },
    workers: {
      type: 'string',
      valueName: 'n',
      description: 'worker threads (default: the available cores for a simulated sweep, else 1)',
    },
    model: {
      type: 'string',
      short: 'm',
      default: 'p2d',
      valueName: 'p2d|reduced',
      description: 'model fidelity (default p2d)',
    },
    format: {
      type: 'string',
      short: 'f',
      default: 'csv',
      valueName: 'csv|json|text',
      description: 'output format (default csv)',
    },
  },
  async run(values, positionals, io: CliIo) {
    const format = oneOf('format', values.format, FORMATS);
    const fidelity = oneOf('model', values.model, ['p2d', 'reduced'] as const);
    const axes = ((values.vary as string[] | undefined) ?? []).map(parseAxis);
    if (axes.length === 0) throw new UsageError('give at least one --vary PATH=VALUES');
    const constraints = ((values.constraint as string[] | undefined) ?? []).map(parseConstraint);
    const objectives = ((values.objective as string[] | undefined) ?? []).map(parseObjective);
    if (typeof values.charge === 'string' && typeof values.discharge === 'string')
      throw new UsageError('give --charge or --discharge, not both');
    const temperature = typeof values.temperature === 'string' ? parseTemperature(values.temperature) : undefined;
    const simulation: SweepSimulation | undefined =
      typeof values.charge === 'string'
        ? {
            direction: 'charge',
            rate: parseRate('charge', values.charge),
            fidelity,
            ...(typeof values['to-soc'] === 'string'
              ? { targetSoc: quantity(values['to-soc'].replace(/%$/, ''), 'fraction', '--to-soc') }
              : {}),
            ...(temperature !== undefined ? { temperature } : {}),
          }
        : typeof values.discharge === 'string'
          ? {
              direction: 'discharge',
              rate: parseRate('discharge', values.discharge),
              fidelity,
              ...(temperature !== undefined ? { temperature } : {}),
            }
          : undefined;
    const points = axes.reduce((n, a) => n * a.values.length, 1);
    if (points > MAX_POINTS) throw new UsageError(`the grid has ${points} points; at most ${MAX_POINTS} are swept`);
    const specs = await loadSpecs(positionals, io.cwd);
    if (specs.errors.length) {
      for (const e of specs.errors) io.stderr(`error: ${printable(e)}\n`);
      return ExitCode.Findings;
    }
    const cell = chooseCell(specs.cells, typeof values.cell === 'string' ? values.cell : undefined);
    const problems = sweepProblems(cell, axes, { constraints, objectives, ...(simulation ? { simulation } : {}) });
    if (problems.length) throw new UsageError(problems.join('; '));
    // Simulated sweeps go to worker threads, one per POINTS_PER_WORKER points up to the cores; design
    // figures alone cost less than a worker's start.
    const workers =
      typeof values.workers === 'string'
        ? parseWorkers(values.workers)
        : simulation
          ? Math.max(1, Math.min(defaultWorkers(), Math.floor(points / POINTS_PER_WORKER)))
          : 1;
    const controller = new AbortController();
    const interrupt = () => controller.abort();
    process.once('SIGINT', interrupt);
    const tty = process.stderr.isTTY === true;
    let shown = -1;
    let result;
    try {
      result = await sweepInParallel(cell, axes, {
        constraints,
        objectives,
        workers,
        signal: controller.signal,
        ...(simulation ? { simulation } : {}),
        // Progress on a terminal only, in whole percent, overwritten in place.
        onProgress: (done, total) => {
          const percent = Math.floor((100 * done) / total);
          if (!tty || percent === shown) return;
          shown = percent;
          io.stderr(`\r${done}/${total} points (${percent} %) on ${workers} thread${workers === 1 ? '' : 's'}`);
        },
      });
    } finally {
      process.removeListener('SIGINT', interrupt);
      if (tty && shown >= 0) io.stderr('\n');
    }
    if (result.cancelled) {
      // Nothing half-written: a cancelled sweep prints no table.
      io.stderr(`cancelled after ${result.points.length} of ${points} points\n`);
      return CANCELLED;
    }
    const swept = result.points;
    const front = new Set(result.front);
    io.stdout(render(format, axes, swept, front, objectives));
    const feasible = swept.filter((p) => p.violated.length === 0).length;
    io.stderr(`${swept.length} points, ${feasible} feasible, ${front.size} on the Pareto front\n`);
    return ExitCode.Ok;
  },
};

const KEYS = ['capacity', 'np', 'ed-stack', 'ed-cell', 'se-stack', 'se-cell'];

function render(
  format: (typeof FORMATS)[number],
  axes: readonly SweepAxis[],
  points: readonly SweepPoint[],
  front: ReadonlySet<number>,
  objectives: readonly SweepObjective[],
): string {
  const simulated = points.some((p) => 'sim-soc' in p.metrics);
  const keys = [...KEYS, ...(simulated ? ['sim-soc', 'sim-capacity', 'sim-anode-min'] : [])];
  if (format === 'json')
    return (
      JSON.stringify(
        { axes, objectives, units: 'SI', points: points.map((p) => ({ ...p, pareto: front.has(p.index) })) },
        null,
        2,
      ) + '\n'
    );
  if (format === 'csv') {
    const header = [
      'point',
      ...axes.map((a) => `${a.path} (SI)`),
      ...keys.map((k) => `${k} (SI)`),
      'feasible',
      'pareto',
      'violated',
    ].map(csvField);
    const rows = points.map((p) =>
      [
        p.index,
        ...axes.map((a) => p.values[a.path]),
        ...keys.map((k) => p.metrics[k] ?? ''),
        p.violated.length === 0,
        front.has(p.index),
        p.violated.join('; '),
      ]
        .map(csvField)
        .join(','),
    );
    return [header.join(','), ...rows].join('\n') + '\n';
  }
  const kindOf = (k: string) =>
    metricKind(k) ?? (k === 'sim-anode-min' ? 'voltage' : k === 'sim-capacity' ? 'capacity' : 'fraction');
  const lines = points
    .filter((p) => front.size === 0 || front.has(p.index))
    .map(
      (p) =>
        `${front.has(p.index) ? '*' : ' '} ${axes.map((a) => `${a.path} ${show(p.values[a.path]!, variableKind(a.path))}`).join(', ')}: ${keys
          .filter((k) => p.metrics[k] !== undefined)
          .map((k) => `${k} ${show(p.metrics[k]!, kindOf(k))}`)
          .join(
            ', ',
          )}${p.violated.length ? `  (violates ${p.violated.join(', ')})` : ''}${p.failure ? `  (simulation failed: ${p.failure})` : ''}`,
    );
  return (
    (front.size ? 'Pareto front (feasible points no other point beats in every objective):\n' : '') +
    lines.join('\n') +
    '\n'
  );
}
