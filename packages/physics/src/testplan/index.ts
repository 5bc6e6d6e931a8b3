export type {
  ConcreteEnd,
  ConcreteSetpoint,
  ConcreteStep,
  ConcreteTest,
  ExpandedPlan,
  PlanCost,
  PlanLocation,
  PlanProblem,
  PlanProblemCode,
  StepKind,
} from './types.js';
export { PLAN_PROBLEM_CODES } from './types.js';
export {
  PROCEDURES,
  findProcedure,
  suggestProcedures,
  procedureArguments,
  type ProcedureDefinition,
  type ProcedureParameter,
  type ParameterKind,
  type ProcedureCell,
} from './procedures.js';
export { expandPlan, cellCapacity, pointLabel, type ExpandOptions } from './expand.js';
export { checkSteps, fmtV, fmtT, fmtRate, fmtI, fmtPct } from './limits.js';
export { checkChannel } from './channel.js';
export { planCost, testDuration, costSummary, formatDuration } from './cost.js';
export {
  advance,
  initialState,
  impedanceDuration,
  CV_TAIL_ESTIMATE,
  OPEN_END_ESTIMATE,
  type IdealCell,
  type IdealState,
} from './ideal.js';
export { describeSteps, describeSetpoint, describeEnd } from './describe.js';
export {
  simulatePlan,
  type PlanSimulation,
  type SimulatedTest,
  type SimulatedCapacity,
  type SimulatedPulse,
  type SimulateOptions,
} from './simulate.js';
