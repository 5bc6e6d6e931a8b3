/**
 * Expands a test plan for its cell: named procedures become their steps, sweeps become one
 * sub-test per point, C-rates become currents against the cell's capacity, and every step is
 * checked against the cell's limits. The result is what emitters write and hovers show.
 */
import type { CellIR, EndConditionIR, SetpointIR, TestIR, TestPlanIR, TestStepIR } from '../ir.js';
import {
  findProcedure,
  procedureArguments,
  suggestProcedures,
  type ExpansionStep,
  type ProcedureCell,
} from './procedures.js';
import { advance, initialState, type IdealCell, type IdealState } from './ideal.js';
import { checkChannel } from './channel.js';
import { checkSteps, fmtRate } from './limits.js';
import { planCost } from './cost.js';
import type {
  ConcreteEnd,
  ConcreteSetpoint,
  ConcreteStep,
  ConcreteTest,
  ExpandedPlan,
  PlanProblem,
  PlanProblemCode,
} from './types.js';

export interface ExpandOptions {
  /** Design capacity from the design calculator, C; used when the cell fixes neither 1C nor a nominal capacity. */
  readonly designCapacity?: number;
  /** Soak time added with a sweep's temperature set-point, s (default 2 h). */
  readonly sweepSoak?: number;
}

const K0 = 273.15;
const DEFAULT_SWEEP_SOAK = 2 * 3600;
/** set-soc without a rate moves at C/3, the IEC 62660-1 reference rate. */
const DEFAULT_SOC_RATE = 1 / 3;

/** Current per 1C and the capacity behind it: a fixed 1C current, else the nominal capacity, else the design capacity. */
export function cellCapacity(
  cell: CellIR,
  options: ExpandOptions = {},
): { capacity: number; oneC: number; source: string } | undefined {
  if (cell.oneCCurrent !== undefined && cell.oneCCurrent > 0)
    return { capacity: cell.oneCCurrent * 3600, oneC: cell.oneCCurrent, source: 'one-c-current' };
  if (cell.nominalCapacity !== undefined && cell.nominalCapacity > 0)
    return { capacity: cell.nominalCapacity, oneC: cell.nominalCapacity / 3600, source: 'nominal-capacity' };
  if (options.designCapacity !== undefined && options.designCapacity > 0)
    return { capacity: options.designCapacity, oneC: options.designCapacity / 3600, source: 'design capacity' };
  return undefined;
}

export function expandPlan(plan: TestPlanIR, cell: CellIR, options: ExpandOptions = {}): ExpandedPlan {
  const problems: PlanProblem[] = [];
  const cap = cellCapacity(cell, options);
  if (!cap) {
    problems.push({
      severity: 'error',
      code: 'no-capacity',
      at: { test: plan.tests[0]?.name ?? plan.name },
      message: `cannot turn C-rates into currents: cell ${cell.name} states no nominal-capacity or one-c-current, and no design capacity is known`,
    });
  }
  const vmin = cell.limits.voltageMin;
  const vmax = cell.limits.voltageMax;
  if (vmin === undefined || vmax === undefined) {
    problems.push({
      severity: 'error',
      code: 'no-voltage-window',
      at: { test: plan.tests[0]?.name ?? plan.name },
      message: `cell ${cell.name} has no voltage window (limits { voltage 2.5 V to 4.25 V }); charge and discharge ends cannot be checked`,
    });
  }
  const ctx: Context = {
    cell,
    capacity: cap?.capacity ?? NaN,
    oneC: cap?.oneC ?? NaN,
    procedureCell: { voltageMin: vmin ?? NaN, voltageMax: vmax ?? NaN, capacity: cap?.capacity ?? NaN },
    ideal: { capacity: cap?.capacity ?? NaN, voltageMin: vmin ?? NaN, voltageMax: vmax ?? NaN },
    sweepSoak: options.sweepSoak ?? DEFAULT_SWEEP_SOAK,
    problems,
  };
  const tests: ConcreteTest[] = [];
  for (const test of plan.tests) tests.push(...expandTest(test, ctx));
  for (const t of tests) problems.push(...checkSteps(t, cell, ctx.oneC));
  for (const t of tests) problems.push(...checkChannel(t, plan.tests.find((x) => x.name === t.test)?.channelVoltage));
  return {
    plan: plan.name,
    ...(plan.title ? { title: plan.title } : {}),
    cell: cell.name,
    oneC: ctx.oneC,
    capacity: ctx.capacity,
    capacitySource: cap?.source ?? 'unknown',
    voltageWindow: [vmin ?? NaN, vmax ?? NaN],
    tests,
    problems: dedupe(problems),
    cost: planCost(tests, ctx.ideal),
  };
}

