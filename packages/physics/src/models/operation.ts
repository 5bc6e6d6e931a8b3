/**
 * Operation of a cell model: constant current, power or voltage, rest, CCCV and pulses, with stop
 * conditions on voltage, current, time, SOC and temperature, and the lumped thermal model
 * coupled both ways (temperature feeds every Arrhenius factor of the next step; the step's heat
 * feeds the temperature).
 *
 * Cell-level sign convention: current and power are positive on discharge.
 */
import { STOPPED_CLOCK, type Clock } from '../clock.js';
import type { CellModel, Control, Profiles } from './model.js';
import { updateLumpedTemperature } from './thermal.js';
import { firstOutOfBounds } from './bounds.js';

export type StopQuantity = 'voltage' | 'current' | 'time' | 'soc' | 'temperature' | 'anodePotential';

/**
 * Ends a step when `quantity` reaches `value` (current as a magnitude, A). Without `op` the
 * direction follows the step: voltage and SOC rise on charge and fall on discharge; current
 * magnitude falls (CV taper); temperature rises; anode potential falls; time runs.
 * A condition already met when the step starts ends it at once.
 */
export interface StopCondition {
  readonly quantity: StopQuantity;
  readonly value: number;
  readonly op?: '<=' | '>=';
}

export type OperationStep =
  | { readonly mode: 'current'; readonly value: number; readonly until: readonly StopCondition[] }
  | { readonly mode: 'power'; readonly value: number; readonly until: readonly StopCondition[] }
  | { readonly mode: 'voltage'; readonly value: number; readonly until: readonly StopCondition[] }
  | { readonly mode: 'rest'; readonly until: readonly StopCondition[] };

export interface OperationOptions {
  /** State of charge at the start, 0..1 (default 1). */
  readonly initialSoc?: number;
  /** Start (and isothermal) temperature, K; default the parameters' temperature. */
  readonly temperature?: number;
  /** Couple the lumped thermal model (default false: isothermal). */
  readonly thermal?: boolean;
  /** Largest step, s (default: the time the present current takes to pass 2 % of 1C·1h, ≤ 600 s). */
  readonly maxStep?: number;
  /** Target voltage change per step, V (default 0.02): steps shrink where the curve is steep. */
  readonly voltageChangePerStep?: number;
  /** Record internal profiles at the end of each step (default false). */
  readonly profiles?: boolean;
  /** Continue an earlier run (for multi-part protocols) instead of initialising. */
  readonly continueRun?: boolean;
  /** Polled every step; when it returns true the run stops with failure 'cancelled'. */
  readonly isCancelled?: () => boolean;
  /** Wall-time budget of the whole run, ms (default `MODEL_RUN_BUDGET_MS`), measured on `clock`. */
  readonly timeBudgetMs?: number;
  /** The clock the budget and `stats.wallMs` read (default: stopped, so no budget applies). */
  readonly clock?: Clock;
}

export interface StepEnd {
  /** Index of the last recorded point of the step. */
  readonly index: number;
  /**
   * What ended it: a stop quantity, 'limit' (a voltage safety limit), 'saturated' (an electrode
   * surface reached its stoichiometry bound, so the current cannot continue: the end of that
   * electrode's capacity) or 'failed'.
   */
  readonly reason: StopQuantity | 'limit' | 'saturated' | 'failed';
}

export interface SimulationResult {
  readonly model: 'p2d' | 'spme';
  readonly time: number[];
  readonly voltage: number[];
  /** Cell current, A (discharge positive). */
  readonly current: number[];
  readonly temperature: number[];
  readonly soc: number[];
  /** Anode potential against Li/Li⁺, V (plating possible below 0). */
  readonly anodePotential: number[];
  /** Heat generated, W (irreversible + reversible). */
  readonly heat: number[];
  readonly stepEnds: StepEnd[];
  readonly profiles: Profiles[];
  /** Charge passed in discharge direction minus charge direction, Ah. */
  readonly dischargedCapacity: number;
  /** Energy delivered (negative when charging), Wh. */
  readonly energy: number;
  /** Set when the solver failed to converge or left the physical bounds; the curve stops there. */
  readonly failure?: string | undefined;
  /** Set (and `failure` with it) when a point left the physical bounds (`bounds.ts`); it is not in the curves. */
  readonly outOfBounds?: string;
  readonly stats: { readonly steps: number; readonly newtonIterations: number; readonly wallMs: number };
}

