/** Fitting model parameters to measured cycler data. */
export type { MeasuredSeries } from './measured.js';
export {
  FIT_PARAMETERS,
  fitParameter,
  type ElectrodeRole,
  type FitParameterDefinition,
  type SpecTarget,
} from './parameters.js';
export { replay, segmentCurrent, socAtOpenCircuitVoltage, type ReplayOptions, type Segment } from './replay.js';
export {
  identifiabilityProblem,
  scaledConditionNumber,
  studentT975,
  NO_SENSITIVITY,
  MAX_CONDITION,
} from './identifiability.js';
export {
  fitModelParameters,
  MAX_INTERVAL_FACTOR,
  type Experiment,
  type ExperimentResiduals,
  type FitFailure,
  type FitOptions,
  type FitProgress,
  type FitResult,
  type FitSuccess,
  type FittedParameter,
} from './fit.js';