interface Context {
  readonly cell: CellIR;
  readonly capacity: number;
  readonly oneC: number;
  readonly procedureCell: ProcedureCell;
  readonly ideal: IdealCell;
  readonly sweepSoak: number;
  readonly problems: PlanProblem[];
}

interface Point {
  temperature?: number;
  rate?: number;
  soc?: number;
}

/** One sub-test per point of the cartesian product of the test's sweeps. */
function sweepPoints(test: TestIR): Point[] {
  const temps: (number | undefined)[] = test.temperatures?.length ? [...test.temperatures] : [undefined];
  const rates: (number | undefined)[] = test.rates?.length ? [...test.rates] : [undefined];
  const socs: (number | undefined)[] = test.socs?.length ? [...test.socs] : [undefined];
  const out: Point[] = [];
  for (const temperature of temps)
    for (const rate of rates)
      for (const soc of socs) {
        out.push({
          ...(temperature !== undefined ? { temperature } : {}),
          ...(rate !== undefined ? { rate } : {}),
          ...(soc !== undefined ? { soc } : {}),
        });
      }
  return out;
}

export function pointLabel(p: Point): string {
  const parts: string[] = [];
  if (p.temperature !== undefined) parts.push(`${round(p.temperature - K0)} °C`);
  if (p.rate !== undefined) parts.push(fmtRate(p.rate));
  if (p.soc !== undefined) parts.push(`SOC ${round(p.soc * 100)} %`);
  return parts.join(', ');
}

function expandTest(test: TestIR, ctx: Context): ConcreteTest[] {
  const points = sweepPoints(test);
  const swept = (test.temperatures?.length ?? 0) > 1 || (test.rates?.length ?? 0) > 0 || (test.socs?.length ?? 0) > 0;
  const hasProcedure = containsProcedure(test.steps);
  return points.map((point) => {
    const id = swept ? `${test.name} @ ${pointLabel(point)}` : test.name;
    const state = initialState();
    const defaults: Record<string, number> = {};
    if (point.temperature !== undefined) defaults.temperature = point.temperature;
    if (point.rate !== undefined) defaults.rate = point.rate;
    if (point.soc !== undefined) defaults.soc = point.soc;
    const prefix: ConcreteStep[] = [];
    const expander = new StepExpander(ctx, test.name, id, defaults, hasProcedure ? undefined : point.rate);
    if (test.restraintPressure !== undefined) prefix.push({ kind: 'pressure', value: test.restraintPressure });
    const body = expander.steps(test.steps, [], state);
    const setsTemperature = containsKind(body, 'temperature');
    if (point.temperature !== undefined && !setsTemperature) {
      prefix.push({ kind: 'temperature', setpoint: point.temperature, soak: ctx.sweepSoak, sweep: 'temperature' });
    }
    let steps = [...prefix, ...body];
    if (point.soc !== undefined && !hasProcedure) {
      // A SOC sweep without a procedure: bring the cell to the point's SOC before the written steps.
      const s0 = initialState();
      for (const s of prefix) advance(s, s0, ctx.ideal);
      const move = expander.setSoc(point.soc, DEFAULT_SOC_RATE, s0, []);
      steps = [...prefix, ...move, ...expander.steps(test.steps, [], s0)];
    }
    return {
      id,
      test: test.name,
      ...(test.title ? { title: test.title } : {}),
      point,
      samples: test.samples ?? 1,
      ...(test.restraintPressure !== undefined ? { restraintPressure: test.restraintPressure } : {}),
      steps,
      criteria: [...test.criteria, ...expander.criteria.filter((c) => !test.criteria.includes(c))],
      electrical: containsElectrical(steps),
    };
  });
}

