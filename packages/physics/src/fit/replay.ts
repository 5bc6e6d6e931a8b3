/**
 * Replays a measured current profile on a cell model and samples the simulated voltage at the
 * measured times: the forward model of the fit.
 *
 * The measured current is cut into segments of near-constant current (a new segment starts
 * where a sample departs from the running mean of the segment by more than 0.5 % of the largest
 * |I|; cyclers hold current steps to well under that, so a CC step is one segment and a CV taper
 * becomes a staircase of 0.5 % steps: noise-free CC-CV data refit to within 0.5 % of the
 * interface resistance that made them, with 0.55 mV RMS of staircase ripple, against 1.8 mV for
 * 2 % steps) and rests (|I| below 0.5 % of the largest |I|). Each segment runs as one operation
 * step for the time to the next segment's first sample; the sample at a
 * segment's start is compared with the state just after the current jump.
 *
 * The time steps are fixed by the data, not by the solution (`maxStep`, geometric growth from
 * 0.5 s after each jump, no voltage-based step control and no stop at a voltage limit), so the
 * simulated voltage is a smooth function of the parameters and finite differences of it are
 * meaningful. A segment the model cannot finish (an electrode runs empty) holds its last voltage
 * for the rest of the segment: the residual is then large but defined.
 */
import { STOPPED_CLOCK, type Clock } from '../clock.js';
import type { CellModel } from '../models/model.js';
import { operate, type OperationStep } from '../models/operation.js';
import { DEFAULT_MESH, type Mesh, type ModelParameters } from '../models/parameters.js';
import { P2DModel } from '../models/p2d.js';
import { SPMeModel } from '../models/spme.js';
import type { MeasuredSeries } from './measured.js';

/** A new segment starts where |I − segment mean| exceeds this share of the largest |I|. */
const SEGMENT_TOLERANCE = 0.005;
/** |I| below this share of the largest |I| is a rest. */
const REST_THRESHOLD = 0.005;

export interface ReplayOptions {
  /** `p2d` (default) or `reduced` (SPMe). */
  readonly model?: 'p2d' | 'reduced';
  readonly mesh?: Mesh;
  /** Largest time step, s (default 30). */
  readonly maxStep?: number;
  /** Isothermal temperature, K, for every sample; default the data's temperature, else the parameters'. */
  readonly temperature?: number;
  readonly isCancelled?: () => boolean;
  /** Wall-time budget of one replay, ms (default 30 s), measured on `clock`. */
  readonly timeBudgetMs?: number;
  /** The clock the budget reads (default: stopped, so no budget applies; the step-count bound still does). */
  readonly clock?: Clock;
}

export interface Segment {
  /** Index of the first and one past the last sample. */
  readonly start: number;
  readonly end: number;
  /** Cell current, A (discharge positive); 0 for a rest. */
  readonly current: number;
  /** s, from this segment's first sample to the next segment's. */
  readonly duration: number;
  /** K, when the data has temperatures. */
  readonly temperature?: number;
}

export interface Replay {
  readonly voltage: Float64Array;
  /** Why the simulation stopped early (samples after it hold the last voltage). */
  readonly failure?: string;
  readonly cancelled?: boolean;
}

/** Segments of near-constant current. */
export function segmentCurrent(series: MeasuredSeries): Segment[] {
  const { time, current } = series;
  const peak = current.reduce((m, i) => Math.max(m, Math.abs(i)), 0);
  const tolerance = SEGMENT_TOLERANCE * peak;
  const rest = REST_THRESHOLD * peak;
  const segments: Segment[] = [];
  let start = 0;
  let sum = 0;
  const close = (end: number) => {
    const mean = sum / (end - start);
    const next = time[end] ?? time[end - 1]!;
    const temperatures = series.temperature?.slice(start, end);
    segments.push({
      start,
      end,
      current: Math.abs(mean) < rest ? 0 : mean,
      duration: next - time[start]!,
      ...(temperatures ? { temperature: temperatures.reduce((a, b) => a + b, 0) / temperatures.length } : {}),
    });
  };
  for (let i = 0; i < current.length; i++) {
    const count = i - start;
    if (count > 0 && Math.abs(current[i]! - sum / count) > tolerance) {
      close(i);
      start = i;
      sum = 0;
    }
    sum += current[i]!;
  }
  if (current.length > start) close(current.length);
  return segments;
}

