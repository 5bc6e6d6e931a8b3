/**
 * Ideal-cell bookkeeping: how SOC moves and how long a step takes, assuming the cell delivers
 * its capacity Q at any rate and its voltage runs linearly from the lower limit (SOC 0) to the
 * upper limit (SOC 1). It plans set-SOC moves and estimates cycler time; it is not a model and
 * says so wherever its numbers appear ("estimated"). A simulated run replaces it when asked.
 *
 *   Δt = ΔQ / I,   ΔSOC = ±I·Δt / Q,   V(SOC) ≈ V_min + SOC·(V_max − V_min)
 */
import type { ConcreteEnd, ConcreteStep } from './types.js';

export interface IdealCell {
  readonly capacity: number;
  readonly voltageMin: number;
  readonly voltageMax: number;
}

export interface IdealState {
  /** SOC 0..1 when known (after a full charge or discharge, or a move from a known SOC). */
  soc: number | undefined;
  /** Terminal voltage at the end of the last step that ended on a voltage, if known. */
  voltage: number | undefined;
  /** Direction of the last current-carrying step. */
  lastDirection: 'charge' | 'discharge' | undefined;
}

/** Time a constant-voltage tail takes in this estimate, s. Thin solid-state cells taper to C/20 in well under an hour. */
export const CV_TAIL_ESTIMATE = 30 * 60;
/** Time a rest that ends on voltage or a hold that ends on current is counted with, s. */
export const OPEN_END_ESTIMATE = 60 * 60;

export const initialState = (): IdealState => ({ soc: undefined, voltage: undefined, lastDirection: undefined });

const socOfVoltage = (v: number, cell: IdealCell): number =>
  (v - cell.voltageMin) / (cell.voltageMax - cell.voltageMin);

/** Advances the state over one step and returns its estimated duration, s. Loops multiply their body. */
/**
 * Loops nested deeper than this count their later passes like the first. Each loop level walks
 * its body twice (the first pass from wherever the cell is, the second from where a pass ends),
 * so an exact estimate costs 2^depth; no real plan nests anywhere near 8 deep.
 */
const EXACT_LOOP_DEPTH = 8;

export function advance(step: ConcreteStep, state: IdealState, cell: IdealCell, depth = 0): number {
  switch (step.kind) {
    case 'cc':
      return advanceCurrent(step.direction, step.setpoint.current, step.ends, step.cv, state, cell);
    case 'pulse': {
      moveSoc(state, step.direction, step.setpoint.current * step.duration, cell);
      state.lastDirection = step.direction;
      state.voltage = undefined;
      return step.duration;
    }
    case 'rest': {
      const t = timeEnd(step.ends);
      return t ?? OPEN_END_ESTIMATE;
    }
    case 'hold': {
      const t = timeEnd(step.ends);
      state.voltage = step.voltage;
      if (step.voltage >= cell.voltageMax - 1e-9) state.soc = 1;
      return t ?? OPEN_END_ESTIMATE;
    }
    case 'impedance':
      return impedanceDuration(step.frequencyHigh, step.frequencyLow);
    case 'loop': {
      if (!(step.count >= 1) || !Number.isFinite(step.count)) return 0;
      const first = step.steps.reduce((t, s) => t + advance(s, state, cell, depth + 1), 0);
      // Later passes start where the first ended; cycling returns to the same state.
      let rest = 0;
      if (step.count > 1 && depth >= EXACT_LOOP_DEPTH) rest = first * (step.count - 1);
      else if (step.count > 1) {
        const probe = { ...state };
        const second = step.steps.reduce((t, s) => t + advance(s, probe, cell, depth + 1), 0);
        rest = second * (step.count - 1);
        Object.assign(state, probe);
      }
      return first + rest;
    }
    case 'temperature':
      return step.soak;
    case 'pressure':
    case 'note':
    case 'documented':
      return 0;
  }
}

function advanceCurrent(
  direction: 'charge' | 'discharge',
  current: number,
  ends: readonly ConcreteEnd[],
  cv: number | undefined,
  state: IdealState,
  cell: IdealCell,
): number {
  const sign = direction === 'charge' ? 1 : -1;
  const soc0 = state.soc;
  const candidates: { t: number; soc?: number; voltage?: number }[] = [];
  for (const e of ends) {
    switch (e.quantity) {
      case 'time':
        candidates.push({ t: e.value });
        break;
      case 'capacity':
        candidates.push({ t: e.value / current });
        break;
      case 'energy':
        candidates.push({ t: e.value / ((current * (cell.voltageMin + cell.voltageMax)) / 2) });
        break;
      case 'soc':
        if (soc0 !== undefined)
          candidates.push({ t: (Math.max(0, sign * (e.value - soc0)) * cell.capacity) / current, soc: e.value });
        break;
      case 'voltage': {
        const target = Math.min(1, Math.max(0, socOfVoltage(e.value, cell)));
        const from = soc0 ?? (direction === 'charge' ? 0 : 1);
        candidates.push({
          t: (Math.max(0, sign * (target - from)) * cell.capacity) / current,
          soc: target,
          voltage: e.value,
        });
        break;
      }
      case 'current': {
        // With a CV limit the current tapers after reaching it: CC part then a tail.
        if (cv !== undefined) {
          const target = Math.min(1, Math.max(0, socOfVoltage(cv, cell)));
          const from = soc0 ?? (direction === 'charge' ? 0 : 1);
          candidates.push({
            t: (Math.max(0, sign * (target - from)) * cell.capacity) / current + CV_TAIL_ESTIMATE,
            soc: target,
            voltage: cv,
          });
        }
        break;
      }
      case 'temperature':
        break;
    }
  }
  state.lastDirection = direction;
  if (candidates.length === 0) {
    state.soc = undefined;
    state.voltage = undefined;
    return 0;
  }
  const first = candidates.reduce((a, b) => (b.t < a.t ? b : a));
  if (first.soc !== undefined) state.soc = first.soc;
  else moveSoc(state, direction, current * first.t, cell);
  state.voltage = first.voltage;
  return first.t;
}

function moveSoc(state: IdealState, direction: 'charge' | 'discharge', charge: number, cell: IdealCell): void {
  if (state.soc === undefined) return;
  state.soc = state.soc + ((direction === 'charge' ? 1 : -1) * charge) / cell.capacity;
}

function timeEnd(ends: readonly ConcreteEnd[]): number | undefined {
  const times = ends.filter((e) => e.quantity === 'time').map((e) => e.value);
  return times.length ? Math.min(...times) : undefined;
}

/**
 * A sweep at 10 frequencies per decade, each measured over 2 periods (and at least 0.1 s):
 * Σ max(2/f, 0.1 s). The low-frequency end dominates.
 */
export function impedanceDuration(high: number, low: number): number {
  if (!(high > 0 && low > 0 && high >= low)) return 0;
  // Decades as a difference of logarithms: `high / low` overflows to Infinity for a low end near
  // the smallest double (1 MHz to 9e-323 Hz), and an infinite point count never ends the loop.
  // Between any two positive doubles there are fewer than 640 decades.
  const decades = Math.log10(high) - Math.log10(low);
  const points = Math.max(1, Math.round(10 * decades)) + 1;
  let t = 0;
  for (let i = 0; i < points; i++) {
    // Log-spaced in the same way: `low / high` would underflow to 0 (and 2 periods to Infinity).
    const f = 10 ** (Math.log10(high) - decades * (i / (points - 1 || 1)));
    t += Math.max(2 / f, 0.1);
  }
  return t;
}
