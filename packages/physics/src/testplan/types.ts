/**
 * Concrete test steps: what a cycler (or a test engineer) actually runs once named procedures
 * are expanded, sweeps are split into points and C-rates are turned into currents. Plain data
 * in SI units (A, V, s, K, C, W, Pa, Hz); every emitter reads these and nothing else.
 */

/** One end condition. `value` is SI; currents are in A (`crate` keeps the C-rate it came from). */
export interface ConcreteEnd {
  readonly quantity: 'voltage' | 'current' | 'time' | 'capacity' | 'soc' | 'temperature' | 'energy';
  readonly op: '<=' | '>=';
  readonly value: number;
  /** For current ends written as a C-rate (`until C/20`): that C-rate. */
  readonly crate?: number;
}

/** A current, C-rate or power set-point, resolved. `current` is always filled (power: at mean voltage). */
export interface ConcreteSetpoint {
  readonly mode: 'current' | 'power';
  /** Current, A (magnitude). For power steps an estimate at the cell's mean voltage. */
  readonly current: number;
  /** The C-rate this current corresponds to. */
  readonly crate: number;
  /** Power, W, for power-controlled steps. */
  readonly power?: number;
  /** How the spec wrote it, for messages and PyBaMM (`C/3`, `5 mA`, `10 mW`). */
  readonly written: 'crate' | 'current' | 'power';
}

interface StepBase {
  /** Data-recording interval, s. */
  readonly record?: number;
  /** The named procedure this step was expanded from. */
  readonly origin?: string;
  /** Deliberately outside the cell's limits (abuse tests); limit checks report it as information. */
  readonly abuse?: boolean;
  /** Index path of the written step this came from (into the test's steps and nested loops). */
  readonly source?: readonly number[];
  /** A value of this step comes from the test's sweep (`at -40, 25 °C`), not from the step itself. */
  readonly sweep?: 'temperature' | 'rate' | 'soc';
}

export type ConcreteStep =
  | (StepBase & {
      readonly kind: 'cc';
      readonly direction: 'charge' | 'discharge';
      readonly setpoint: ConcreteSetpoint;
      readonly cv?: number;
      readonly ends: readonly ConcreteEnd[];
    })
  | (StepBase & { readonly kind: 'hold'; readonly voltage: number; readonly ends: readonly ConcreteEnd[] })
  | (StepBase & { readonly kind: 'rest'; readonly ends: readonly ConcreteEnd[] })
  | (StepBase & {
      readonly kind: 'pulse';
      readonly direction: 'charge' | 'discharge';
      readonly setpoint: ConcreteSetpoint;
      readonly duration: number;
    })
  | (StepBase & {
      readonly kind: 'impedance';
      readonly frequencyHigh: number;
      readonly frequencyLow: number;
      readonly amplitude?: number;
    })
  | (StepBase & {
      readonly kind: 'loop';
      readonly count: number;
      readonly steps: readonly ConcreteStep[];
      readonly ends?: readonly ConcreteEnd[];
    })
  | (StepBase & { readonly kind: 'temperature'; readonly setpoint: number; readonly soak: number })
  | (StepBase & { readonly kind: 'pressure'; readonly value: number })
  | (StepBase & { readonly kind: 'note'; readonly text: string })
  /** An operation that is not run on a cycler (crush, nail, oven): documented with its criteria. */
  | (StepBase & {
      readonly kind: 'documented';
      readonly title: string;
      readonly text: string;
      readonly criteria: readonly string[];
    });

export type StepKind = ConcreteStep['kind'];

/** One sub-test: a test at one sweep point. */
export interface ConcreteTest {
  /** `capacity@-20°C@1C`: test name plus the sweep point. */
  readonly id: string;
  readonly test: string;
  readonly title?: string;
  /** The sweep point this sub-test runs at. */
  readonly point: { readonly temperature?: number; readonly rate?: number; readonly soc?: number };
  readonly samples: number;
  readonly restraintPressure?: number;
  readonly steps: readonly ConcreteStep[];
  readonly criteria: readonly string[];
  /** Whether any step goes to a cycler (documented-only tests do not). */
  readonly electrical: boolean;
}

/** Where in the plan a problem is: test name, sub-test id and a step path (indices into nested loops). */
export interface PlanLocation {
  readonly test: string;
  readonly subtest?: string;
  /** Index path of the step in the test as written (before expansion), when known. */
  readonly step?: readonly number[];
  /** The problem comes from a sweep value (`at`, `rates`, `socs`) rather than a written step. */
  readonly sweep?: 'temperature' | 'rate' | 'soc';
}

/** Every code a plan problem can carry; the language maps each to a diagnostic code exhaustively. */
export const PLAN_PROBLEM_CODES = [
  'limit-rate',
  'limit-voltage',
  'limit-temperature',
  'limit-soc',
  'impossible-end',
  'no-end',
  'loop-without-exit',
  'empty-loop',
  'unknown-procedure',
  'unknown-parameter',
  'invalid-parameter',
  'no-capacity',
  'no-voltage-window',
  'channel-bipolar',
  'channel-range',
] as const;
export type PlanProblemCode = (typeof PLAN_PROBLEM_CODES)[number];

export interface PlanProblem {
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: PlanProblemCode;
  readonly message: string;
  readonly at: PlanLocation;
}

/** What a plan costs in equipment time. */
export interface PlanCost {
  /** Sum of sub-test durations, s: the time the plan occupies its channels when tests run one after another. */
  readonly cyclerTime: number;
  /** Channels needed at once: the largest sample count of any electrical test. */
  readonly channels: number;
  /** Channel-time, s: Σ samples × duration. */
  readonly channelTime: number;
  /** Distinct chamber set-points, K, ascending. */
  readonly chamberTemperatures: readonly number[];
  /** Per sub-test duration, s. */
  readonly perTest: readonly { readonly id: string; readonly duration: number; readonly samples: number }[];
  /** One line for hover and reports: "41 days on 3 channels at −20, 25, 45 °C". */
  readonly summary: string;
}

export interface ExpandedPlan {
  readonly plan: string;
  readonly title?: string;
  readonly cell: string;
  /** Current at 1C, A, and the capacity it came from, C. */
  readonly oneC: number;
  readonly capacity: number;
  /** Where the capacity came from ("nominal-capacity", "one-c-current", "design"). */
  readonly capacitySource: string;
  readonly voltageWindow: readonly [number, number];
  readonly tests: readonly ConcreteTest[];
  readonly problems: readonly PlanProblem[];
  readonly cost: PlanCost;
}