const MIN_STEP = 1e-4;

/**
 * Wall time one `operate` call may take before it stops with a failure, ms. Ordinary runs take
 * well under 10 s on a slow 2-core machine (the slowest measured: a C/20 P2D thermal discharge
 * of a 10-layer cell, ~5 s); a run still going after 30 s is creeping along at minimum steps or
 * toward a limit it never reaches, and the editor's analysis worker and `cellspec simulate` must
 * not be held for minutes by it.
 */
export const MODEL_RUN_BUDGET_MS = 30_000;
/** Time steps one operation step may take (a run of ordinary cells needs a few thousand at most). */
const MAX_STEPS = 100_000;
/**
 * Charge one operation step may pass, in nominal capacities. A CC or CV step ends when the
 * electrodes run out of lithium or room for it, so it cannot pass much more than the cell's
 * capacity; one that has passed twice the nominal capacity is a model whose capacity disagrees
 * with the design's (a damaged loading, a unit slip), and going on only burns time.
 */
const MAX_STEP_THROUGHPUT = 2;

/** Runs `steps` on `model` and records the curves. */
export function operate(
  model: CellModel,
  steps: readonly OperationStep[],
  options: OperationOptions = {},
): SimulationResult {
  const clock = options.clock ?? STOPPED_CLOCK;
  const p = model.parameters;
  const soc = options.initialSoc ?? 1;
  if (!options.continueRun) model.initialise(soc, options.temperature ?? p.temperature);
  const run = new Run(model, options, clock, soc);
  for (const step of steps) {
    const ended = runStep(run, step);
    if (ended === 'failed') break;
  }
  run.result.stats.newtonIterations = model.totalIterations - run.startIterations;
  run.result.stats.wallMs = clock() - run.started;
  return withinBounds(run.result, p.voltageMin, p.voltageMax);
}

/** A run in progress: the model, its clock and SOC, and the curves recorded so far. */
class Run {
  t = 0;
  readonly area: number;
  readonly capacityC: number;
  readonly thermal: boolean;
  readonly ambient: number;
  readonly started: number;
  readonly budgetMs: number;
  readonly startIterations: number;
  readonly result = {
    model: '' as SimulationResult['model'],
    time: [] as number[],
    voltage: [] as number[],
    current: [] as number[],
    temperature: [] as number[],
    soc: [] as number[],
    anodePotential: [] as number[],
    heat: [] as number[],
    stepEnds: [] as StepEnd[],
    profiles: [] as Profiles[],
    dischargedCapacity: 0,
    energy: 0,
    failure: undefined as string | undefined,
    stats: { steps: 0, newtonIterations: 0, wallMs: 0 },
  };

  constructor(
    readonly model: CellModel,
    readonly options: OperationOptions,
    readonly clock: Clock,
    public soc: number,
  ) {
    const p = model.parameters;
    this.started = clock();
    this.budgetMs = options.timeBudgetMs ?? MODEL_RUN_BUDGET_MS;
    this.area = p.electrodeArea;
    this.capacityC = p.oneCCurrent * 3600;
    this.thermal = options.thermal ?? false;
    this.ambient = this.thermal ? p.thermal.ambient : model.getTemperature();
    this.result.model = model.kind;
    this.startIterations = model.totalIterations;
  }

  /** Appends the model's present state to the curves. */
  record(): void {
    const { model, area, result } = this;
    const heat = model.heat();
    result.time.push(this.t);
    result.voltage.push(model.voltage);
    result.current.push(model.current * area);
    result.temperature.push(model.getTemperature());
    result.soc.push(this.soc);
    result.anodePotential.push(model.anodePotential);
    result.heat.push((heat.irreversible + heat.reversible) * area);
  }

  /** Ends a step at the last recorded point. */
  endStep(reason: StepEnd['reason']): void {
    this.result.stepEnds.push({ index: this.result.time.length - 1, reason });
    if (this.options.profiles) this.result.profiles.push(this.model.profiles());
  }

  /** One time step under `control`, with SOC counting and the lumped heat balance; false when it fails. */
  advance(dt: number, control: Control): boolean {
    const { model, area } = this;
    const p = model.parameters;
    const T0 = model.getTemperature();
    if (!model.step(dt, control)) return false;
    if (!Number.isFinite(model.voltage)) {
      model.restore();
      return false;
    }
    this.t += dt;
    this.soc -= (model.current * area * dt) / this.capacityC;
    if (this.thermal) {
      const q = model.heat();
      model.setTemperature(
        updateLumpedTemperature(
          T0,
          (q.irreversible + q.reversible) * area,
          dt,
          p.thermal.heatCapacity,
          p.thermal.heatTransfer,
          this.ambient,
        ),
      );
    }
    return true;
  }

