export * from './ir.js';
export * from './testplan/index.js';
