export { drivePower, GRAVITY, type DrivePower, type Vehicle } from './vehicle.js';
export { WLTC_CLASS_3B_KMH, WLTC_CLASS_3_PHASES } from './wltc-class3b.js';
export {
  runThermalNetwork,
  stepThermalNetwork,
  type ThermalLink,
  type ThermalNetwork,
  type ThermalNode,
  type ThermalRun,
} from './thermal-network.js';
export { packDesign, type PackDesign, type PackSpec } from './pack-design.js';
export {
  rateAt,
  degradationMap,
  predictAgeing,
  type AgeingCondition,
  type AgeingParameters,
  type AgeingPrediction,
  type ArrheniusRate,
} from './ageing.js';
export { packSpecOf, type DutyIR, type ModuleIR, type PackIR } from './pack-ir.js';
export {
  simulatePack,
  moduleNetwork,
  coolantAlongPath,
  COOLANT_SPECIFIC_HEAT,
  type PackDuty,
  type PackLimits,
  type PackSimulation,
  type PackSimulationInput,
  type PackThermalLayout,
} from './pack-simulation.js';
export { runPackDuties, type PackDutyRuns } from './pack-duties.js';
export {
  ASSUMED_AGEING,
  PROGRAMME_CYCLE_TEST,
  PROGRAMME_STORAGE_TEST,
  fitCalendarAgeing,
  fitCycleAgeing,
  programmeAgeing,
  programmeDegradationMap,
  type AgeingFit,
  type CycleResult,
  type DegradationMap,
  type ProgrammeAgeing,
  type StorageResult,
} from './ageing-programme.js';