  /** Back to the state saved before the last attempted step. */
  restore(t: number, soc: number): void {
    this.model.restore();
    this.t = t;
    this.soc = soc;
  }

  /** The value of a stop quantity now; time counts from `stepStart`. */
  read(q: StopQuantity, stepStart: number): number {
    const model = this.model;
    switch (q) {
      case 'voltage':
        return model.voltage;
      case 'current':
        return Math.abs(model.current * this.area);
      case 'time':
        return this.t - stepStart;
      case 'soc':
        return this.soc;
      case 'temperature':
        return model.getTemperature();
      case 'anodePotential':
        return model.anodePotential;
    }
  }
}

/** The model's control for a step: current and power per electrode area, or a voltage. */
function controlOf(step: OperationStep, area: number): Control {
  return step.mode === 'rest'
    ? { mode: 'current', value: 0 }
    : step.mode === 'current'
      ? { mode: 'current', value: step.value / area }
      : step.mode === 'power'
        ? { mode: 'power', value: step.value / area }
        : { mode: 'voltage', value: step.value };
}

/**
 * The step's stop conditions with their directions: the written ones, plus the cell's voltage
 * limit for current and power steps that state none; voltage and SOC are crossed upward on
 * charge, downward on discharge; current and anode potential downward; others upward.
 */
function stopConditions(step: OperationStep, model: CellModel): { until: StopCondition[]; ops: ('<=' | '>=')[] } {
  const p = model.parameters;
  const until = [...step.until];
  if (step.mode === 'current' || step.mode === 'power') {
    if (!until.some((c) => c.quantity === 'voltage')) {
      until.push({ quantity: 'voltage', value: model.current >= 0 ? p.voltageMin : p.voltageMax });
    }
  }
  const charging = model.current < 0 || (step.mode === 'voltage' && step.value > model.voltage);
  const ops = until.map(
    (c): '<=' | '>=' =>
      c.op ??
      (c.quantity === 'voltage' || c.quantity === 'soc'
        ? charging
          ? '>='
          : '<='
        : c.quantity === 'current' || c.quantity === 'anodePotential'
          ? '<='
          : '>='),
  );
  return { until, ops };
}

