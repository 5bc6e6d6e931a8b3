/**
 * Analyses declared in a spec (discharge at rates, fast charge to a SOC, rate and temperature
 * sweeps, thermal run), run on a cell of the IR, with findings in an engineer's words.
 */
import { STOPPED_CLOCK, type Clock } from '../clock.js';
import type { AnalysisIR, CellIR, ModelFidelity } from '../ir.js';
import { REFERENCE_TEMPERATURE } from './constants.js';
import { parametersFromCell } from './from-cell.js';
import type { CellModel } from './model.js';
import {
  operate,
  constantCurrentCharge,
  constantCurrentDischarge,
  type OperationStep,
  type SimulationResult,
  type StopCondition,
} from './operation.js';
import { P2DModel } from './p2d.js';
import { extrapolations, type Extrapolation, type ModelParameters } from './parameters.js';
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
  /** Duration of the run, s. */
  readonly duration: number;
  /** CC-CV charge: SOC where the constant-current part ended (the voltage limit was reached). */
  readonly constantCurrentEndSoc?: number;
  /** Ranges of sourced or fitted values the run lies outside (see `ModelParameters.validity`). */
  readonly extrapolations: readonly Extrapolation[];
  /** A non-physical voltage in the curve (not finite, negative, or far outside the window), in words. */
  readonly nonPhysical?: string;
  readonly result: SimulationResult;
}

