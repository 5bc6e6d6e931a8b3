export * from './definitions.js';
export { renderChartSvg, svgSize } from './render.js';
export * from './pack-charts.js';
