/**
 * Fitting model parameters to measured cycler data: nonlinear least squares on the terminal
 * voltage, minimise S(θ) = Σᵢ (V_sim,i(θ) − V_meas,i)² over the samples of every experiment.
 *
 * Scaled parameters: a positive parameter v is fitted as θ = ln(v/v₀) (v₀ its start value), so
 * θ is dimensionless, steps are relative changes, and quantities that span decades (diffusivities,
 * rate constants) are as well conditioned as those that do not.
 *
 * Optimiser: Levenberg–Marquardt from `ml-levenberg-marquardt` (the LM step: solve
 * (JᵀJ + λI) δ = Jᵀr by Cholesky). The library runs one iteration per call here because its own
 * loop keeps moving from a rejected step and stops only at an absolute error (or after its
 * iteration count), neither of which suits data with noise; the loop below rejects a step that
 * does not lower S, adapts λ (÷9 on success, ×11 on failure, the library's factors; start
 * 10⁻³·max diag JᵀJ, Madsen, Nielsen & Tingleff, "Methods for non-linear least squares
 * problems", 2004, §3.2) and stops when S or θ no longer change.
 * The Jacobian is by forward differences (δθ = 10⁻³, backward at an upper bound), which is
 * meaningful because the replay's time steps do not depend on the parameters (replay.ts).
 *
 * Confidence intervals (Bates & Watts, "Nonlinear regression analysis", 1988, §2.3): at the
 * optimum, cov(θ) = s²·(JᵀJ)⁻¹ with s² = S/(n − p); the 95 % interval is θ ± t₀.₉₇₅,ₙ₋ₚ·√cov_kk,
 * mapped back through v = v₀·e^θ (so it is a factor, asymmetric in v). Linearised intervals:
 * they hold where the model is near-linear in θ over the interval.
 *
 * Identifiability: before fitting (at the start values) and at the optimum, J is checked for
 * parameters without effect and parameters that act only in combination (identifiability.ts);
 * after the fit a parameter whose 95 % interval spans more than a factor of 10 either way is not
 * determined by the data. Each stops the fit with a message rather than return a number that
 * means nothing.
 */
import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import { Matrix, inverse } from 'ml-matrix';
import { STOPPED_CLOCK } from '../clock.js';
import type { ModelParameters } from '../models/parameters.js';
import { identifiabilityProblem, scaledConditionNumber, studentT975 } from './identifiability.js';
import type { MeasuredSeries } from './measured.js';
import { fitParameter, type FitParameterDefinition, type SpecTarget } from './parameters.js';
import { replay, segmentCurrent, socAtOpenCircuitVoltage, type ReplayOptions, type Segment } from './replay.js';

/** A 95 % interval wider than this factor either way means the data do not determine the value. */
export const MAX_INTERVAL_FACTOR = 10;
const FINITE_DIFFERENCE = 1e-3;

export interface Experiment {
  readonly series: MeasuredSeries;
  /** SOC at the first sample, 0..1; default: the SOC whose open-circuit voltage is the mean voltage of an opening rest. */
  readonly initialSoc?: number;
}

export interface FitOptions extends ReplayOptions {
  /** Levenberg–Marquardt iterations at most (default 40). */
  readonly maxIterations?: number;
  readonly onProgress?: (progress: FitProgress) => void;
}

export interface FitProgress {
  readonly iteration: number;
  readonly maxIterations: number;
  /** Model runs so far. */
  readonly evaluations: number;
  /** V */
  readonly rmse: number;
}

export interface FittedParameter {
  readonly name: string;
  readonly doc: string;
  readonly unit: { readonly text: string; readonly perSi: number };
  /** Model values, SI. */
  readonly initial: number;
  readonly value: number;
  /** 95 % confidence interval, SI. */
  readonly lower: number;
  readonly upper: number;
  /** Standard error of θ: for a log-scaled parameter, the relative standard error. */
  readonly standardError: number;
  readonly spec: SpecTarget;
  /** The value as the spec states it, SI. */
  readonly specValue: number;
}

export interface ExperimentResiduals {
  readonly label: string;
  readonly initialSoc: number;
  readonly time: readonly number[];
  readonly measured: readonly number[];
  readonly simulated: readonly number[];
  /** simulated − measured, V. */
  readonly residual: readonly number[];
  readonly rmse: number;
}

