export { math, parseUnit, toMathUnitSyntax } from './math.js';
export { KINDS, kindsOfUnit, type QuantityKind, type KindInfo } from './kinds.js';
export {
  makeQuantity,
  toSI,
  fromSI,
  formatQuantity,
  engineeringUnit,
  formatNumber,
  describeKinds,
  type Quantity,
  type QuantityResult,
} from './quantity.js';
export {
  literal,
  combine,
  negate,
  hasUnit,
  withUnitOf,
  unitText,
  toQuantity,
  prettyUnit,
  type UnitValue,
  type UnitValueResult,
} from './arithmetic.js';
export { compileFormula, type CompiledFormula, type FormulaResult } from './formula.js';
