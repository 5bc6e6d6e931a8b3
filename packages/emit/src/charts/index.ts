export * from './definitions.js';
export { renderChartSvg, svgSize } from './render.js';