class StepExpander {
  readonly criteria: string[] = [];
  constructor(
    private readonly ctx: Context,
    private readonly test: string,
    private readonly subtest: string,
    private readonly defaults: Readonly<Record<string, number>>,
    /** A rate sweep without procedures sets the rate of the written discharge steps. */
    private readonly sweepRate: number | undefined,
  ) {}

  steps(steps: readonly TestStepIR[], path: readonly number[], state: IdealState): ConcreteStep[] {
    const out: ConcreteStep[] = [];
    steps.forEach((s, i) => {
      const here = [...path, i];
      const produced = this.step(s, here, state, undefined);
      out.push(...produced);
    });
    return out;
  }

  private problem(
    severity: PlanProblem['severity'],
    code: PlanProblemCode,
    message: string,
    step: readonly number[],
  ): void {
    this.ctx.problems.push({ severity, code, message, at: { test: this.test, subtest: this.subtest, step } });
  }

  /** One written (or procedure-produced) step → concrete steps; advances the ideal state. */
  private step(
    s: ExpansionStep,
    source: readonly number[],
    state: IdealState,
    origin: string | undefined,
  ): ConcreteStep[] {
    const base = { source, ...(origin ? { origin } : {}), ...(s.abuse ? { abuse: true } : {}) };
    const emit = (c: ConcreteStep): ConcreteStep[] => {
      advance(c, state, this.ctx.ideal);
      return [c];
    };
    switch (s.type) {
      case 'charge':
      case 'discharge': {
        const setpoint =
          s.type === 'discharge' && this.sweepRate !== undefined && origin === undefined
            ? this.setpoint({ mode: 'crate', value: this.sweepRate })
            : this.setpoint(s.setpoint);
        return emit({
          kind: 'cc',
          direction: s.type,
          setpoint,
          ...(s.cv !== undefined ? { cv: s.cv } : {}),
          ends: this.ends(s.until, s.type, state),
          ...(s.record !== undefined ? { record: s.record } : {}),
          ...base,
        });
      }
      case 'rest':
        return emit({
          kind: 'rest',
          ends: this.ends(s.until, 'rest', state),
          ...(s.record !== undefined ? { record: s.record } : {}),
          ...base,
        });
      case 'hold':
        return emit({
          kind: 'hold',
          voltage: s.voltage,
          ends: this.ends(s.until, 'hold', state),
          ...(s.record !== undefined ? { record: s.record } : {}),
          ...base,
        });
      case 'pulse':
        return emit({
          kind: 'pulse',
          direction: s.direction,
          setpoint: this.setpoint(s.setpoint),
          duration: s.duration,
          ...(s.record !== undefined ? { record: s.record } : {}),
          ...base,
        });
      case 'impedance': {
        const pre =
          s.soc !== undefined && origin === undefined ? this.setSoc(s.soc, DEFAULT_SOC_RATE, state, source) : [];
        return [
          ...pre,
          ...emit({
            kind: 'impedance',
            frequencyHigh: s.frequencyHigh,
            frequencyLow: s.frequencyLow,
            ...(s.amplitude !== undefined ? { amplitude: s.amplitude } : {}),
            ...base,
          }),
        ];
      }
      case 'loop': {
        const entry = { ...state };
        const inner: ConcreteStep[] = [];
        s.steps.forEach((c, i) => inner.push(...this.step(c, origin ? source : [...source, i], entry, origin)));
        const loop: ConcreteStep = {
          kind: 'loop',
          count: s.count,
          steps: inner,
          ...(s.until?.length ? { ends: this.ends(s.until, 'loop', state) } : {}),
          ...base,
        };
        advance(loop, state, this.ctx.ideal);
        return [loop];
      }
      case 'temperature':
        return emit({ kind: 'temperature', setpoint: s.setpoint, soak: s.soak ?? 0, ...base });
      case 'pressure':
        return emit({ kind: 'pressure', value: s.value, ...base });
      case 'set-soc':
        return this.setSoc(s.soc, s.rate ?? DEFAULT_SOC_RATE, state, source, origin);
      case 'note':
        return [{ kind: 'note', text: s.text, ...base }];
      case 'documented':
        return [{ kind: 'documented', title: s.title, text: s.text, criteria: s.criteria, ...base }];
      case 'procedure':
        return this.procedure(s.name, s.arguments, source, state);
    }
  }