/** Runs one operation step to its end; returns why it ended. */
function runStep(run: Run, step: OperationStep): StepEnd['reason'] {
  const { model, options, result } = run;
  const p = model.parameters;
  const control = controlOf(step, run.area);
  // A SOC end already met needs no new load: end the step before applying it (a CV step after
  // a CC step that reached the target SOC would otherwise start with a current spike).
  // (A voltage step above the open-circuit voltage charges, whatever the terminal voltage under
  // the last load: a CV hold after a CC charge starts at or above its set voltage.)
  const willCharge =
    step.mode === 'voltage' ? step.value > model.openCircuitVoltage() : step.mode !== 'rest' && step.value < 0;
  const socMet = step.until.find(
    (c) =>
      c.quantity === 'soc' &&
      ((c.op ?? (willCharge ? '>=' : '<=')) === '>=' ? run.soc >= c.value - 1e-9 : run.soc <= c.value + 1e-9),
  );
  if (socMet && step.mode !== 'rest') {
    if (result.time.length === 0) run.record();
    run.endStep('soc');
    return 'soc';
  }
  // Consistent start after the jump in control: a vanishing implicit-Euler step fixes the
  // algebraic states (potentials, reaction currents) at the new load; then BDF restarts.
  if (!model.step(1e-6, control) && !rampedStart(model, control)) {
    result.failure = 'the solver could not start this step';
    return 'failed';
  }
  model.resetHistory();
  run.t += 1e-6;
  run.soc -= (model.current * run.area * 1e-6) / run.capacityC;
  run.record();
  const stepStart = run.t;
  const { until, ops } = stopConditions(step, model);
  const crossed = (k: number, v: number) =>
    until[k]!.quantity === 'time'
      ? v >= until[k]!.value - 1e-9
      : ops[k] === '>='
        ? v >= until[k]!.value
        : v <= until[k]!.value;
  const read = (q: StopQuantity) => run.read(q, stepStart);
  const endReason = (k: number): StepEnd['reason'] => (step.until.includes(until[k]!) ? until[k]!.quantity : 'limit');
  const metAtStart = until.findIndex((c, k) => c.quantity !== 'time' && crossed(k, read(c.quantity)));
  if (metAtStart >= 0) {
    const reason = endReason(metAtStart);
    run.endStep(reason);
    return reason;
  }
  const timeLimit = until.find((c) => c.quantity === 'time')?.value ?? Infinity;
  const socAtStart = run.soc;
  let h = 0.5;
  let ended: StepEnd['reason'] | undefined;
  let guard = 0;
  const startValues = new Float64Array(until.length);
  while (!ended) {
    if (options.isCancelled?.()) {
      result.failure = 'cancelled';
      ended = 'failed';
      break;
    }
    if (guard++ >= MAX_STEPS) {
      result.failure = `the step did not reach its end within ${MAX_STEPS} time steps (${+(run.t / 3600).toPrecision(3)} h simulated)`;
      ended = 'failed';
      break;
    }
    if (Math.abs(run.soc - socAtStart) > MAX_STEP_THROUGHPUT) {
      result.failure =
        `the step passed ${MAX_STEP_THROUGHPUT} times the nominal capacity (${+(run.t / 3600).toPrecision(3)} h simulated) ` +
        `without reaching its end: the model holds far more charge than the design's capacity`;
      ended = 'failed';
      break;
    }
    if (run.clock() - run.started > run.budgetMs) {
      result.failure = `the run took longer than ${run.budgetMs / 1000} s and was stopped at t = ${run.t.toFixed(0)} s`;
      ended = 'failed';
      break;
    }
    const rate = Math.abs(model.current * run.area) / p.oneCCurrent;
    const hMax = options.maxStep ?? Math.min(600, rate > 1e-6 ? (0.02 * 3600) / rate : 600);
    h = Math.min(h, hMax, timeLimit - (run.t - stepStart));
    const vBefore = model.voltage;
    for (let k = 0; k < until.length; k++) startValues[k] = read(until[k]!.quantity);
    model.save();
    const savedT = run.t;
    const savedSoc = run.soc;
    if (!run.advance(h, control)) {
      h /= 4;
      if (h < MIN_STEP) {
        if (model.saturated) {
          ended = 'saturated';
          break;
        }
        result.failure = `the solver did not converge at t = ${run.t.toFixed(1)} s`;
        ended = 'failed';
        break;
      }
      continue;
    }
    let hit = until.findIndex((c, k) => crossed(k, read(c.quantity)));
    if (hit >= 0 && until[hit]!.quantity !== 'time') {
      refineCrossing(
        run,
        control,
        until[hit]!,
        startValues[hit]!,
        h,
        { t: savedT, soc: savedSoc },
        (v) => crossed(hit, v),
        read,
      );
      hit = until.findIndex((c, k) => crossed(k, read(c.quantity)));
    }
    result.stats.steps++;
    const dq = (model.current * run.area * (run.t - savedT)) / 3600;
    result.dischargedCapacity += dq;
    result.energy += (dq * (model.voltage + vBefore)) / 2;
    run.record();
    if (hit >= 0) {
      ended = endReason(hit);
      break;
    }
    // Next step: grow geometrically, shrink where the voltage moves fast.
    const dv = Math.abs(model.voltage - vBefore);
    const target = options.voltageChangePerStep ?? 0.02;
    h = Math.max(MIN_STEP, h * Math.min(1.5, dv > 0 ? Math.max(0.3, Math.sqrt(target / dv)) : 1.5));
  }
  run.endStep(ended ?? 'failed');
  return ended ?? 'failed';
}

/**
 * A step of length `h` crossed a stop condition: shorten it by secant iterations (at most 8)
 * until the crossing is met within its tolerance, so the step ends on its limit.
 */
