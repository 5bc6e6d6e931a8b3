/** BPX (Battery Parameter eXchange) in and out. */
export { importBpx, exact, identifier, type BpxImport } from './import.js';
export { exportBpx, isSolidState, restoreFunction, type BpxExport } from './export.js';
export { validateBpx, BPX_SCHEMA } from './schema.js';
export { migrateBpx, bpxMajorVersion } from './migrate.js';
export { checkBpxExpression, bpxToFormula, formulaToBpx, evaluateBpx } from './expression.js';
export { BPX_VERSION, isTable, type BpxDocument, type BpxFunction, type BpxTable, type BpxSection } from './types.js';
