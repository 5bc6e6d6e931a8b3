/**
 * Analyses declared in a spec (discharge at rates, fast charge to a SOC, rate and temperature
 * sweeps, thermal run), run on a cell of the IR, with findings in an engineer's words.
 */
import { STOPPED_CLOCK, type Clock } from '../clock.js';
import type { AnalysisIR, CellIR, ModelFidelity } from '../ir.js';
import { REFERENCE_TEMPERATURE } from './constants.js';
import { parametersFromCell } from './from-cell.js';
import type { CellModel } from './model.js';
import { operate, constantCurrentCharge, constantCurrentDischarge, type SimulationResult } from './operation.js';
import { P2DModel } from './p2d.js';
import type { ModelParameters } from './parameters.js';
import { SPMeModel } from './spme.js';

export interface AnalysisRun {
  /** "1C discharge at 25 °C" */
  readonly label: string;
  readonly direction: 'charge' | 'discharge';
  readonly rate: number;
  /** K */
  readonly temperature: number;
  readonly thermal: boolean;
  /** Ah, positive in the step's direction. */
  readonly capacity: number;
  /** Wh, positive in the step's direction. */
  readonly energy: number;
  readonly meanVoltage: number;
  readonly endSoc: number;
  readonly maxTemperature: number;
  /** SOC (0..1) where the anode first fell below 0 V vs Li/Li⁺ on a charge. */
  readonly platingFromSoc?: number;
  readonly minAnodePotential: number;
  readonly result: SimulationResult;
}

export interface Finding {
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
}

export interface AnalysisOutcome {
  readonly analysis: string;
  readonly type: AnalysisIR['type'];
  readonly model: 'p2d' | 'spme';
  readonly runs: readonly AnalysisRun[];
  readonly findings: readonly Finding[];
  readonly wallMs: number;
}

export interface CellAnalyses {
  readonly cell: string;
  readonly assumptions: readonly string[];
  readonly problems: readonly string[];
  readonly outcomes: readonly AnalysisOutcome[];
}

export function makeModel(p: ModelParameters, fidelity: ModelFidelity = 'p2d'): CellModel {
  return fidelity === 'reduced' ? new SPMeModel(p) : new P2DModel(p);
}

/**
 * Start temperatures the models run at, K: −100 °C to 200 °C. Transport and kinetics follow
 * Arrhenius laws fitted near room temperature; far below −100 °C they vanish (a sulfide
 * electrolyte's conductivity falls by many orders, the terminal voltage overflows), and above
 * 200 °C a cell has failed (lithium melts at 180.5 °C, sulfide electrolytes decompose).
 */
export const MODEL_TEMPERATURE_RANGE = [173.15, 473.15] as const;

const celsius = (T: number) => `${+(T - 273.15).toFixed(1)} °C`;
export const rateLabel = (r: number) => (r < 1 && r > 0 ? `C/${+(1 / r).toFixed(2)}` : `${+r.toFixed(3)}C`);

export interface RunOptions {
  readonly direction: 'charge' | 'discharge';
  readonly rate: number;
  readonly temperature?: number;
  readonly targetSoc?: number;
  readonly thermal?: boolean;
  readonly fidelity?: ModelFidelity;
  readonly ambient?: number;
  readonly heatTransferCoefficient?: number;
  readonly isCancelled?: () => boolean;
  /** Wall-time budget of the run, ms (default the model's `MODEL_RUN_BUDGET_MS`). */
  readonly timeBudgetMs?: number;
  /** The clock the budget reads (default: stopped, so no budget applies). */
  readonly clock?: Clock;
}

