export * from './ir.js';
export * from './design/index.js';
export * from './testplan/index.js';
