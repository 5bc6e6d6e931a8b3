export * from './definitions.js';
export { renderChartSvg, svgSize } from './render.js';
export { lotChart, metricAxis, sweepChart } from './variation.js';
