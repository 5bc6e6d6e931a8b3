export { createCellSpecServices, type CellSpecServices } from './cellspec-module.js';
export * as ast from './generated/ast.js';
export * from './load-workspace.js';
export { resolveDocument, resolveCell, sourceOf, type ResolveProblem, type ResolveResult } from './resolve.js';
export { Code, CODE_DESCRIPTIONS, type DiagnosticCode } from './validation/codes.js';
export { BUILTIN_SCHEME, STANDARD_LIBRARY_URI, isBuiltinUri } from './scoping/builtin-library.js';
export {
  parseMeasuredData,
  type CurrentSign,
  type CyclerLayout,
  type MeasuredData,
  type MeasuredDataResult,
  type ReadMeasuredOptions,
} from './measured-data.js';
export { applyEdits, fitEdits, fittedSource, type FitEdits, type SpecEdit } from './fit-edits.js';
export {
  ConfigError,
  CONFIG_FILE,
  findProjectRoot,
  loadProjectConfig,
  type ProjectConfig,
  type RuleSeverity,
} from './project.js';
export type { SuppressedFinding } from './validation/document-validator.js';
export { STUDY_SUFFIX, readStudyBeside, studyPathOf, type StudyRead } from './sweep-studies.js';
