export * from './protocols/index.js';
export * from './bpx/index.js';
export * from './measured/index.js';