export interface FitSuccess {
  readonly ok: true;
  readonly parameters: readonly FittedParameter[];
  /** V, over every sample. */
  readonly rmse: number;
  readonly samples: number;
  readonly experiments: readonly ExperimentResiduals[];
  /** Correlation of the fitted parameters (from the covariance of θ). */
  readonly correlation: readonly (readonly number[])[];
  /** σ_max/σ_min of the column-scaled Jacobian at the optimum. */
  readonly conditionNumber: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly wallMs: number;
  readonly fitted: ModelParameters;
}

export interface FitFailure {
  readonly ok: false;
  /** `usage`: the request cannot be fitted as asked; `unidentifiable`: the data cannot determine it. */
  readonly reason: 'usage' | 'unidentifiable' | 'model' | 'not-converged' | 'cancelled';
  readonly message: string;
  /** Values reached before the stop, where there are any (for information, not to be used). */
  readonly parameters?: readonly FittedParameter[];
  readonly rmse?: number;
}

export type FitResult = FitSuccess | FitFailure;

class Cancelled extends Error {}

interface Transform {
  readonly definition: FitParameterDefinition;
  readonly start: number;
  readonly toValue: (theta: number) => number;
  readonly lowerTheta: number;
  readonly upperTheta: number;
}

function transformOf(definition: FitParameterDefinition, current: number): Transform {
  const [low, high] = definition.bounds;
  const raw = current === 0 ? (definition.startWhenZero ?? low) : current;
  const start = Math.min(Math.max(raw, low), high);
  if (definition.scale === 'log')
    return {
      definition,
      start,
      toValue: (theta) => start * Math.exp(theta),
      lowerTheta: Math.log(low / start),
      upperTheta: Math.log(high / start),
    };
  const unit = Math.abs(start) || 1;
  return {
    definition,
    start,
    toValue: (theta) => start + theta * unit,
    lowerTheta: (low - start) / unit,
    upperTheta: (high - start) / unit,
  };
}

/**
 * Fits `names` (fit-parameter names, see `FIT_PARAMETERS`) of `base` to the measured voltage of
 * `experiments`. Pure: no I/O; cancellable through `options.isCancelled`.
 */
