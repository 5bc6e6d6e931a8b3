export * from './protocols/index.js';
export * from './documents/index.js';
export * from './charts/index.js';