/** One constant-current run: discharge from 100 % SOC, or charge from 0 % to a target SOC. */
export function runConstantCurrent(p: ModelParameters, options: RunOptions): AnalysisRun {
  const T = options.temperature ?? p.temperature;
  let params = p;
  if (options.ambient !== undefined || options.heatTransferCoefficient !== undefined) {
    const h = options.heatTransferCoefficient;
    const heatTransfer =
      h === undefined
        ? p.thermal.heatTransfer
        : p.thermal.coolingArea !== undefined
          ? h * p.thermal.coolingArea
          : p.thermal.heatTransfer * (h / 10);
    params = { ...p, thermal: { ...p.thermal, ambient: options.ambient ?? p.thermal.ambient, heatTransfer } };
  }
  const model = makeModel(params, options.fidelity);
  const charge = options.direction === 'charge';
  const step = charge
    ? constantCurrentCharge(
        p.oneCCurrent,
        options.rate,
        options.targetSoc !== undefined ? [{ quantity: 'soc', value: options.targetSoc }] : [],
      )
    : constantCurrentDischarge(p.oneCCurrent, options.rate);
  const startSoc = charge ? 0 : 1;
  const startTemperature = options.thermal ? params.thermal.ambient : T;
  // A rate that is not a positive number never reaches a limit, and outside the models'
  // temperature range their rate laws mean nothing (or overflow): say so instead of running.
  const [lowest, highest] = MODEL_TEMPERATURE_RANGE;
  const refusal = !(options.rate > 0 && Number.isFinite(options.rate))
    ? `the C-rate must be a positive number (got ${options.rate})`
    : !(startTemperature >= lowest && startTemperature <= highest)
      ? `the models hold from ${celsius(lowest)} to ${celsius(highest)}; ${celsius(startTemperature)} is outside`
      : undefined;
  const ran = operate(model, refusal === undefined ? [step] : [], {
    // (A refused run only sets up the rest state its summary reads: at 25 °C, where the model holds.)
    initialSoc: startSoc,
    temperature: refusal === undefined ? startTemperature : REFERENCE_TEMPERATURE,
    thermal: options.thermal ?? false,
    ...(options.isCancelled ? { isCancelled: options.isCancelled } : {}),
    ...(options.timeBudgetMs !== undefined ? { timeBudgetMs: options.timeBudgetMs } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const result = refusal === undefined ? ran : { ...ran, failure: refusal };
  const sign = charge ? -1 : 1;
  const capacity = sign * result.dischargedCapacity;
  const energy = sign * result.energy;
  const below = charge ? result.anodePotential.findIndex((v) => v < 0) : -1;
  // A run that recorded nothing (refused, or its first step failed) is summarised by the rest
  // state it started from, set up again (a failed step leaves the model's state undefined); one
  // that delivered no charge has as its mean the voltage it started at (the limit of energy /
  // capacity as the capacity goes to 0). So no summary is NaN or ±∞.
  if (result.voltage.length === 0)
    model.initialise(startSoc, refusal === undefined ? startTemperature : REFERENCE_TEMPERATURE);
  const startVoltage = result.voltage[0] ?? model.openCircuitVoltage();
  return {
    label: `${rateLabel(options.rate)} ${options.direction} at ${celsius(startTemperature)}${options.thermal ? ' (thermal)' : ''}`,
    direction: options.direction,
    rate: options.rate,
    temperature: T,
    thermal: options.thermal ?? false,
    capacity,
    energy,
    meanVoltage: capacity > 0 ? energy / capacity : startVoltage,
    endSoc: result.soc[result.soc.length - 1] ?? startSoc,
    maxTemperature: result.temperature.reduce((a, b) => Math.max(a, b), startTemperature),
    ...(below >= 0 ? { platingFromSoc: result.soc[below]! } : {}),
    minAnodePotential:
      result.anodePotential.length > 0 ? result.anodePotential.reduce((a, b) => Math.min(a, b)) : model.anodePotential,
    result,
  };
}

/** Runs one declared analysis. */
export function runAnalysis(
  p: ModelParameters,
  analysis: AnalysisIR,
  cellTemperature = p.temperature,
  isCancelled?: () => boolean,
  clock: Clock = STOPPED_CLOCK,
): AnalysisOutcome {
  const started = clock();
  const fidelity = analysis.model ?? 'p2d';
  const cancel = isCancelled ? { isCancelled, clock } : { clock };
  const runs: AnalysisRun[] = [];
  const findings: Finding[] = [];
  const nominal = p.oneCCurrent; // A, i.e. Ah per hour at 1C
  switch (analysis.type) {
    case 'discharge':
    case 'rate-sweep':
      for (const rate of analysis.rates)
        runs.push(
          runConstantCurrent(p, {
            direction: 'discharge',
            rate,
            temperature: analysis.temperature ?? cellTemperature,
            fidelity,
            ...cancel,
          }),
        );
      break;
    case 'charge':
      for (const rate of analysis.rates)
        runs.push(
          runConstantCurrent(p, {
            direction: 'charge',
            rate,
            temperature: analysis.temperature ?? cellTemperature,
            targetSoc: analysis.targetSoc ?? 1,
            fidelity,
            ...cancel,
          }),
        );
      break;
    case 'temperature-sweep':
      for (const T of analysis.temperatures)
        runs.push(
          runConstantCurrent(p, { direction: 'discharge', rate: analysis.rate, temperature: T, fidelity, ...cancel }),
        );
      break;
    case 'thermal':
      runs.push(
        runConstantCurrent(p, {
          direction: 'discharge',
          rate: analysis.rate,
          thermal: true,
          fidelity,
          ...cancel,
          ...(analysis.ambient !== undefined ? { ambient: analysis.ambient } : {}),
          ...(analysis.heatTransferCoefficient !== undefined
            ? { heatTransferCoefficient: analysis.heatTransferCoefficient }
            : {}),
        }),
      );
      break;
  }
  for (const run of runs) {
    if (run.result.failure) findings.push({ severity: 'warning', message: `${run.label}: ${run.result.failure}` });
    if (run.direction === 'charge') {
      const target = analysis.type === 'charge' ? (analysis.targetSoc ?? 1) : 1;
      if (run.platingFromSoc !== undefined) {
        findings.push({
          severity: 'warning',
          message: `${rateLabel(run.rate)} charge: anode potential below 0 V vs Li from ${(run.platingFromSoc * 100).toFixed(0)} % SOC — plating risk`,
        });
      }
      if (run.endSoc < target - 0.01) {
        findings.push({
          severity: 'info',
          message: `${rateLabel(run.rate)} charge reaches only ${(run.endSoc * 100).toFixed(0)} % SOC before the ${p.voltageMax} V limit (target ${(target * 100).toFixed(0)} %)`,
        });
      }
    } else if (run.capacity < 0.01 * nominal) {
      findings.push({
        severity: 'warning',
        message: `${run.label}: no capacity — the voltage is below the ${p.voltageMin} V limit as soon as the current flows (the cell's resistance is too high for this rate and temperature)`,
      });
    } else {
      const share = run.capacity / nominal;
      findings.push({
        severity: 'info',
        message: `${run.label}: ${(run.capacity * 1000).toPrecision(3)} mAh (${(share * 100).toFixed(0)} % of nominal), mean ${run.meanVoltage.toFixed(2)} V${run.thermal ? `, peak ${celsius(run.maxTemperature)}` : ''}`,
      });
    }
  }
  return {
    analysis: analysis.name,
    type: analysis.type,
    model: fidelity === 'reduced' ? 'spme' : 'p2d',
    runs,
    findings,
    wallMs: clock() - started,
  };
}

/** All analyses declared on a cell; stops early (fewer outcomes) when `isCancelled` turns true. */
export function runCellAnalyses(cell: CellIR, isCancelled?: () => boolean, clock: Clock = STOPPED_CLOCK): CellAnalyses {
  const mapped = parametersFromCell(cell);
  if (!mapped.parameters)
    return { cell: cell.name, assumptions: mapped.assumptions, problems: mapped.problems, outcomes: [] };
  const outcomes: AnalysisOutcome[] = [];
  for (const a of cell.analyses) {
    if (isCancelled?.()) break;
    outcomes.push(runAnalysis(mapped.parameters, a, cell.temperature, isCancelled, clock));
  }
  return { cell: cell.name, assumptions: mapped.assumptions, problems: mapped.problems, outcomes };
}
