export * from './definitions.js';
export * from './run-series.js';
export { renderChartSvg, svgSize } from './render.js';
export { capacityBand, lotChart, metricAxis, sweepChart } from './variation.js';
export * from './pack-charts.js';
