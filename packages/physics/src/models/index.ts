/** Electrochemical and thermal cell models on the IR. */
export { GAS_CONSTANT, REFERENCE_TEMPERATURE, arrhenius } from './constants.js';
export * from './parameters.js';
export type { CellModel, Control, HeatSources, Profiles } from './model.js';
export { P2DModel } from './p2d.js';
export { openCircuitMeanVoltage } from './open-circuit.js';
export { SPMeModel } from './spme.js';
export { BandedMatrix } from './banded.js';
export { updateLumpedTemperature, constantHeatRise } from './thermal.js';
export {
  operate,
  MODEL_RUN_BUDGET_MS,
  constantCurrentCharge,
  constantCurrentDischarge,
  cccvCharge,
  pulse,
  type OperationStep,
  type OperationOptions,
  type SimulationResult,
  type StopCondition,
  type StopQuantity,
  type StepEnd,
} from './operation.js';
export {
  marquis2019,
  marquisElectrolyteConductivity,
  marquisElectrolyteDiffusivity,
  type Marquis2019Options,
} from './marquis2019.js';
export {
  parametersFromCell,
  DEFAULT_TORTUOSITY_FACTOR,
  DEFAULT_SOLID_STATE_INTERFACE_RESISTANCE,
  INTERFACE_ACTIVATION_ENERGY,
  SOLID_CHARGE_TRANSFER_ACTIVATION_ENERGY,
  type ParametersResult,
} from './from-cell.js';
export {
  runAnalysis,
  runCellAnalyses,
  runConstantCurrent,
  fastCharge,
  makeModel,
  rateLabel,
  type AnalysisOutcome,
  type AnalysisRun,
  type FastChargeResult,
  type CellAnalyses,
  type Finding,
  type RunOptions,
} from './analyses.js';
export { ELECTROLYTE_TRANSPORT, type ElectrolyteTransport } from './electrolytes.js';
