/**
 * Property-based fuzzing of the cell models. A case is a resolved example cell with varied
 * geometry, loadings, porosities, separator, conductivity, temperature and nominal capacity
 * (zero, negative and huge values included: the IR is plain numbers and allows them), run as
 * the CLI's `simulate` runs it (one constant-current charge or discharge) or as the editor's
 * analysis worker does (`runCellAnalyses` with a declared analysis).
 *
 * The property: every case either solves (finite voltages, capacity ≥ 0) or returns a clear
 * reason (a problem of the cell, a solver failure), within the time budget — never an
 * exception, never NaN or Infinity in a result or a message.
 */
import fc from 'fast-check';
import {
  parametersFromCell,
  runCellAnalyses,
  runConstantCurrent,
  MODEL_RUN_BUDGET_MS,
  type AnalysisIR,
  type AnalysisRun,
  type CellIR,
  type ModelFidelity,
} from '@cellspec/physics';
import { nonFiniteNumbers } from '../fuzz/non-finite.js';

/**
 * Wall time one case may take. A case is at most three model runs, each stopped by the model's
 * own budget (`MODEL_RUN_BUDGET_MS`), plus parameter mapping; the margin covers a busy machine.
 */
export const CASE_BUDGET_MS = 3 * MODEL_RUN_BUDGET_MS + 5_000;