function refineCrossing(
  run: Run,
  control: Control,
  condition: StopCondition,
  startValue: number,
  h: number,
  saved: { t: number; soc: number },
  isCrossed: (v: number) => boolean,
  read: (q: StopQuantity) => number,
): void {
  let lo = 0,
    hi = h;
  let vLo = startValue,
    vHi = read(condition.quantity);
  const target = condition.value;
  for (let refine = 0; refine < 8; refine++) {
    const tolerance =
      condition.quantity === 'voltage' || condition.quantity === 'anodePotential'
        ? 1e-4
        : condition.quantity === 'soc'
          ? 1e-5
          : 1e-3 * Math.abs(target) + 1e-9;
    if (Math.abs(vHi - target) < tolerance || hi - lo < MIN_STEP) break;
    let frac = (target - vLo) / (vHi - vLo);
    if (!Number.isFinite(frac)) frac = 0.5;
    const trial = lo + Math.min(0.98, Math.max(0.02, frac)) * (hi - lo);
    run.restore(saved.t, saved.soc);
    if (!run.advance(trial, control)) {
      // The shorter trial did not converge where the step to `hi` did: take that step again
      // and end there. (Left at the saved state, the run recorded the same instant over and
      // over and never moved on.)
      run.restore(saved.t, saved.soc);
      run.advance(hi, control);
      break;
    }
    const v = read(condition.quantity);
    if (isCrossed(v)) {
      hi = trial;
      vHi = v;
    } else {
      // Not yet there: keep this as the new lower end and re-run to the upper end next.
      lo = trial;
      vLo = v;
      run.restore(saved.t, saved.soc);
      if (!run.advance(hi, control)) break;
    }
  }
}

/**
 * The run up to its first point outside the physical bounds (`bounds.ts`), with a failure that
 * says why; capacity and energy are summed again over the points kept (trapezoidal voltage).
 */
function withinBounds(result: SimulationResult, voltageMin: number, voltageMax: number): SimulationResult {
  const broken = firstOutOfBounds(result, voltageMin, voltageMax);
  if (!broken) return result;
  const n = broken.index;
  const cut = <T>(values: readonly T[]) => values.slice(0, n);
  const stepEnds = result.stepEnds.filter((e) => e.index < n);
  if (n > 0 && stepEnds[stepEnds.length - 1]?.index !== n - 1) stepEnds.push({ index: n - 1, reason: 'failed' });
  let dischargedCapacity = 0;
  let energy = 0;
  for (let i = 1; i < n; i++) {
    const dq = (result.current[i]! * (result.time[i]! - result.time[i - 1]!)) / 3600;
    dischargedCapacity += dq;
    energy += (dq * (result.voltage[i]! + result.voltage[i - 1]!)) / 2;
  }
  const reason = `${broken.reason}; the run stops before it`;
  return {
    ...result,
    time: cut(result.time),
    voltage: cut(result.voltage),
    current: cut(result.current),
    temperature: cut(result.temperature),
    soc: cut(result.soc),
    anodePotential: cut(result.anodePotential),
    heat: cut(result.heat),
    stepEnds,
    profiles: result.profiles.slice(0, stepEnds.length),
    dischargedCapacity,
    energy,
    failure: reason,
    outOfBounds: reason,
  };
}

/**
 * A consistent start by continuation, for a jump Newton cannot take at once (a nearly emptied
 * electrode whose surface an overshooting iterate pushes past its bound): the load rises in four
 * steps of 1e-6 s each (a negligible charge), each starting from the last.
 */
function rampedStart(model: CellModel, control: Control): boolean {
  if (control.mode === 'voltage') return false;
  for (const share of [0.25, 0.5, 0.75, 1])
    if (!model.step(1e-6, { mode: control.mode, value: share * control.value })) return false;
  return true;
}

// ---- Protocol helpers (C-rates are multiples of the cell's 1C current) ------------------------

export function constantCurrentDischarge(
  oneC: number,
  rate: number,
  until: readonly StopCondition[] = [],
): OperationStep {
  return { mode: 'current', value: rate * oneC, until };
}

export function constantCurrentCharge(oneC: number, rate: number, until: readonly StopCondition[] = []): OperationStep {
  return { mode: 'current', value: -rate * oneC, until };
}

/** CC charge to `voltage`, then CV until the current falls to `cutoffRate`·1C. */
export function cccvCharge(oneC: number, rate: number, voltage: number, cutoffRate = 0.05): OperationStep[] {
  return [
    { mode: 'current', value: -rate * oneC, until: [{ quantity: 'voltage', value: voltage }] },
    { mode: 'voltage', value: voltage, until: [{ quantity: 'current', value: cutoffRate * oneC }] },
  ];
}

/** A current pulse of `duration` s followed by a rest of `rest` s (discharge positive). */
export function pulse(current: number, duration: number, rest: number): OperationStep[] {
  return [
    { mode: 'current', value: current, until: [{ quantity: 'time', value: duration }] },
    { mode: 'rest', until: [{ quantity: 'time', value: rest }] },
  ];
}
