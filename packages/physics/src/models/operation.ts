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

/** Runs `steps` on `model` and records the curves. */
export function operate(
  model: CellModel,
  steps: readonly OperationStep[],
  options: OperationOptions = {},
): SimulationResult {
  const clock = options.clock ?? STOPPED_CLOCK;
  const started = clock();
  const budgetMs = options.timeBudgetMs ?? MODEL_RUN_BUDGET_MS;
  const p = model.parameters;
  const area = p.electrodeArea;
  const capacityC = p.oneCCurrent * 3600;
  let soc = options.initialSoc ?? 1;
  if (!options.continueRun) model.initialise(soc, options.temperature ?? p.temperature);
  const thermal = options.thermal ?? false;
  const ambient = thermal ? p.thermal.ambient : model.getTemperature();
  const result = {
    model: model.kind,
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
  const startIterations = model.totalIterations;
  let t = 0;
  const record = () => {
    const heat = model.heat();
    result.time.push(t);
    result.voltage.push(model.voltage);
    result.current.push(model.current * area);
    result.temperature.push(model.getTemperature());
    result.soc.push(soc);
    result.anodePotential.push(model.anodePotential);
    result.heat.push((heat.irreversible + heat.reversible) * area);
  };

  for (const step of steps) {
    const control: Control =
      step.mode === 'rest'
        ? { mode: 'current', value: 0 }
        : step.mode === 'current'
          ? { mode: 'current', value: step.value / area }
          : step.mode === 'power'
            ? { mode: 'power', value: step.value / area }
            : { mode: 'voltage', value: step.value };
    // A SOC end already met needs no new load: end the step before applying it (a CV step after
    // a CC step that reached the target SOC would otherwise start with a current spike).
    // (A voltage step above the open-circuit voltage charges, whatever the terminal voltage under
    // the last load: a CV hold after a CC charge starts at or above its set voltage.)
    const willCharge =
      step.mode === 'voltage' ? step.value > model.openCircuitVoltage() : step.mode !== 'rest' && step.value < 0;
    const socMet = step.until.find(
      (c) =>
        c.quantity === 'soc' &&
        ((c.op ?? (willCharge ? '>=' : '<=')) === '>=' ? soc >= c.value - 1e-9 : soc <= c.value + 1e-9),
    );
    if (socMet && step.mode !== 'rest') {
      if (result.time.length === 0) record();
      result.stepEnds.push({ index: result.time.length - 1, reason: 'soc' });
      if (options.profiles) result.profiles.push(model.profiles());
      continue;
    }
    // Consistent start after the jump in control: a vanishing implicit-Euler step fixes the
    // algebraic states (potentials, reaction currents) at the new load; then BDF restarts.
    if (!model.step(1e-6, control) && !rampedStart(model, control)) {
      result.failure = 'the solver could not start this step';
      break;
    }
    model.resetHistory();
    t += 1e-6;
    soc -= (model.current * area * 1e-6) / capacityC;
    record();
    const stepStart = t;
    const until = [...step.until];
    // Safety limits of the cell apply to current and power steps unless a condition covers them.
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
    const crossed = (k: number, v: number) =>
      until[k]!.quantity === 'time'
        ? v >= until[k]!.value - 1e-9
        : ops[k] === '>='
          ? v >= until[k]!.value
          : v <= until[k]!.value;
    function readQuantity(q: StopQuantity): number {
      switch (q) {
        case 'voltage':
          return model.voltage;
        case 'current':
          return Math.abs(model.current * area);
        case 'time':
          return t - stepStart;
        case 'soc':
          return soc;
        case 'temperature':
          return model.getTemperature();
        case 'anodePotential':
          return model.anodePotential;
      }
    }
    const metAtStart = until.findIndex((c, k) => c.quantity !== 'time' && crossed(k, readQuantity(c.quantity)));
    if (metAtStart >= 0) {
      result.stepEnds.push({
        index: result.time.length - 1,
        reason: step.until.includes(until[metAtStart]!) ? until[metAtStart]!.quantity : 'limit',
      });
      if (options.profiles) result.profiles.push(model.profiles());
      continue;
    }
    const timeLimit = until.find((c) => c.quantity === 'time')?.value ?? Infinity;
    let h = 0.5;
    let ended: StepEnd['reason'] | undefined;
    let guard = 0;
    let savedT: number, savedSoc: number;
    const startValues = new Float64Array(until.length);
    const advance = (dt: number): boolean => {
      const T0 = model.getTemperature();
      if (!model.step(dt, control)) return false;
      if (!Number.isFinite(model.voltage)) {
        model.restore();
        return false;
      }
      t += dt;
      soc -= (model.current * area * dt) / capacityC;
      if (thermal) {
        const q = model.heat();
        model.setTemperature(
          updateLumpedTemperature(
            T0,
            (q.irreversible + q.reversible) * area,
            dt,
            p.thermal.heatCapacity,
            p.thermal.heatTransfer,
            ambient,
          ),
        );
      }
      return true;
    };
    while (!ended) {
      if (options.isCancelled?.()) {
        result.failure = 'cancelled';
        ended = 'failed';
        break;
      }
      if (guard++ >= MAX_STEPS) {
        result.failure = `the step did not reach its end within ${MAX_STEPS} time steps (${+(t / 3600).toPrecision(3)} h simulated)`;
        ended = 'failed';
        break;
      }
      if (clock() - started > budgetMs) {
        result.failure = `the run took longer than ${budgetMs / 1000} s and was stopped at t = ${t.toFixed(0)} s`;
        ended = 'failed';
        break;
      }
      const rate = Math.abs(model.current * area) / p.oneCCurrent;
      const hMax = options.maxStep ?? Math.min(600, rate > 1e-6 ? (0.02 * 3600) / rate : 600);
      h = Math.min(h, hMax, timeLimit - (t - stepStart));
      const vBefore = model.voltage;
      for (let k = 0; k < until.length; k++) startValues[k] = readQuantity(until[k]!.quantity);
      model.save();
      savedT = t;
      savedSoc = soc;
      if (!advance(h)) {
        h /= 4;
        if (h < MIN_STEP) {
          if (model.saturated) {
            ended = 'saturated';
            break;
          }
          result.failure = `the solver did not converge at t = ${t.toFixed(1)} s`;
          ended = 'failed';
          break;
        }
        continue;
      }
      // Stop conditions: refine the step by secant iterations until the crossing is met.
      let hit = until.findIndex((c, k) => crossed(k, readQuantity(c.quantity)));
      if (hit >= 0 && until[hit]!.quantity !== 'time') {
        let lo = 0,
          hi = h;
        let vLo = startValues[hit]!,
          vHi = readQuantity(until[hit]!.quantity);
        const target = until[hit]!.value;
        for (let refine = 0; refine < 8; refine++) {
          const tolerance =
            until[hit]!.quantity === 'voltage' || until[hit]!.quantity === 'anodePotential'
              ? 1e-4
              : until[hit]!.quantity === 'soc'
                ? 1e-5
                : 1e-3 * Math.abs(target) + 1e-9;
          if (Math.abs(vHi - target) < tolerance || hi - lo < MIN_STEP) break;
          let frac = (target - vLo) / (vHi - vLo);
          if (!Number.isFinite(frac)) frac = 0.5;
          const trial = lo + Math.min(0.98, Math.max(0.02, frac)) * (hi - lo);
          model.restore();
          t = savedT;
          soc = savedSoc;
          if (!advance(trial)) {
            // The shorter trial did not converge where the step to `hi` did: take that step again
            // and end there. (Left at the saved state, the run recorded the same instant over and
            // over and never moved on.)
            model.restore();
            t = savedT;
            soc = savedSoc;
            advance(hi);
            break;
          }
          const v = readQuantity(until[hit]!.quantity);
          if (crossed(hit, v)) {
            hi = trial;
            vHi = v;
          } else {
            // Not yet there: keep this as the new lower end and re-run to the upper end next.
            lo = trial;
            vLo = v;
            model.restore();
            t = savedT;
            soc = savedSoc;
            if (!advance(hi)) break;
          }
        }
        hit = until.findIndex((c, k) => crossed(k, readQuantity(c.quantity)));
      }
      result.stats.steps++;
      const dq = (model.current * area * (t - savedT)) / 3600;
      result.dischargedCapacity += dq;
      result.energy += (dq * (model.voltage + vBefore)) / 2;
      record();
      if (hit >= 0) {
        const q = until[hit]!.quantity;
        ended = step.until.includes(until[hit]!) ? q : 'limit';
        break;
      }
      // Next step: grow geometrically, shrink where the voltage moves fast.
      const dv = Math.abs(model.voltage - vBefore);
      const target = options.voltageChangePerStep ?? 0.02;
      h = Math.max(MIN_STEP, h * Math.min(1.5, dv > 0 ? Math.max(0.3, Math.sqrt(target / dv)) : 1.5));
    }
    result.stepEnds.push({ index: result.time.length - 1, reason: ended ?? 'failed' });
    if (options.profiles) result.profiles.push(model.profiles());
    if (ended === 'failed') break;
  }
  result.stats.newtonIterations = model.totalIterations - startIterations;
  result.stats.wallMs = clock() - started;
  return withinBounds(result, p.voltageMin, p.voltageMax);
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
