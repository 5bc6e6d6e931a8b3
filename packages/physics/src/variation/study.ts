/**
 * A sweep study: the grid, constraints, objectives and optional simulation of a design sweep,
 * written once in the words of `cellspec sweep` (`"cathode.loading=30..45/4 mg/cm2"`,
 * `"np>=1.05"`, `"max:ed-stack"`, `"charge": "6C"`), so a study file beside a spec
 * (`<spec>.sweep.json`), the command line, the documents and the preview read the same thing.
 *
 * Text → SI goes through `@cellspec/units` (`toSI`); a bare number of a fraction above 1 is read
 * as a percentage, as everywhere on the command line.
 */
import { toSI, type QuantityKind } from '@cellspec/units';
import { METRICS } from '../design/metrics.js';
import { findVariable } from './variables.js';
import type { SweepAxis, SweepConstraint, SweepObjective, SweepSimulation } from './sweep.js';

export interface SweepStudy {
  readonly cell: string;
  readonly axes: readonly SweepAxis[];
  readonly constraints: readonly SweepConstraint[];
  readonly objectives: readonly SweepObjective[];
  readonly simulation?: SweepSimulation;
  /** The metrics a plot of the sweep puts on its axes: the first two objectives by default. */
  readonly plot: { readonly x: string; readonly y: string };
}

/** A study that cannot be read: the message names the field. */
export class StudyError extends Error {}

/** Quantity kind of a metric key, the simulated ones included. */
export function metricKindOf(key: string): QuantityKind {
  const known = METRICS.find((m) => m.key === key)?.kind;
  if (known) return known;
  return key === 'sim-anode-min' ? 'voltage' : key === 'sim-capacity' ? 'capacity' : 'fraction';
}

/** A number with an optional unit of `kind` ("18.4 mg/cm2", "20um", "8 %"), in SI. */
export function quantityText(text: string, kind: QuantityKind, what: string): number {
  const m = /^\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*(.*?)\s*$/i.exec(text);
  if (!m) throw new StudyError(`${what}: '${text}' is not a number`);
  const value = Number(m[1]);
  const unit = m[2]!;
  if (unit === '') return kind === 'fraction' && value > 1 ? value / 100 : value;
  try {
    return toSI(value, unit === '%' ? 'percent' : unit, kind);
  } catch (error) {
    throw new StudyError(`${what}: ${(error as Error).message}`, { cause: error });
  }
}

function variableKindOf(path: string): QuantityKind {
  const variable = findVariable(path);
  if (!variable) throw new StudyError(`'${path}' is not a design variable`);
  return variable.kind as QuantityKind;
}

/** `cathode.loading=15..25/6 mg/cm2` (6 evenly spaced values) or `cathode.loading=15,20,25 mg/cm2`. */
export function parseAxisText(text: string): SweepAxis {
  const m = /^([a-z.]+)\s*=\s*(.+)$/.exec(text.trim());
  if (!m) throw new StudyError(`an axis needs PATH=VALUES such as cathode.loading=15..25/6 mg/cm2 (got '${text}')`);
  const path = m[1]!;
  const kind = variableKindOf(path);
  const spec = m[2]!.trim();
  const range = /^(-?[\d.e+-]+)\s*\.\.\s*(-?[\d.e+-]+)\s*\/\s*(\d+)\s*(.*)$/i.exec(spec);
  if (range) {
    const count = Number(range[3]);
    if (!(count >= 1 && count <= 100_000)) throw new StudyError(`${path}: the count must be 1 to 100000`);
    const from = quantityText(`${range[1]} ${range[4]}`, kind, path);
    const to = quantityText(`${range[2]} ${range[4]}`, kind, path);
    const values = Array.from({ length: count }, (_, i) =>
      count === 1 ? from : from + ((to - from) * i) / (count - 1),
    );
    return { path, values };
  }
  const list = /^([-\d.e+,\s]+?)\s*([^\d\s,.][^,]*)?$/i.exec(spec);
  if (!list) throw new StudyError(`${path}: cannot read '${spec}'`);
  const unit = list[2] ?? '';
  const values = list[1]!
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .map((v) => quantityText(`${v} ${unit}`, kind, path));
  return { path, values };
}

