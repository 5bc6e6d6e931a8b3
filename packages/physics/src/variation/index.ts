export { DESIGN_VARIABLES, findVariable, type DesignVariable } from './variables.js';
export { seededRandom, type RandomSource } from './random.js';
export { lotVariation, type LotOptions, type LotVariation, type MetricSpread, type Tolerance } from './lot.js';
export {
  SIMULATED_METRICS,
  cellAtPoint,
  checkConstraints,
  evaluatePoint,
  frontOf,
  paretoFront,
  sweepDesign,
  sweepGrid,
  sweepProblems,
  type SweepAxis,
  type SweepConstraint,
  type SweepObjective,
  type SweepPoint,
  type SweepResult,
  type SweepSimulation,
} from './sweep.js';
export { tolerancesFromProcesses } from './from-processes.js';
export {
  StudyError,
  metricKindOf,
  parseAxisText,
  parseConstraintText,
  parseObjectiveText,
  parseRateText,
  parseStudy,
  quantityText,
  type SweepStudy,
} from './study.js';
