/**
 * A simulated run of a plan's electrical steps on the cell model (P2D by default, SPMe on
 * request): the capacity each full charge or discharge delivers, the resistance each pulse shows,
 * and how long the run takes. Chamber set-points set the model temperature (isothermal runs);
 * soaks are simulated as rests. Off-cycler operations, impedance and deliberate abuse steps are
 * not simulated, and a repeat is simulated for its first pass only (its later passes are counted
 * in the duration at the first pass's length); each such choice is listed in `notes`.
 *
 *   pulse resistance R = |V(end of pulse) − V(before pulse)| / I
 *   capacity = ∫ I dt over the step (Ah), energy = ∫ V·I dt (Wh)
 */
import { STOPPED_CLOCK, type Clock } from '../clock.js';
import type { CellIR, ModelFidelity } from '../ir.js';
import { makeModel } from '../models/analyses.js';
import { parametersFromCell } from '../models/from-cell.js';
import type { CellModel } from '../models/model.js';
import { operate, type OperationStep, type StopCondition } from '../models/operation.js';
import type { ConcreteEnd, ConcreteStep, ConcreteTest, ExpandedPlan } from './types.js';

export interface SimulatedCapacity {
  readonly direction: 'charge' | 'discharge';
  /** C-rate of the constant-current part. */
  readonly rate: number;
  /** K */
  readonly temperature: number;
  /** Ah delivered (discharge) or taken (charge). */
  readonly capacity: number;
  readonly energy: number;
  readonly meanVoltage: number;
  /** What ended the step: voltage, current (CV tail), time, soc, or `limit`. */
  readonly endedBy: string;
}

export interface SimulatedPulse {
  readonly direction: 'charge' | 'discharge';
  readonly rate: number;
  readonly temperature: number;
  /** SOC before the pulse, 0..1. */
  readonly soc: number;
  readonly duration: number;
  /** Ω */
  readonly resistance: number;
}

export interface SimulatedTest {
  readonly id: string;
  readonly point: ConcreteTest['point'];
  readonly capacities: readonly SimulatedCapacity[];
  readonly pulses: readonly SimulatedPulse[];
  /** Simulated duration including soaks and every loop pass, s. */
  readonly duration: number;
  readonly failure?: string;
  readonly wallMs: number;
}

export interface PlanSimulation {
  readonly plan: string;
  readonly cell: string;
  readonly model: 'p2d' | 'spme';
  readonly tests: readonly SimulatedTest[];
  /** Values the model assumed because the spec does not state them. */
  readonly assumptions: readonly string[];
  /** Why the model cannot run, if it cannot. */
  readonly problems: readonly string[];
  readonly notes: readonly string[];
}

export interface SimulateOptions {
  readonly fidelity?: ModelFidelity;
  /** Only sub-tests whose id this accepts. */
  readonly filter?: (test: ConcreteTest) => boolean;
  /** State of charge the cell starts each sub-test from (default 1: as delivered after formation, fully charged). */
  readonly initialSoc?: number;
  /** The clock each sub-test's wall time and budget read (default: stopped). */
  readonly clock?: Clock;
}

export function simulatePlan(plan: ExpandedPlan, cell: CellIR, options: SimulateOptions = {}): PlanSimulation {
  const { parameters, assumptions, problems } = parametersFromCell(cell);
  const notes: string[] = [];
  const fidelity = options.fidelity ?? 'p2d';
  if (!parameters)
    return {
      plan: plan.plan,
      cell: cell.name,
      model: fidelity === 'reduced' ? 'spme' : 'p2d',
      tests: [],
      assumptions,
      problems,
      notes,
    };
  const tests = plan.tests
    .filter((t) => t.electrical && (options.filter?.(t) ?? true))
    .map((t) =>
      new Runner(makeModel(parameters, fidelity), notes, options.clock ?? STOPPED_CLOCK).run(
        t,
        options.initialSoc ?? 1,
      ),
    );
  return {
    plan: plan.plan,
    cell: cell.name,
    model: fidelity === 'reduced' ? 'spme' : 'p2d',
    tests,
    assumptions,
    problems,
    notes,
  };
}

class Runner {
  private started = false;
  private soc = 1;
  private temperature: number;
  private voltage: number | undefined;
  private duration = 0;
  private failure: string | undefined;
  private readonly capacities: SimulatedCapacity[] = [];
  private readonly pulses: SimulatedPulse[] = [];

  constructor(
    private readonly model: CellModel,
    private readonly notes: string[],
    private readonly clock: Clock,
  ) {
    this.temperature = model.parameters.temperature;
  }

  private note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  run(test: ConcreteTest, initialSoc: number): SimulatedTest {
    const started = this.clock();
    this.soc = initialSoc;
    this.steps(test.steps, 1);
    return {
      id: test.id,
      point: test.point,
      capacities: this.capacities,
      pulses: this.pulses,
      duration: this.duration,
      ...(this.failure ? { failure: this.failure } : {}),
      wallMs: this.clock() - started,
    };
  }

  private steps(steps: readonly ConcreteStep[], weight: number): void {
    for (const s of steps) {
      if (this.failure) return;
      this.step(s, weight);
    }
  }

  /** Runs operation steps from the present state; returns the result or undefined after a failure. */
  private operate(ops: OperationStep[]) {
    const result = operate(this.model, ops, {
      initialSoc: this.soc,
      temperature: this.temperature,
      continueRun: this.started,
      clock: this.clock,
    });
    this.started = true;
    if (result.time.length) {
      this.soc = result.soc[result.soc.length - 1]!;
      this.voltage = result.voltage[result.voltage.length - 1]!;
    }
    if (result.failure) this.failure = result.failure;
    return result;
  }

