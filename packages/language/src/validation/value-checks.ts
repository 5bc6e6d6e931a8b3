/**
 * Values that are not named properties but stand in a fixed structural place: dimensions are
 * lengths, a collector has a thickness, target values fit their metric, test-step set-points are
 * rates, currents or powers, end conditions and sweeps have sensible kinds.
 */
import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { QuantityKind } from '@cellspec/units';
import type { CellSpecServices } from '../cellspec-module.js';
import type {
  AnalysisOption,
  CellSpecAstType,
  Dimensions,
  EndClause,
  EndCondition,
  Expression,
  ImpedanceStep,
  Sweep,
  Target,
} from '../generated/ast.js';
import { Code } from './codes.js';
import { TARGET_METRICS } from '../properties.js';
import { ValueChecks, checkLimits, showValue, type Limits } from './values.js';

/** What a charge or discharge step may be driven by. */
export const SETPOINT_KINDS: readonly QuantityKind[] = ['cRate', 'current', 'currentDensity', 'power', 'arealPower'];

/** Metric → accepted kinds of its target value (from the one table of target metrics). */
export const METRIC_KINDS: Readonly<Record<string, readonly QuantityKind[]>> = Object.fromEntries(
  Object.entries(TARGET_METRICS).map(([metric, { kind }]) => [metric, [kind]]),
);

/** Metrics that are meaningless without saying what they are per. */
const NEEDS_BASIS = new Set(['energy-density', 'specific-energy']);

const SWEEP_KINDS: Readonly<Record<string, readonly QuantityKind[]>> = {
  at: ['temperature', 'cRate', 'current', 'power'],
  rates: ['cRate', 'current', 'currentDensity', 'power'],
  socs: ['fraction'],
};

const ANALYSIS_KINDS: Readonly<Record<string, readonly QuantityKind[]>> = {
  at: ['cRate', 'current', 'temperature'],
  rates: ['cRate', 'current'],
  rate: ['cRate', 'current'],
  temperature: ['temperature'],
  temperatures: ['temperature'],
  ambient: ['temperature'],
  'to-soc': ['fraction'],
  'from-soc': ['fraction'],
  'heat-transfer': ['heatTransferCoefficient'],
};

/** How sweep and analysis values are named in messages. */
const OPTION_WORDS: Readonly<Record<string, string>> = {
  'sweep at': 'swept temperature or rate',
  'sweep rates': 'swept rate',
  'sweep socs': 'swept state of charge',
  at: 'analysis rate or temperature',
  rates: 'analysis rate',
  rate: 'analysis rate',
  temperature: 'analysis temperature',
  temperatures: 'analysis temperature',
  ambient: 'ambient temperature',
  'to-soc': 'target state of charge',
  'from-soc': 'starting state of charge',
  'heat-transfer': 'heat-transfer coefficient',
};

const END_KINDS: Readonly<Record<string, readonly QuantityKind[]>> = {
  soc: ['fraction'],
  capacity: ['capacity'],
  energy: ['energy'],
  temperature: ['temperature'],
};
/** A bare end condition: a cut-off voltage, a cut-off rate or current (`until C/20`), a power. */
const BARE_END_KINDS: readonly QuantityKind[] = ['voltage', 'cRate', 'current', 'currentDensity', 'power'];

const POSITIVE: Limits = { positive: true };
const FRACTION: Limits = { min: 0, max: 1 };
const TEMPERATURE: Limits = { min: 0, max: 1000 };
const VOLTAGE: Limits = { min: 0, max: 10 };
/** Nothing in a cell spec is larger than a few metres; bigger outlines are unit slips. */
const DIMENSION: Limits = { positive: true, max: 5 };
/** Foils and films: thicker than a centimetre is a unit slip. */
const FOIL: Limits = { positive: true, max: 0.01 };

