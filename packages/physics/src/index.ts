export * from './ir.js';
export * from './clock.js';
export * from './design/index.js';
export * from './testplan/index.js';
export * from './ocp/index.js';
export * from './models/index.js';
export * from './variation/index.js';
export * from './pack/index.js';