  private procedure(
    name: string,
    written: Readonly<Record<string, number | string | readonly number[]>>,
    source: readonly number[],
    state: IdealState,
  ): ConcreteStep[] {
    const def = findProcedure(name);
    if (!def) {
      const near = suggestProcedures(name);
      this.problem(
        'error',
        'unknown-procedure',
        `unknown procedure '${name}'${near.length ? `; did you mean ${near.map((n) => `'${n}'`).join(' or ')}?` : ''}`,
        source,
      );
      return [];
    }
    const { args, unknown, invalid } = procedureArguments(def, written, this.ctx.procedureCell, this.defaults);
    for (const u of unknown) {
      this.problem(
        'error',
        'unknown-parameter',
        `procedure ${name} has no parameter '${u}'; it takes ${def.parameters.map((p) => p.name).join(', ') || 'no parameters'}`,
        source,
      );
    }
    for (const u of invalid)
      this.problem(
        'error',
        'invalid-parameter',
        `parameter '${u}' of procedure ${name} needs a value with a unit, not text`,
        source,
      );
    for (const c of def.criteria) if (!this.criteria.includes(c)) this.criteria.push(c);
    const out: ConcreteStep[] = [];
    for (const s of def.expand(args, this.ctx.procedureCell)) out.push(...this.step(s, source, state, name));
    // Set-points the sweep supplied (the procedure's temperature was not written) belong to the sweep.
    const swept = this.defaults.temperature;
    if (swept === undefined || written.temperature !== undefined) return out;
    const mark = (steps: ConcreteStep[]): ConcreteStep[] =>
      steps.map((c) =>
        c.kind === 'temperature' && c.setpoint === swept
          ? { ...c, sweep: 'temperature' as const }
          : c.kind === 'loop'
            ? { ...c, steps: mark([...c.steps]) }
            : c,
      );
    return mark(out);
  }

  /**
   * Moves the cell to a SOC as IEC 62660-1 adjusts it (clause 7.1): a full CC-CV charge (the
   * standard charge of clause 6.3, C/20 tail) defines SOC 100 %, and a discharge at the rate by
   * (1 − SOC) × capacity sets the SOC. A SOC of 100 % — the pre-storage charge — is the CC-CV
   * charge alone. Only a move down from a known SOC discharges directly by the difference, which
   * is the same discharge the standard ends with.
   */
  setSoc(target: number, rate: number, state: IdealState, source: readonly number[], origin?: string): ConcreteStep[] {
    const out: ConcreteStep[] = [];
    const base = { source, origin: origin ?? 'set-soc (IEC 62660-1 SOC adjustment)' };
    const push = (c: ConcreteStep): void => {
      advance(c, state, this.ctx.ideal);
      out.push(c);
    };
    const vmax = this.ctx.procedureCell.voltageMax;
    const vmin = this.ctx.procedureCell.voltageMin;
    const full = target >= 1 - 1e-6;
    const known = state.soc;
    if (known === undefined || (target > known + 1e-6 && !(known >= 1 - 1e-6))) {
      // Up, or from an unknown state: a full CC-CV charge defines SOC 100 %.
      push({
        kind: 'cc',
        direction: 'charge',
        setpoint: this.setpoint({ mode: 'crate', value: rate }),
        cv: vmax,
        ends: [{ quantity: 'current', op: '<=', value: this.ctx.oneC / 20, crate: 1 / 20 }],
        ...base,
      });
      state.soc = 1;
      if (full) return out;
      push({ kind: 'rest', ends: [{ quantity: 'time', op: '>=', value: 30 * 60 }], ...base });
    }
    const delta = target - (state.soc ?? 1);
    if (Math.abs(delta) < 1e-6) return out;
    push({
      kind: 'cc',
      direction: 'discharge',
      setpoint: this.setpoint({ mode: 'crate', value: rate }),
      ends: [
        { quantity: 'capacity', op: '>=', value: Math.abs(delta) * this.ctx.capacity },
        { quantity: 'voltage', op: '<=', value: vmin },
      ],
      ...base,
    });
    // The move ends on capacity: the SOC is the target (the voltage end is only a guard).
    state.soc = target;
    return out;
  }

