/**
 * A to-scale cross-section of the cell's layer stack as SVG: every layer's height is its
 * thickness at one scale (stated on the drawing), so a reader can compare layers by eye. Labels
 * sit to the right with leader lines, so thin layers (collectors) stay readable. Hand-written:
 * a stack of rectangles needs no chart library.
 */
import type { CellDesign } from '@cellspec/physics';

const FILL: Record<string, string> = {
  packaging: '#c9c9c9',
  collector: '#e0b26b',
  cathode: '#5b7fb3',
  anode: '#4d4d4d',
  electrolyte: '#d8c94f',
  insulation: '#9fc59f',
};

function fillOf(name: string): string {
  for (const [key, colour] of Object.entries(FILL)) if (name.includes(key)) return colour;
  return '#b8b8b8';
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function crossSectionSvg(
  design: CellDesign,
  packaging?: { readonly material: string; readonly thickness: number },
): { svg: string; width: number; height: number } {
  // The stack's layers in stacking order (a repeated layer drawn once, its count labelled),
  // between the packaging films when the format has them.
  const film = packaging
    ? [{ name: 'packaging', material: packaging.material, thickness: packaging.thickness, count: 1 }]
    : [];
  const layers = [...film, ...design.layersBreakdown.filter((l) => l.thickness > 0), ...film];
  const total = layers.reduce((a, l) => a + l.thickness, 0);
  const drawingHeight = 300;
  const pxPerMetre = total > 0 ? drawingHeight / total : 0;
  const width = 520;
  const stackX = 20;
  const stackWidth = 200;
  const labelX = 300;
  const parts: string[] = [];
  let y = 10;
  const minLabelGap = 14;
  let lastLabelY = -Infinity;
  for (const layer of layers) {
    const h = layer.thickness * pxPerMetre;
    parts.push(
      `<rect x="${stackX}" y="${y.toFixed(2)}" width="${stackWidth}" height="${Math.max(h, 0.3).toFixed(2)}" fill="${fillOf(layer.name)}" stroke="#333" stroke-width="0.3"/>`,
    );
    const mid = y + h / 2;
    const labelY = Math.max(mid, lastLabelY + minLabelGap);
    lastLabelY = labelY;
    const text = `${layer.name}${layer.material ? ` (${layer.material})` : ''} — ${formatMicrometres(layer.thickness)}${layer.count > 1 ? ` × ${layer.count}` : ''}`;
    parts.push(
      `<polyline points="${stackX + stackWidth},${mid.toFixed(2)} ${labelX - 30},${mid.toFixed(2)} ${labelX - 6},${labelY.toFixed(2)}" fill="none" stroke="#666" stroke-width="0.6"/>`,
      `<text x="${labelX - 2}" y="${(labelY + 3.5).toFixed(2)}" font-size="10" font-family="Noto Sans JP, sans-serif">${esc(text)}</text>`,
    );
    y += h;
  }
  const height = Math.max(y, lastLabelY) + 40;
  // Scale bar: 50 µm at the drawing's scale.
  const bar = 50e-6 * pxPerMetre;
  const barY = height - 18;
  parts.push(
    `<line x1="${stackX}" y1="${barY}" x2="${(stackX + bar).toFixed(2)}" y2="${barY}" stroke="#000" stroke-width="2"/>`,
    `<text x="${(stackX + bar + 6).toFixed(2)}" y="${barY + 4}" font-size="10" font-family="Noto Sans JP, sans-serif">50 µm (vertical scale; width not to scale)</text>`,
  );
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height.toFixed(0)}" viewBox="0 0 ${width} ${height.toFixed(0)}"><rect width="100%" height="100%" fill="white"/>${parts.join('')}</svg>`;
  return { svg, width, height: Number(height.toFixed(0)) };
}

function formatMicrometres(m: number): string {
  return `${Number((m * 1e6).toPrecision(4))} µm`;
}
