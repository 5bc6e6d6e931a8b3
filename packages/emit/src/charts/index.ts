export * from './definitions.js';
export * from './run-series.js';
export { renderChartSvg, svgSize } from './render.js';