export function fitModelParameters(
  base: ModelParameters,
  experiments: readonly Experiment[],
  names: readonly string[],
  options: FitOptions = {},
): FitResult {
  const clock = options.clock ?? STOPPED_CLOCK;
  const started = clock();
  // ---- the request ---------------------------------------------------------------------------------
  if (names.length === 0) return { ok: false, reason: 'usage', message: 'name at least one parameter to fit' };
  const transforms: Transform[] = [];
  for (const name of names) {
    const definition = fitParameter(name);
    if ('error' in definition) return { ok: false, reason: 'usage', message: definition.error };
    if (transforms.some((t) => t.definition === definition))
      return { ok: false, reason: 'usage', message: `${definition.name} is named twice` };
    const current = definition.get(base);
    if (typeof current !== 'number')
      return { ok: false, reason: 'usage', message: `${definition.name}: ${current.notApplicable}` };
    transforms.push(transformOf(definition, current));
  }
  const canonical = transforms.map((t) => t.definition.name);
  if (experiments.length === 0) return { ok: false, reason: 'usage', message: 'no measured data' };
  const samples = experiments.reduce((s, e) => s + e.series.time.length, 0);
  if (samples <= transforms.length + 1)
    return {
      ok: false,
      reason: 'usage',
      message: `${samples} samples cannot determine ${transforms.length} parameters with an uncertainty`,
    };
  const replayOptions: ReplayOptions = { ...options };
  // ---- the experiments' segments and start states ----------------------------------------------
  const prepared: { series: MeasuredSeries; segments: Segment[]; initialSoc: number; offset: number }[] = [];
  let offset = 0;
  for (const experiment of experiments) {
    const series = experiment.series;
    const segments = segmentCurrent(series);
    let initialSoc = experiment.initialSoc;
    if (initialSoc === undefined) {
      if (segments[0]!.current !== 0)
        return {
          ok: false,
          reason: 'usage',
          message: `${series.label}: the data start under load, so the first voltage does not give the state of charge; state the initial SOC`,
        };
      // The mean of the opening rest: its noise averages out (a cell that is still relaxing biases it).
      const first = segments[0]!;
      const restVoltage =
        series.voltage.slice(first.start, first.end).reduce((a, b) => a + b, 0) / (first.end - first.start);
      const T = options.temperature ?? first.temperature ?? base.temperature;
      initialSoc = socAtOpenCircuitVoltage(base, restVoltage, T, replayOptions);
    }
    if (!(initialSoc >= 0 && initialSoc <= 1))
      return { ok: false, reason: 'usage', message: `the initial SOC must be from 0 to 1 (got ${initialSoc})` };
    prepared.push({ series, segments, initialSoc, offset });
    offset += series.time.length;
  }
  const measured = new Float64Array(samples);
  for (const e of prepared) measured.set(e.series.voltage, e.offset);

  // ---- the forward model, remembered per θ ----------------------------------------------------------
  let evaluations = 0;
  let modelFailure: string | undefined;
  const memo = new Map<string, Float64Array>();
  const parametersAt = (theta: readonly number[]) =>
    transforms.reduce((p, t, k) => t.definition.set(p, t.toValue(theta[k]!)), base);
  const simulate = (theta: readonly number[]): Float64Array => {
    const key = theta.join(',');
    const known = memo.get(key);
    if (known) return known;
    if (options.isCancelled?.()) throw new Cancelled();
    const p = parametersAt(theta);
    const voltage = new Float64Array(samples);
    modelFailure = undefined;
    for (const e of prepared) {
      const run = replay(p, e.series, e.segments, e.initialSoc, replayOptions);
      if (run.cancelled) throw new Cancelled();
      if (run.failure && modelFailure === undefined) modelFailure = `${e.series.label}: ${run.failure}`;
      voltage.set(run.voltage, e.offset);
    }
    evaluations++;
    if (memo.size > 4 * transforms.length + 8) memo.delete(memo.keys().next().value!);
    memo.set(key, voltage);
    return voltage;
  };
  const sumOfSquares = (v: Float64Array) => v.reduce((s, x, i) => s + (x - measured[i]!) ** 2, 0);
  const jacobian = (theta: readonly number[]): Matrix => {
    const base0 = simulate(theta);
    const J = new Matrix(samples, transforms.length);
    transforms.forEach((t, k) => {
      const h = theta[k]! + FINITE_DIFFERENCE > t.upperTheta ? -FINITE_DIFFERENCE : FINITE_DIFFERENCE;
      const shifted = theta.slice();
      shifted[k] = theta[k]! + h;
      const v = simulate(shifted);
      for (let i = 0; i < samples; i++) J.set(i, k, (v[i]! - base0[i]!) / h);
    });
    return J;
  };
  const report = (theta: readonly number[], J: Matrix | undefined, sse: number): FittedParameter[] => {
    const p = transforms.length;
    let covariance: Matrix | undefined;
    if (J && samples > p) {
      try {
        covariance = inverse(J.transpose().mmul(J)).mul(sse / (samples - p));
      } catch {
        covariance = undefined;
      }
    }
    const t975 = studentT975(samples - p);
    return transforms.map((t, k) => {
      const se = covariance ? Math.sqrt(Math.max(covariance.get(k, k), 0)) : Infinity;
      const value = t.toValue(theta[k]!);
      return {
        name: t.definition.name,
        doc: t.definition.doc,
        unit: t.definition.unit,
        initial: t.start,
        value,
        lower: t.toValue(theta[k]! - t975 * se),
        upper: t.toValue(theta[k]! + t975 * se),
        standardError: se,
        spec: t.definition.spec,
        specValue: t.definition.toSpec ? t.definition.toSpec(value) : value,
      };
    });
  };

  try {
    // ---- identifiable at the start? -------------------------------------------------------------------
    let theta = transforms.map(() => 0);
    let sse = sumOfSquares(simulate(theta));
    if (modelFailure !== undefined)
      return {
        ok: false,
        reason: 'model',
        message: `the model cannot run these data at the start values: ${modelFailure}`,
      };
    const J0 = jacobian(theta);
    const atStart = identifiabilityProblem(J0, canonical, 'at the start values');
    if (atStart) return { ok: false, reason: 'unidentifiable', message: atStart };
    // ---- Levenberg–Marquardt ------------------------------------------------------------------------
    const maxIterations = options.maxIterations ?? 40;
    const jtjDiagonal = transforms.map((_, k) => J0.getColumn(k).reduce((s, v) => s + v * v, 0));
    const scale = Math.max(...jtjDiagonal);
    let damping = 1e-3 * scale;
    const indices = Array.from({ length: samples }, (_, i) => i);
    let converged = false;
    let iteration = 0;
    while (!converged && iteration < maxIterations) {
      iteration++;
      const step = levenbergMarquardt(
        { x: indices, y: measured },
        (t: number[]) => {
          const v = simulate(t);
          return (i: number) => v[i]!;
        },
        {
          initialValues: theta,
          damping,
          maxIterations: 1,
          errorTolerance: 0,
          minValues: transforms.map((t) => t.lowerTheta),
          maxValues: transforms.map((t) => t.upperTheta),
          jacobianFunction: (t: number[]) => {
            const J = jacobian(t);
            return (i: number) => J.getRow(i);
          },
        },
      );
      if (step.parameterError < sse) {
        const moved = Math.max(...step.parameterValues.map((v, k) => Math.abs(v - theta[k]!)));
        const gain = (sse - step.parameterError) / Math.max(sse, Number.MIN_VALUE);
        theta = step.parameterValues;
        sse = step.parameterError;
        damping = Math.max(damping / 9, 1e-15 * scale);
        converged = gain < 1e-9 || moved < 1e-6;
      } else {
        damping *= 11;
        // No step lowers S even almost along the gradient: a minimum, to the accuracy of the differences.
        converged = damping > 1e10 * scale;
      }
      options.onProgress?.({ iteration, maxIterations, evaluations, rmse: Math.sqrt(sse / samples) });
    }
    const simulated = simulate(theta);
    const rmse = Math.sqrt(sse / samples);
    if (modelFailure !== undefined)
      return {
        ok: false,
        reason: 'model',
        message: `the model fails at the fitted values: ${modelFailure}`,
        parameters: report(theta, undefined, sse),
        rmse,
      };
    if (!converged)
      return {
        ok: false,
        reason: 'not-converged',
        message: `no convergence in ${maxIterations} iterations (RMSE ${(rmse * 1e3).toFixed(2)} mV)`,
        parameters: report(theta, undefined, sse),
        rmse,
      };
    // ---- uncertainty at the optimum ---------------------------------------------------------------
    const J = jacobian(theta);
    const atOptimum = identifiabilityProblem(J, canonical, 'at the fitted values');
    const parameters = report(theta, atOptimum ? undefined : J, sse);
    if (atOptimum) return { ok: false, reason: 'unidentifiable', message: atOptimum, parameters, rmse };
    const loose = parameters.filter(
      (f) =>
        !(
          f.upper <= f.value * MAX_INTERVAL_FACTOR &&
          f.lower >= f.value / MAX_INTERVAL_FACTOR &&
          Number.isFinite(f.standardError)
        ),
    );
    if (loose.length > 0)
      return {
        ok: false,
        reason: 'unidentifiable',
        message: `the data do not determine ${loose.map((f) => f.name).join(', ')}: the 95 % interval spans more than a factor of ${MAX_INTERVAL_FACTOR} either way`,
        parameters,
        rmse,
      };
    const covariance = inverse(J.transpose().mmul(J));
    const correlation = transforms.map((_, a) =>
      transforms.map((__, b) => covariance.get(a, b) / Math.sqrt(covariance.get(a, a) * covariance.get(b, b))),
    );
    return {
      ok: true,
      parameters,
      rmse,
      samples,
      experiments: prepared.map((e) => {
        const sim = Array.from(simulated.subarray(e.offset, e.offset + e.series.time.length));
        const residual = sim.map((v, i) => v - e.series.voltage[i]!);
        return {
          label: e.series.label,
          initialSoc: e.initialSoc,
          time: e.series.time,
          measured: e.series.voltage,
          simulated: sim,
          residual,
          rmse: Math.sqrt(residual.reduce((s, r) => s + r * r, 0) / residual.length),
        };
      }),
      correlation,
      conditionNumber: scaledConditionNumber(J),
      iterations: iteration,
      evaluations,
      wallMs: clock() - started,
      fitted: parametersAt(theta),
    };
  } catch (error) {
    if (error instanceof Cancelled) return { ok: false, reason: 'cancelled', message: 'the fit was cancelled' };
    throw error;
  }
}