/** Factors a stated quantity is multiplied by: degenerate, tiny, ordinary, huge, negative. */
const scale = fc.oneof(
  { weight: 6, arbitrary: fc.constant(1) },
  { weight: 6, arbitrary: fc.double({ min: 0.2, max: 5, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1e-9, 1e-3, 0.05, 20, 1e3, 1e9, -1, -1e-3) },
);
const porosity = fc.option(
  fc.oneof(
    { weight: 6, arbitrary: fc.double({ min: 0.02, max: 0.6, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(0, 1e-6, 0.999, 1, -0.1, 1.5) },
  ),
  { nil: undefined, freq: 2 },
);
/** Kelvin: a climate chamber's range, and values no chamber reaches (0 K, below it, a furnace). */
const temperature = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: 233.15, max: 353.15, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(1, 0, -5, 173.15, 473.15, 1e4) },
);
/** C-rates: ordinary, extreme, zero and negative. */
const rate = fc.oneof(
  { weight: 10, arbitrary: fc.double({ min: 0.05, max: 5, noNaN: true }) },
  { weight: 2, arbitrary: fc.constantFrom(1e-4, 0.01, 10, 20, 50, 100, 1e4, 1e9) },
  { weight: 1, arbitrary: fc.constantFrom(0, -1) },
);
const fidelity = fc.constantFrom<ModelFidelity>('p2d', 'reduced');

export interface ElectrodeEdit {
  readonly loading: number;
  readonly thickness: number;
  readonly porosity?: number | undefined;
}

export interface ModelCase {
  readonly cell: number;
  readonly cathode: ElectrodeEdit;
  readonly anode: ElectrodeEdit;
  readonly separatorThickness: number;
  readonly conductivity: number;
  readonly capacity: number;
  readonly temperature?: number | undefined;
  readonly run:
    | {
        readonly type: 'constant-current';
        readonly direction: 'charge' | 'discharge';
        readonly rate: number;
        readonly fidelity: ModelFidelity;
        readonly temperature?: number | undefined;
        readonly targetSoc?: number | undefined;
      }
    | { readonly type: 'analysis'; readonly analysis: AnalysisIR };
}

const electrodeEdit: fc.Arbitrary<ElectrodeEdit> = fc.record(
  { loading: scale, thickness: scale, porosity },
  { requiredKeys: ['loading', 'thickness'] },
);

const analysis: fc.Arbitrary<AnalysisIR> = fc.oneof(
  fc.record({
    type: fc.constant('discharge' as const),
    name: fc.constant('fuzz'),
    rates: fc.array(rate, { minLength: 1, maxLength: 3 }),
    model: fidelity,
  }),
  fc.record({
    type: fc.constant('charge' as const),
    name: fc.constant('fuzz'),
    rates: fc.array(rate, { minLength: 1, maxLength: 3 }),
    targetSoc: fc.constantFrom(0.8, 1, 0, 1.5, -0.2),
    model: fidelity,
  }),
  fc.record({
    type: fc.constant('temperature-sweep' as const),
    name: fc.constant('fuzz'),
    temperatures: fc.array(temperature, { minLength: 1, maxLength: 3 }),
    rate,
    model: fidelity,
  }),
  fc.record({
    type: fc.constant('thermal' as const),
    name: fc.constant('fuzz'),
    rate,
    ambient: temperature,
    heatTransferCoefficient: fc.constantFrom(0, 1, 10, 100, 1e6, -5),
    model: fidelity,
  }),
);

export function modelCaseArb(cellCount: number): fc.Arbitrary<ModelCase> {
  return fc.record(
    {
      cell: fc.nat({ max: cellCount - 1 }),
      cathode: electrodeEdit,
      anode: electrodeEdit,
      separatorThickness: scale,
      conductivity: scale,
      capacity: scale,
      temperature: fc.option(temperature, { nil: undefined }),
      run: fc.oneof(
        {
          weight: 3,
          arbitrary: fc.record({
            type: fc.constant('constant-current' as const),
            direction: fc.constantFrom('charge' as const, 'discharge' as const),
            rate,
            fidelity,
            temperature: fc.option(temperature, { nil: undefined }),
            targetSoc: fc.option(fc.constantFrom(0.5, 0.8, 1, 0, 1.2), { nil: undefined }),
          }),
        },
        { weight: 1, arbitrary: fc.record({ type: fc.constant('analysis' as const), analysis }) },
      ),
    },
    { requiredKeys: ['cell', 'cathode', 'anode', 'separatorThickness', 'conductivity', 'capacity', 'run'] },
  );
}

/** Case `i` of a run with `seed`: the same index always gives the same case. */
export function nthModelCase(cellCount: number, seed: number, i: number): ModelCase {
  return fc.sample(modelCaseArb(cellCount), { seed: seed + i * 7919, numRuns: 1 })[0]!;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };

/** The case's cell: a copy of the example cell with the case's edits applied to the stated values. */
export function applyCase(base: CellIR, c: ModelCase): CellIR {
  const cell = structuredClone(base) as Mutable<CellIR>;
  const edit = (e: Mutable<CellIR['cathode']>, x: ElectrodeEdit) => {
    if (e.loading !== undefined) e.loading *= x.loading;
    if (e.thickness !== undefined) e.thickness *= x.thickness;
    if (e.arealCapacity !== undefined) e.arealCapacity *= x.loading;
    if (x.porosity !== undefined) e.porosity = x.porosity;
  };
  edit(cell.cathode, c.cathode);
  edit(cell.anode, c.anode);
  if (cell.separator) (cell.separator as { thickness: number }).thickness *= c.separatorThickness;
  for (const m of Object.values(cell.materials)) {
    if (m.properties.ionicConductivity !== undefined) m.properties.ionicConductivity *= c.conductivity;
  }
  if (cell.nominalCapacity !== undefined) cell.nominalCapacity *= c.capacity;
  if (cell.oneCCurrent !== undefined) cell.oneCCurrent *= c.capacity;
  if (c.temperature !== undefined) cell.temperature = c.temperature;
  cell.analyses = c.run.type === 'analysis' ? [c.run.analysis as Mutable<AnalysisIR>] : [];
  return cell as CellIR;
}

export type ModelCaseStatus = 'solved' | 'refused' | 'failed';

export interface ModelCaseOutcome {
  readonly status: ModelCaseStatus;
  /** For 'refused' and 'failed': the reason with its numbers masked, to count by kind. */
  readonly kind: string;
  readonly detail: string;
  readonly ms: number;
}

const NON_FINITE_TEXT = /\bNaN\b|Infinity/;
const mask = (text: string) => text.replace(/-?\d+(\.\d+)?(e[+-]?\d+)?/gi, '#');

/** What is wrong with a finished run, or undefined: the property every run must have. */
function runFault(run: AnalysisRun): string | undefined {
  const bad = nonFiniteNumbers({ ...run, result: { ...run.result, profiles: [] } });
  if (bad.length > 0) return `non-finite: ${bad.slice(0, 3).join(', ')}`;
  if (
    run.result.failure !== undefined &&
    (run.result.failure.trim() === '' || NON_FINITE_TEXT.test(run.result.failure))
  )
    return `unclear failure: '${run.result.failure}'`;
  if (run.result.voltage.length === 0 && run.result.failure === undefined) return 'no result and no reason';
  // Charge passed may round to a hair below zero when a step ends at once.
  if (run.capacity < -1e-9 * Math.max(1, Math.abs(run.result.dischargedCapacity)))
    return `negative capacity ${run.capacity} Ah`;
  return undefined;
}

/** Runs one case and classifies it; never throws. */
export function runModelCase(cells: readonly CellIR[], c: ModelCase): ModelCaseOutcome {
  const started = performance.now();
  const done = (status: ModelCaseStatus, kind: string, detail: string): ModelCaseOutcome => {
    const ms = performance.now() - started;
    if (ms > CASE_BUDGET_MS)
      return {
        status: 'failed',
        kind: 'over the time budget',
        detail: `${ms.toFixed(0)} ms (budget ${CASE_BUDGET_MS} ms); ${status}: ${detail}`,
        ms,
      };
    return { status, kind, detail, ms };
  };
  try {
    const cell = applyCase(cells[c.cell]!, c);
    const runs: AnalysisRun[] = [];
    const messages: string[] = [];
    if (c.run.type === 'constant-current') {
      const mapped = parametersFromCell(cell);
      messages.push(...mapped.problems, ...mapped.assumptions);
      if (!mapped.parameters) {
        const bad = mapped.problems.find((p) => NON_FINITE_TEXT.test(p));
        if (bad) return done('failed', `non-finite in a problem: ${mask(bad)}`, bad);
        if (mapped.problems.length === 0) return done('failed', 'no parameters and no reason', '');
        return done('refused', `cell: ${mask(mapped.problems[0]!)}`, mapped.problems.join('; '));
      }
      const bad = nonFiniteNumbers(mapped.parameters);
      if (bad.length > 0) return done('failed', 'non-finite model parameter', bad.slice(0, 3).join(', '));
      const { direction, rate, fidelity, temperature, targetSoc } = c.run;
      runs.push(
        runConstantCurrent(mapped.parameters, {
          direction,
          rate,
          fidelity,
          ...(temperature !== undefined ? { temperature } : {}),
          ...(targetSoc !== undefined ? { targetSoc } : {}),
        }),
      );
    } else {
      const result = runCellAnalyses(cell);
      messages.push(...result.problems, ...result.assumptions);
      for (const o of result.outcomes) {
        runs.push(...o.runs);
        messages.push(...o.findings.map((f) => f.message));
      }
      if (result.outcomes.length === 0) {
        if (result.problems.length === 0) return done('failed', 'no outcome and no reason', '');
        const bad = result.problems.find((p) => NON_FINITE_TEXT.test(p));
        if (bad) return done('failed', `non-finite in a problem: ${mask(bad)}`, bad);
        return done('refused', `cell: ${mask(result.problems[0]!)}`, result.problems.join('; '));
      }
    }
    const text = messages.find((m) => NON_FINITE_TEXT.test(m));
    if (text) return done('failed', `non-finite in a message: ${mask(text)}`, text);
    for (const run of runs) {
      const fault = runFault(run);
      if (fault) return done('failed', fault.split(':')[0]!, `${run.label}: ${fault}`);
    }
    const failure = runs.find((r) => r.result.failure !== undefined)?.result.failure;
    if (failure !== undefined) return done('refused', `solver: ${mask(failure)}`, failure);
    // A run may solve by meeting its limit at once (no capacity at that rate and temperature).
    const delivered = runs.some(
      (r) =>
        Math.abs(r.result.dischargedCapacity) >
        0.01 * (r.result.current.length ? Math.abs(r.result.current[0]!) / r.rate : 0),
    );
    return done(
      'solved',
      delivered ? 'solved: passes charge' : 'solved: at its limit at once',
      runs.map((r) => `${r.label}: ${(r.capacity * 1000).toPrecision(3)} mAh`).join('; '),
    );
  } catch (e) {
    const error =
      e instanceof Error ? `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}` : String(e);
    return done('failed', `exception: ${mask(error.split('\n')[0]!)}`, error);
  }
}