  private step(s: ConcreteStep, weight: number): void {
    if (s.abuse) {
      this.note('abuse steps (beyond the limits on purpose) are not simulated');
      return;
    }
    switch (s.kind) {
      case 'temperature': {
        this.temperature = s.setpoint;
        if (this.started) this.model.setTemperature(s.setpoint);
        if (s.soak > 0)
          this.timed(this.operate([{ mode: 'rest', until: [{ quantity: 'time', value: s.soak }] }]), weight);
        return;
      }
      case 'rest': {
        const t = s.ends.find((e) => e.quantity === 'time')?.value;
        if (t === undefined) this.note('rests without a time end are simulated for 1 h');
        this.timed(this.operate([{ mode: 'rest', until: [{ quantity: 'time', value: t ?? 3600 }] }]), weight);
        return;
      }
      case 'hold': {
        const r = this.operate([{ mode: 'voltage', value: s.voltage, until: this.stops(s.ends, NaN) }]);
        this.timed(r, weight);
        return;
      }
      case 'pulse': {
        const sign = s.direction === 'discharge' ? 1 : -1;
        const before = this.voltage ?? this.model.voltage;
        const soc = this.soc;
        const op: OperationStep =
          s.setpoint.mode === 'power'
            ? { mode: 'power', value: sign * (s.setpoint.power ?? 0), until: [{ quantity: 'time', value: s.duration }] }
            : { mode: 'current', value: sign * s.setpoint.current, until: [{ quantity: 'time', value: s.duration }] };
        const r = this.operate([op]);
        this.timed(r, weight);
        const end = r.voltage[r.voltage.length - 1]!;
        const reachedEnd = r.stepEnds[0]?.reason === 'time';
        if (reachedEnd)
          this.pulses.push({
            direction: s.direction,
            rate: s.setpoint.crate,
            temperature: this.temperature,
            soc,
            duration: s.duration,
            resistance: Math.abs(end - before) / s.setpoint.current,
          });
        return;
      }
      case 'cc': {
        const sign = s.direction === 'discharge' ? 1 : -1;
        const tail = s.ends.filter((e) => e.quantity === 'current');
        const other = s.ends.filter((e) => e.quantity !== 'current');
        const main: OperationStep =
          s.setpoint.mode === 'power'
            ? {
                mode: 'power',
                value: sign * (s.setpoint.power ?? 0),
                until: this.stops(other, s.setpoint.current, s.cv),
              }
            : { mode: 'current', value: sign * s.setpoint.current, until: this.stops(other, s.setpoint.current, s.cv) };
        const ops: OperationStep[] = [main];
        if (s.cv !== undefined && tail.length)
          ops.push({
            mode: 'voltage',
            value: s.cv,
            until: tail.map((e) => ({ quantity: 'current', value: e.value, op: '<=' })),
          });
        const r = this.operate(ops);
        this.timed(r, weight);
        const endedBy = r.stepEnds[0]?.reason ?? 'failed';
        // A full charge or discharge (ended on voltage or the cell's limit) is a capacity measurement.
        if (endedBy === 'voltage' || endedBy === 'limit') {
          const capacity = sign * r.dischargedCapacity;
          const energy = sign * r.energy;
          this.capacities.push({
            direction: s.direction,
            rate: s.setpoint.crate,
            temperature: this.temperature,
            capacity,
            energy,
            meanVoltage: capacity > 0 ? energy / capacity : NaN,
            endedBy,
          });
        }
        return;
      }
      case 'loop': {
        if (!(s.count >= 1)) return;
        if (s.count > 1)
          this.note('a repeat is simulated for its first pass; later passes are counted at the same length');
        const before = this.duration;
        this.steps(s.steps, weight);
        this.duration += (this.duration - before) * (s.count - 1);
        return;
      }
      case 'impedance':
        this.note('impedance steps are not simulated');
        return;
      case 'pressure':
      case 'note':
      case 'documented':
        return;
    }
  }

  private timed(r: ReturnType<typeof operate>, weight: number): void {
    const t = r.time.length ? r.time[r.time.length - 1]! : 0;
    this.duration += t * weight;
  }

  /** End conditions as model stop conditions; a capacity end of a constant current is its time, Q / I. */
  private stops(ends: readonly ConcreteEnd[], current: number, cv?: number): StopCondition[] {
    const out: StopCondition[] = [];
    for (const e of ends) {
      switch (e.quantity) {
        case 'voltage':
          out.push({ quantity: 'voltage', value: e.value, op: e.op });
          break;
        case 'time':
          out.push({ quantity: 'time', value: e.value });
          break;
        case 'soc':
          out.push({ quantity: 'soc', value: e.value, op: e.op });
          break;
        case 'temperature':
          out.push({ quantity: 'temperature', value: e.value, op: e.op });
          break;
        case 'current':
          out.push({ quantity: 'current', value: e.value, op: e.op });
          break;
        case 'capacity':
          if (Number.isFinite(current)) out.push({ quantity: 'time', value: e.value / current });
          break;
        case 'energy':
          this.note('energy ends are not simulated; the step runs to its other ends');
          break;
      }
    }
    if (cv !== undefined && !out.some((c) => c.quantity === 'voltage')) out.push({ quantity: 'voltage', value: cv });
    return out;
  }
}
