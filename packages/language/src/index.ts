export { createCellSpecServices, type CellSpecServices } from './cellspec-module.js';
export * as ast from './generated/ast.js';
export * from './load-workspace.js';
export { resolveDocument, resolveCell, sourceOf, type ResolveProblem, type ResolveResult } from './resolve.js';
export { Code, CODE_DESCRIPTIONS, type DiagnosticCode } from './validation/codes.js';
export { BUILTIN_SCHEME, STANDARD_LIBRARY_URI, isBuiltinUri } from './scoping/builtin-library.js';