/** Fast charge as the field states it: time between two SOCs at a rate, plating margin, heating. */
export interface FastChargeResult {
  readonly rate: number;
  readonly fromSoc: number;
  readonly toSoc: number;
  /** Time from `fromSoc` to `toSoc` by CC-CV, s; absent when the target is not reached. */
  readonly time?: number;
  /** Lowest anode potential vs Li/Li⁺ during the charge, V (plating is possible below 0). */
  readonly minAnodePotential: number;
  /** Temperature rise of the cell over the charge (lumped thermal model), K. */
  readonly temperatureRise: number;
  /** Highest C-rate whose CC-CV charge keeps the anode above 0 V vs Li (bisection to 2 %), when searched. */
  readonly highestPlatingFreeRate?: number;
  readonly run: AnalysisRun;
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
  /** Fast-charge analyses: one summary per rate (its run is in `runs`). */
  readonly fastCharge?: readonly Omit<FastChargeResult, 'run'>[];
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
/** `C/10`, `2C`; a rate too small for `C/n` (1/r overflows to Infinity) as `5e-323C`. */
export const rateLabel = (r: number) =>
  r < 1 && r > 0 ? (Number.isFinite(1 / r) ? `C/${+(1 / r).toFixed(2)}` : `${r.toPrecision(3)}C`) : `${+r.toFixed(3)}C`;

export interface RunOptions {
  readonly direction: 'charge' | 'discharge';
  readonly rate: number;
  readonly temperature?: number;
  readonly targetSoc?: number;
  /** SOC at the start, 0..1 (default 0 for a charge, 1 for a discharge). */
  readonly startSoc?: number;
  /**
   * A charge is CC-CV as cyclers run it (default): constant current to the upper voltage limit,
   * then constant voltage until the current falls to `cutoffRate`·1C (default C/20), the target
   * SOC is reached or `cvTime` (s) has passed. `false`: constant current only.
   */
  readonly constantVoltage?: boolean;
  readonly cutoffRate?: number;
  readonly cvTime?: number;
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
  const oneC = p.oneCCurrent;
  const socEnd: StopCondition[] =
    options.targetSoc !== undefined ? [{ quantity: 'soc', value: options.targetSoc }] : [];
  const steps: OperationStep[] = charge
    ? [
        constantCurrentCharge(oneC, options.rate, socEnd),
        ...(options.constantVoltage === false
          ? []
          : [
              {
                mode: 'voltage' as const,
                value: p.voltageMax,
                until: [
                  ...socEnd,
                  { quantity: 'current' as const, value: (options.cutoffRate ?? 0.05) * oneC },
                  ...(options.cvTime !== undefined ? [{ quantity: 'time' as const, value: options.cvTime }] : []),
                ],
              },
            ]),
      ]
    : [constantCurrentDischarge(oneC, options.rate)];
  const startSoc = options.startSoc ?? (charge ? 0 : 1);
  const startTemperature = options.thermal ? params.thermal.ambient : T;
  // A rate that is not a positive number never reaches a limit, and outside the models'
  // temperature range their rate laws mean nothing (or overflow): say so instead of running.
  const [lowest, highest] = MODEL_TEMPERATURE_RANGE;
  const refusal = !(options.rate > 0 && Number.isFinite(options.rate))
    ? `the C-rate must be a positive number (got ${options.rate})`
    : !(startTemperature >= lowest && startTemperature <= highest)
      ? `the models hold from ${celsius(lowest)} to ${celsius(highest)}; ${celsius(startTemperature)} is outside`
      : undefined;
  const ran = operate(model, refusal === undefined ? steps : [], {
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
  const ccEnd = charge && result.stepEnds.length > 1 ? result.soc[result.stepEnds[0]!.index] : undefined;
  const nonPhysical = result.outOfBounds ?? nonPhysicalVoltage(result.voltage, p);
  return {
    label: `${rateLabel(options.rate)} ${options.direction}${charge && options.constantVoltage !== false ? ' (CC-CV)' : ''} at ${celsius(startTemperature)}${options.thermal ? ' (thermal)' : ''}`,
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
    duration: result.time[result.time.length - 1] ?? 0,
    ...(ccEnd !== undefined ? { constantCurrentEndSoc: ccEnd } : {}),
    extrapolations: refusal === undefined ? extrapolations(p, startTemperature, options.rate) : [],
    ...(nonPhysical ? { nonPhysical } : {}),
    result,
  };
}

/**
 * A voltage no cell shows: not finite, below 0 V, or more than 1 V above the cell's window.
 * Under load a resistive cell may sit anywhere between 0 V and its lower cut-off on the first
 * step (a cold cell's IR drop): that is a cell that delivers nothing at this rate, reported as
 * "no capacity", not a voltage the parameters cannot mean.
 */
function nonPhysicalVoltage(voltage: readonly number[], p: ModelParameters): string | undefined {
  for (const v of voltage) {
    if (!Number.isFinite(v)) return 'the voltage is not a number';
    if (v < 0 || v > p.voltageMax + 1)
      return `a voltage of ${v.toFixed(2)} V, outside any physical range for a ${p.voltageMin}–${p.voltageMax} V cell`;
  }
  return undefined;
}

/**
 * Fast charge by CC-CV from `fromSoc` to `toSoc` at `rate`, with the lumped thermal model from
 * the cell's temperature: the time, the lowest anode potential vs Li/Li⁺ and the temperature rise.
 * With `searchHighestRate`, also the highest rate (to 2 %) whose CC-CV charge reaches `toSoc`
 * with the anode above 0 V vs Li and whose CC part carries at least 1 % SOC, by bisection between C/10 and 4× the given rate (it assumes the
 * lowest anode potential falls as the rate rises, as it does once the CC part ends at the voltage
 * limit: the CV part only lowers the current).
 */
export function fastCharge(
  p: ModelParameters,
  options: {
    readonly rate: number;
    readonly fromSoc?: number;
    readonly toSoc?: number;
    readonly temperature?: number;
    readonly fidelity?: ModelFidelity;
    readonly searchHighestRate?: boolean;
    readonly isCancelled?: () => boolean;
  },
): FastChargeResult {
  const fromSoc = options.fromSoc ?? 0.1;
  const toSoc = options.toSoc ?? 0.8;
  const ambient = options.temperature ?? p.temperature;
  const charge = (rate: number) =>
    runConstantCurrent(p, {
      direction: 'charge',
      rate,
      startSoc: fromSoc,
      targetSoc: toSoc,
      thermal: true,
      ambient,
      temperature: ambient,
      ...(options.fidelity ? { fidelity: options.fidelity } : {}),
      ...(options.isCancelled ? { isCancelled: options.isCancelled } : {}),
    });
  const run = charge(options.rate);
  const reached = run.endSoc >= toSoc - 1e-3 && !run.result.failure;
  let highest: number | undefined;
  if (options.searchHighestRate) {
    const safe = (r: number) => {
      const c = charge(r);
      // The rate must flow: a CC part that meets the voltage limit at once is a CV charge, not that rate.
      const ccSoc = c.constantCurrentEndSoc ?? c.endSoc;
      return !c.result.failure && c.minAnodePotential >= 0 && c.endSoc >= toSoc - 0.01 && ccSoc >= fromSoc + 0.01;
    };
    let lo = 0.1,
      hi = 4 * options.rate;
    if (!safe(lo)) highest = 0;
    else if (safe(hi)) highest = hi;
    else {
      while (hi / lo > 1.02 && !options.isCancelled?.()) {
        const mid = Math.sqrt(lo * hi);
        if (safe(mid)) lo = mid;
        else hi = mid;
      }
      highest = lo;
    }
  }
  return {
    rate: options.rate,
    fromSoc,
    toSoc,
    ...(reached ? { time: run.duration } : {}),
    minAnodePotential: run.minAnodePotential,
    temperatureRise: run.maxTemperature - ambient,
    ...(highest !== undefined ? { highestPlatingFreeRate: highest } : {}),
    run,
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
  const fastCharges: Omit<FastChargeResult, 'run'>[] = [];
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
      if (analysis.fastCharge) {
        const rates = analysis.rates.length ? analysis.rates : [1];
        const top = Math.max(...rates);
        for (const rate of rates) {
          const fc = fastCharge(p, {
            rate,
            fromSoc: analysis.fromSoc ?? 0.1,
            toSoc: analysis.targetSoc ?? 0.8,
            temperature: analysis.temperature ?? cellTemperature,
            fidelity,
            searchHighestRate: rate === top,
            ...cancel,
          });
          runs.push(fc.run);
          const { run: _run, ...summary } = fc;
          fastCharges.push(summary);
        }
        break;
      }
      for (const rate of analysis.rates)
        runs.push(
          runConstantCurrent(p, {
            direction: 'charge',
            rate,
            temperature: analysis.temperature ?? cellTemperature,
            targetSoc: analysis.targetSoc ?? 1,
            ...(analysis.fromSoc !== undefined ? { startSoc: analysis.fromSoc } : {}),
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
    if (run.result.failure && run.result.failure !== run.nonPhysical)
      findings.push({ severity: 'warning', message: `${run.label}: ${run.result.failure}` });
    if (run.nonPhysical)
      findings.push({
        severity: 'error',
        message: `${run.label}: ${run.nonPhysical} — the parameters do not describe a working cell here`,
      });
    if (run.direction === 'charge') {
      const target = analysis.type === 'charge' ? (analysis.targetSoc ?? (analysis.fastCharge ? 0.8 : 1)) : 1;
      // Lithium plates on a lithium-metal anode by design: the graphite plating risk does not apply.
      if (run.platingFromSoc !== undefined && p.negative.type !== 'lithium-metal') {
        findings.push({
          severity: 'warning',
          message: `${rateLabel(run.rate)} charge: anode potential below 0 V vs Li from ${(run.platingFromSoc * 100).toFixed(0)} % SOC — plating risk`,
        });
      }
      if (run.endSoc < target - 0.01) {
        findings.push({
          severity: run.endSoc - (run.result.soc[0] ?? 0) < 0.01 ? 'warning' : 'info',
          message: `${rateLabel(run.rate)} charge reaches only ${(run.endSoc * 100).toFixed(0)} % SOC (target ${(target * 100).toFixed(0)} %): the current tapers below its cut-off at the ${p.voltageMax} V limit`,
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
  // One warning per analysis for what its runs extrapolate: which runs, which values, which ranges.
  const extrapolated = new Map<string, Set<string>>();
  for (const run of runs)
    for (const e of run.extrapolations) {
      const key = `${e.what} (${e.range})`;
      if (!extrapolated.has(key)) extrapolated.set(key, new Set());
      extrapolated.get(key)!.add(e.at);
    }
  if (extrapolated.size > 0) {
    const at = [...new Set([...extrapolated.values()].flatMap((s) => [...s]))];
    findings.push({
      severity: 'warning',
      message: `results at ${at.join(', ')} extrapolate values beyond the range they were measured or fitted over: ${[...extrapolated.keys()].join('; ')}. State values for this range to remove the warning.`,
    });
  }
  for (const fc of fastCharges) {
    const span = `${(fc.fromSoc * 100).toFixed(0)} → ${(fc.toSoc * 100).toFixed(0)} % SOC`;
    findings.push({
      severity: 'info',
      message:
        `${rateLabel(fc.rate)} CC-CV fast charge ${span}: ${fc.time !== undefined ? `${(fc.time / 60).toFixed(1)} min` : 'target not reached'}, ` +
        `anode ≥ ${(fc.minAnodePotential * 1000).toFixed(0)} mV vs Li, +${fc.temperatureRise.toFixed(1)} K` +
        (fc.highestPlatingFreeRate !== undefined
          ? `; highest rate keeping the anode above 0 V vs Li: ${fc.highestPlatingFreeRate > 0 ? rateLabel(fc.highestPlatingFreeRate) : 'none down to C/10'}`
          : ''),
    });
  }
  return {
    analysis: analysis.name,
    type: analysis.type,
    model: fidelity === 'reduced' ? 'spme' : 'p2d',
    runs,
    ...(fastCharges.length ? { fastCharge: fastCharges } : {}),
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
