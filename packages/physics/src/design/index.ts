export * from './types.js';
export { designCell, collectorCounts, type DesignOptions } from './calculate.js';
export { designElectrode, FARADAY, CONSISTENCY_TOLERANCE } from './electrode.js';
export { meanVoltageFromOcp, ocpOf, integrateUnit } from './voltage.js';
export { METRICS, metricSpec, formatMetric, type MetricSpec } from './metrics.js';
export { checkTargets, type TargetCheck } from './targets.js';
export { designWarnings, minimumPorosity, PERCOLATION_THRESHOLD } from './warnings.js';
export {
  anodeAmountForNp,
  cathodeAmountForCapacity,
  areaForCapacity,
  amountOf,
  type InverseResult,
  type ElectrodeQuantity,
} from './inverse.js';
export { compareDesigns, type ComparisonRow } from './compare.js';
export { windowEndAtVoltage } from './window.js';
export { formatSI } from './format.js';
export {
  LITHIUM_DENSITY,
  LITHIUM_SPECIFIC_CAPACITY,
  LITHIUM_VOLUMETRIC_CAPACITY,
  lithiumThickness,
  platesLithium,
} from './lithium.js';
export { windingOf, isWound, type Winding } from './winding.js';
