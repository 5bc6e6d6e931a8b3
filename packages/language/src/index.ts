export { createCellSpecServices, type CellSpecServices } from './cellspec-module.js';
export * as ast from './generated/ast.js';