function makeModel(p: ModelParameters, options: ReplayOptions): CellModel {
  const mesh = options.mesh ?? DEFAULT_MESH;
  return options.model === 'reduced' ? new SPMeModel(p, mesh) : new P2DModel(p, mesh);
}

/** The SOC whose open-circuit voltage is `voltage` (bisection: OCV rises with SOC), clamped to 0..1. */
export function socAtOpenCircuitVoltage(
  p: ModelParameters,
  voltage: number,
  temperature: number,
  options: ReplayOptions = {},
): number {
  const model = makeModel(p, options);
  const ocv = (soc: number) => {
    model.initialise(soc, temperature);
    return model.openCircuitVoltage();
  };
  let lo = 0,
    hi = 1;
  if (voltage <= ocv(lo)) return lo;
  if (voltage >= ocv(hi)) return hi;
  for (let k = 0; k < 40; k++) {
    const mid = (lo + hi) / 2;
    if (ocv(mid) < voltage) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Linear interpolation in a recorded curve (times ascending); clamped at both ends. */
function sampleAt(time: readonly number[], values: readonly number[], t: number): number {
  const last = time.length - 1;
  if (t <= time[0]!) return values[0]!;
  if (t >= time[last]!) return values[last]!;
  let lo = 0,
    hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (time[mid]! > t) hi = mid;
    else lo = mid;
  }
  const w = (t - time[lo]!) / (time[hi]! - time[lo]!);
  return values[lo]! + w * (values[hi]! - values[lo]!);
}

/** The simulated voltage at every measured sample, starting at `initialSoc`. */
export function replay(
  p: ModelParameters,
  series: MeasuredSeries,
  segments: readonly Segment[],
  initialSoc: number,
  options: ReplayOptions = {},
): Replay {
  const clock = options.clock ?? STOPPED_CLOCK;
  const started = clock();
  const budget = options.timeBudgetMs ?? 30_000;
  const voltage = new Float64Array(series.time.length);
  const model = makeModel(p, options);
  const temperatureOf = (s: Segment) => options.temperature ?? s.temperature ?? p.temperature;
  model.initialise(initialSoc, temperatureOf(segments[0]!));
  let held = model.openCircuitVoltage();
  let failure: string | undefined;
  let cancelled = false;
  for (const segment of segments) {
    if (failure === undefined && !cancelled) {
      model.setTemperature(temperatureOf(segment));
      // Far-away voltage conditions replace the cell's safety limits: the data, not the model, says where a step ends.
      const step: OperationStep =
        segment.current === 0
          ? { mode: 'rest', until: [{ quantity: 'time', value: Math.max(segment.duration, 1e-3) }] }
          : {
              mode: 'current',
              value: segment.current,
              until: [
                { quantity: 'time', value: Math.max(segment.duration, 1e-3) },
                { quantity: 'voltage', value: -100, op: '<=' },
                { quantity: 'voltage', value: 100, op: '>=' },
              ],
            };
      const run = operate(model, [step], {
        continueRun: true,
        maxStep: options.maxStep ?? 30,
        voltageChangePerStep: Number.MAX_VALUE,
        timeBudgetMs: Math.max(1, budget - (clock() - started)),
        clock,
        ...(options.isCancelled ? { isCancelled: options.isCancelled } : {}),
      });
      if (run.failure === 'cancelled') cancelled = true;
      else if (run.failure) failure = `${run.failure} (segment from t = ${series.time[segment.start]!.toFixed(0)} s)`;
      if (run.time.length > 0) {
        const t0 = series.time[segment.start]!;
        for (let i = segment.start; i < segment.end; i++)
          voltage[i] = sampleAt(run.time, run.voltage, series.time[i]! - t0);
        held = run.voltage[run.voltage.length - 1]!;
        continue;
      }
    }
    voltage.fill(held, segment.start, segment.end);
  }
  return { voltage, ...(failure !== undefined ? { failure } : {}), ...(cancelled ? { cancelled } : {}) };
}