export function valueChecks(services: CellSpecServices): ValidationChecks<CellSpecAstType> {
  const v = new ValueChecks(services.evaluation.Evaluator);
  const dimensions = (d: Dimensions | undefined, what: string, accept: ValidationAcceptor): void => {
    if (!d) return;
    v.quantity(d.width, ['length'], `${what} width`, accept, DIMENSION);
    v.quantity(d.height, ['length'], `${what} height`, accept, DIMENSION);
  };
  const endClause = (end: EndClause | undefined, accept: ValidationAcceptor): void => {
    if (end?.duration) v.quantity(end.duration, ['time'], 'duration', accept, POSITIVE);
  };
  return {
    Constant: (node, accept) => {
      v.evaluates(node.value, accept);
    },
    Parameter: (node, accept) => {
      for (const value of node.values?.values ?? []) v.evaluates(value, accept);
      if (node.tolerance) v.evaluates(node.tolerance.value, accept);
    },
    OcpPoint: (node, accept) => {
      v.quantity(node.voltage, ['voltage'], 'OCP voltage', accept, VOLTAGE);
    },
    Outline: (node, accept) => dimensions(node.size, 'outline', accept),
    ElectrodeArea: (node, accept) => dimensions(node.size, 'electrode area', accept),
    AreaOverride: (node, accept) => dimensions(node.size, 'area', accept),
    Collector: (node, accept) => {
      v.quantity(node.thickness, ['length'], 'collector thickness', accept, FOIL);
    },
    LayerFilm: (node, accept) => {
      v.quantity(node.thickness, ['length'], `${node.role} thickness`, accept, FOIL);
      v.quantity(node.width, ['length'], `${node.role} width`, accept, DIMENSION);
      v.quantity(node.count, ['dimensionless'], `${node.role} count`, accept, { min: 1, max: 1000, integer: true });
    },
    Target: (node, accept) => checkTarget(node, accept, v),
    CurrentStep: (node, accept) => {
      v.quantity(node.setpoint, SETPOINT_KINDS, `${node.direction} set-point`, accept, POSITIVE);
      v.quantity(node.cv, ['voltage'], 'constant-voltage limit', accept, VOLTAGE);
      endClause(node.end, accept);
    },
    PulseStep: (node, accept) => {
      v.quantity(node.setpoint, SETPOINT_KINDS, `${node.direction} pulse set-point`, accept, POSITIVE);
      v.quantity(node.duration, ['time'], 'pulse duration', accept, POSITIVE);
    },
    RestStep: (node, accept) => endClause(node.end, accept),
    HoldStep: (node, accept) => {
      v.quantity(node.voltage, ['voltage'], 'hold voltage', accept, VOLTAGE);
      endClause(node.end, accept);
    },
    ImpedanceStep: (node, accept) => checkImpedance(node, accept, v),
    LoopStep: (node, accept) => {
      // Whole-number counts of at least one are a test-plan rule (a loop must exit), checked there.
      v.quantity(node.count, ['dimensionless'], 'repeat count', accept);
      endClause(node.end, accept);
    },
    TemperatureStep: (node, accept) => {
      v.quantity(node.value, ['temperature'], 'temperature set-point', accept, TEMPERATURE);
      v.quantity(node.soak, ['time'], 'soak time', accept, POSITIVE);
    },
    PressureStep: (node, accept) => {
      v.quantity(node.value, ['pressure'], 'pressure set-point', accept, { min: 0, max: 1e9 });
    },
    SocStep: (node, accept) => {
      v.quantity(node.value, ['fraction'], 'state of charge', accept, FRACTION);
      v.quantity(node.rate, ['cRate', 'current'], 'rate to reach the state of charge', accept, POSITIVE);
    },
    RecordStep: (node, accept) => {
      v.quantity(node.interval, ['time', 'voltage', 'capacity'], 'recording interval', accept, POSITIVE);
    },
    EndCondition: (node, accept) => checkEndCondition(node, accept, v),
    Sweep: (node, accept) =>
      checkList(node, SWEEP_KINDS[node.key] ?? [], OPTION_WORDS[`sweep ${node.key}`] ?? node.key, accept, v),
    AnalysisOption: (node, accept) => {
      if (node.key !== 'model')
        checkList(node, ANALYSIS_KINDS[node.key] ?? [], OPTION_WORDS[node.key] ?? node.key, accept, v);
    },
  };
}

function checkTarget(node: Target, accept: ValidationAcceptor, v: ValueChecks): void {
  const kinds = METRIC_KINDS[node.metric] ?? [];
  const what = `${node.metric} target`;
  const low = v.quantity(node.value, kinds, what, accept, POSITIVE);
  if (node.upper) {
    const high = v.quantity(node.upper, kinds, what, accept, POSITIVE);
    if (low && high && low.si >= high.si) {
      accept(
        'error',
        `${what} between ${showValue(low.si, low)} and ${showValue(high.si, high)} is empty; write the lower bound first`,
        { node, property: 'upper', code: Code.ExpectedRange },
      );
    }
  }
  if (node.tolerance) {
    v.quantity(
      node.tolerance.value,
      low ? [low.kind, 'fraction'] : [...kinds, 'fraction'],
      `tolerance of the ${node.metric} target`,
      accept,
      POSITIVE,
    );
  }
  if (NEEDS_BASIS.has(node.metric) && !node.basis) {
    accept(
      'error',
      `${node.metric} must name its basis: (stack) for the electrode stack or (cell) for the packaged cell`,
      { node, property: 'metric', code: Code.MissingProperty },
    );
  }
}

function checkImpedance(node: ImpedanceStep, accept: ValidationAcceptor, v: ValueChecks): void {
  // The order of the sweep (high to low) is a test-plan rule, checked with the other test-plan checks.
  v.quantity(node.high, ['frequency'], 'start frequency', accept, POSITIVE);
  v.quantity(node.low, ['frequency'], 'end frequency', accept, POSITIVE);
  v.quantity(node.amplitude, ['voltage', 'current'], 'impedance amplitude', accept, POSITIVE);
}

function checkEndCondition(node: EndCondition, accept: ValidationAcceptor, v: ValueChecks): void {
  if (node.quantity) {
    // SOC limits (0…100 %) are a test-plan rule, checked with the other end-condition checks.
    const limits = node.quantity === 'soc' ? undefined : node.quantity === 'temperature' ? TEMPERATURE : POSITIVE;
    v.quantity(node.value, END_KINDS[node.quantity] ?? [], `${node.quantity} end condition`, accept, limits);
  } else {
    v.quantity(node.value, BARE_END_KINDS, 'end condition', accept, POSITIVE);
  }
}

function checkList(
  node: Sweep | AnalysisOption,
  kinds: readonly QuantityKind[],
  what: string,
  accept: ValidationAcceptor,
  v: ValueChecks,
): void {
  const limitsOf = (kind: QuantityKind): Limits | undefined =>
    kind === 'temperature' ? TEMPERATURE : kind === 'fraction' ? FRACTION : POSITIVE;
  const quantities = v.list(node.values, kinds, what, accept);
  const first = quantities.find((q) => q !== undefined);
  quantities.forEach((q, i) => {
    if (!q || !first) return;
    const expr = node.values!.values[i]! as Expression;
    if (q.kind !== first.kind) {
      accept(
        'error',
        `a sweep varies one quantity: ${showValue(q.si, q)} does not fit with ${showValue(first.si, first)}`,
        { node: expr, code: Code.UnitKind },
      );
      return;
    }
    const limits = limitsOf(q.kind);
    if (limits) checkLimits(q, limits, what, expr, accept);
  });
}
