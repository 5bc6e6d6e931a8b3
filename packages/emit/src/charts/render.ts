/**
 * Vega-Lite → SVG in Node, headless: Vega's SVG string renderer needs no canvas or browser, and
 * without a canvas it estimates text widths from the font size, so the output depends only on
 * the specification (byte-identical across runs and machines).
 */
import { parse, View } from 'vega';
import { compile } from 'vega-lite';
import type { ChartSpec } from './definitions.js';

export async function renderChartSvg(chart: ChartSpec): Promise<string> {
  const view = new View(parse(compile(chart.spec).spec), { renderer: 'none', logLevel: 0 });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Width and height of a rendered SVG (its root element's attributes), CSS pixels. */
export function svgSize(svg: string): { width: number; height: number } {
  const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 0);
  const height = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1] ?? 0);
  return { width, height };
}
