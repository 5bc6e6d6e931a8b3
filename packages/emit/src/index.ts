export * from './protocols/index.js';