  private setpoint(sp: SetpointIR): ConcreteSetpoint {
    const oneC = this.ctx.oneC;
    switch (sp.mode) {
      case 'crate':
        return { mode: 'current', current: sp.value * oneC, crate: sp.value, written: 'crate' };
      case 'current':
        return { mode: 'current', current: sp.value, crate: sp.value / oneC, written: 'current' };
      case 'power': {
        // Current of a power step estimated at the middle of the voltage window.
        const vmean = (this.ctx.procedureCell.voltageMin + this.ctx.procedureCell.voltageMax) / 2;
        const current = sp.value / vmean;
        return { mode: 'power', power: sp.value, current, crate: current / oneC, written: 'power' };
      }
      case 'voltage':
        return { mode: 'current', current: NaN, crate: NaN, written: 'current' };
    }
  }

  /** End conditions with their comparison made explicit and C-rates turned into currents. */
  private ends(
    ends: readonly EndConditionIR[],
    kind: 'charge' | 'discharge' | 'rest' | 'hold' | 'loop',
    state: IdealState,
  ): ConcreteEnd[] {
    return ends.map((e): ConcreteEnd => {
      const falling = kind === 'discharge' || (kind === 'rest' && state.lastDirection === 'charge');
      switch (e.quantity) {
        case 'voltage':
          return { quantity: 'voltage', op: e.op ?? (falling ? '<=' : '>='), value: e.value };
        case 'crate':
          return { quantity: 'current', op: e.op ?? '<=', value: e.value * this.ctx.oneC, crate: e.value };
        case 'current':
          return { quantity: 'current', op: e.op ?? '<=', value: e.value };
        case 'soc':
          return { quantity: 'soc', op: e.op ?? (kind === 'discharge' ? '<=' : '>='), value: e.value };
        case 'time':
        case 'capacity':
        case 'energy':
          return { quantity: e.quantity, op: e.op ?? '>=', value: e.value };
        case 'temperature':
          return { quantity: 'temperature', op: e.op ?? '>=', value: e.value };
      }
    });
  }
}

function containsProcedure(steps: readonly TestStepIR[]): boolean {
  return steps.some((s) => s.type === 'procedure' || (s.type === 'loop' && containsProcedure(s.steps)));
}

function containsKind(steps: readonly ConcreteStep[], kind: ConcreteStep['kind']): boolean {
  return steps.some((s) => s.kind === kind || (s.kind === 'loop' && containsKind(s.steps, kind)));
}

const ELECTRICAL = new Set<ConcreteStep['kind']>(['cc', 'hold', 'rest', 'pulse', 'impedance']);
function containsElectrical(steps: readonly ConcreteStep[]): boolean {
  return steps.some((s) => ELECTRICAL.has(s.kind) || (s.kind === 'loop' && containsElectrical(s.steps)));
}

function dedupe(problems: PlanProblem[]): PlanProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.severity}|${p.code}|${p.message}|${p.at.test}|${(p.at.step ?? []).join('.')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