/** `np>=1.05`, `ed-stack>=800 Wh/L`, `sim-anode-min>=0 V`. */
export function parseConstraintText(text: string): SweepConstraint {
  const m = /^([a-z-]+)\s*(>=|<=)\s*(.+)$/.exec(text.trim());
  if (!m) throw new StudyError(`a constraint needs METRIC>=VALUE or METRIC<=VALUE (got '${text}')`);
  const metric = m[1]!;
  return { metric, op: m[2] as '>=' | '<=', value: quantityText(m[3]!, metricKindOf(metric), metric) };
}

/** `max:ed-stack` or `min:sim-anode-min`. */
export function parseObjectiveText(text: string): SweepObjective {
  const m = /^(max|min):([a-z-]+)$/.exec(text.trim());
  if (!m) throw new StudyError(`an objective needs max:METRIC or min:METRIC (got '${text}')`);
  return { direction: m[1] as 'max' | 'min', metric: m[2]! };
}

/** `6C`, `6 C`, `C/10`. */
export function parseRateText(text: string): number {
  const t = text.trim();
  const fraction = /^C\s*\/\s*(\d+(?:\.\d+)?)$/.exec(t);
  const multiple = /^(\d+(?:\.\d+)?|\.\d+)\s*C?$/.exec(t);
  const rate = fraction ? 1 / Number(fraction[1]) : multiple ? Number(multiple[1]) : NaN;
  if (!(rate > 0) || !Number.isFinite(rate))
    throw new StudyError(`a C-rate such as 6C or C/10 is needed (got '${text}')`);
  return rate;
}

const KEYS = ['cell', 'vary', 'constraints', 'objectives', 'charge', 'discharge', 'toSoc', 'model', 'plot'];

/**
 * A study from its JSON form:
 *   { "cell": "NGSC6C", "vary": ["cathode.loading=30..45/4 mg/cm2", …],
 *     "constraints": ["np>=1.05", …], "objectives": ["max:ed-stack", …],
 *     "charge": "6C", "toSoc": "80 %", "model": "p2d", "plot": { "x": "ed-stack", "y": "sim-anode-min" } }
 * Throws a StudyError naming what is wrong.
 */
export function parseStudy(json: unknown): SweepStudy {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new StudyError('a sweep study is a JSON object');
  const o = json as Record<string, unknown>;
  for (const key of Object.keys(o)) if (!KEYS.includes(key)) throw new StudyError(`unknown key '${key}'`);
  const strings = (key: string): string[] => {
    const v = o[key] ?? [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
      throw new StudyError(`'${key}' is a list of strings`);
    return v as string[];
  };
  const text = (key: string): string | undefined => {
    const v = o[key];
    if (v !== undefined && typeof v !== 'string') throw new StudyError(`'${key}' is a string`);
    return v;
  };
  const cell = text('cell');
  if (!cell) throw new StudyError("'cell' names the cell or variant swept");
  const axes = strings('vary').map(parseAxisText);
  if (axes.length === 0) throw new StudyError("'vary' needs at least one axis");
  const constraints = strings('constraints').map(parseConstraintText);
  const objectives = strings('objectives').map(parseObjectiveText);
  const charge = text('charge');
  const discharge = text('discharge');
  if (charge && discharge) throw new StudyError("give 'charge' or 'discharge', not both");
  const model = text('model') ?? 'p2d';
  if (model !== 'p2d' && model !== 'reduced') throw new StudyError("'model' is p2d or reduced");
  const toSoc = text('toSoc');
  const simulation: SweepSimulation | undefined = charge
    ? {
        direction: 'charge',
        rate: parseRateText(charge),
        fidelity: model,
        ...(toSoc !== undefined ? { targetSoc: quantityText(toSoc, 'fraction', 'toSoc') } : {}),
      }
    : discharge
      ? { direction: 'discharge', rate: parseRateText(discharge), fidelity: model }
      : undefined;
  const plot = o['plot'] as { x?: unknown; y?: unknown } | undefined;
  const x = typeof plot?.x === 'string' ? plot.x : (objectives[0]?.metric ?? 'ed-stack');
  const y = typeof plot?.y === 'string' ? plot.y : (objectives[1]?.metric ?? 'np');
  return { cell, axes, constraints, objectives, ...(simulation ? { simulation } : {}), plot: { x, y } };
}
