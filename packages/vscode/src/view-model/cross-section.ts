/**
 * Cross-section geometry of one unit cell, drawn to scale: each layer's height is proportional
 * to its thickness. Layers run top to bottom: packaging, cathode collector, cathode coating,
 * electrolyte layer (or separator), anode coating, anode collector, packaging.
 *
 * A layer without a known thickness is drawn at a nominal height (the mean of the known ones)
 * and marked `unknown`, so the drawing never pretends a number it does not have.
 */
import type { CellIR, ElectrodeIR } from '@cellspec/physics';
import type { DesignFigures } from '@cellspec/language/lsp/messages';
import type { CrossSectionModel, LayerLabel, LayerRect, LayerRole } from './types.js';

export interface CrossSectionOptions {
  readonly width?: number;
  readonly height?: number;
  /** Formats a thickness (SI metres) in the user's unit. */
  readonly formatThickness: (metres: number) => string;
}

interface LayerSpec {
  readonly id: string;
  readonly role: LayerRole;
  readonly label: string;
  readonly material?: string | undefined;
  readonly thickness?: number | undefined;
  readonly origin: LayerRect['origin'];
}

const LAYER_X = 10;
const LAYER_WIDTH = 180;
const LABEL_X = LAYER_WIDTH + LAYER_X + 40;
/** Vertical room a label line needs, px. */
const LABEL_PITCH = 15;
const MARGIN_TOP = 10;
const MARGIN_BOTTOM = 34;

/** Coating thickness: written in the spec, else computed by the design calculator, else loading / bulk density. */
function coatingThickness(e: ElectrodeIR, computed: number | undefined): Pick<LayerSpec, 'thickness' | 'origin'> {
  if (e.thickness !== undefined) return { thickness: e.thickness, origin: 'spec' };
  if (computed !== undefined) return { thickness: computed, origin: 'computed' };
  // t = m_A / ρ_bulk: areal mass over the coating's bulk density, both per side.
  if (e.loading !== undefined && e.density !== undefined && e.density > 0)
    return { thickness: e.loading / e.density, origin: 'computed' };
  return { thickness: undefined, origin: 'unknown' };
}

function activeMaterial(e: ElectrodeIR): string | undefined {
  const first = [...e.components].sort((a, b) => b.fraction - a.fraction)[0];
  return first?.material;
}

/** The layers of one unit cell, top to bottom, with what is known of their thickness. */
export function unitCellLayers(cell: CellIR, figures?: DesignFigures): LayerSpec[] {
  const layers: LayerSpec[] = [];
  const pack = cell.format.packaging;
  if (pack)
    layers.push({
      id: 'packaging-top',
      role: 'packaging',
      label: 'Packaging',
      material: pack.material,
      thickness: pack.thickness,
      origin: 'spec',
    });
  // Films outside the unit cell (spacer plates, interlayers between units), drawn as films.
  for (const [id, label, film] of [
    ['spacer', 'Spacer', cell.format.spacer],
    ['interlayer', 'Interlayer (between units)', cell.format.interlayer],
  ] as const)
    if (film)
      layers.push({ id, role: 'packaging', label, material: film.material, thickness: film.thickness, origin: 'spec' });
  const cc = cell.cathode.collector;
  if (cc)
    layers.push({
      id: 'cathode-collector',
      role: 'collector',
      label: `${cc.material} collector`,
      material: cc.material,
      thickness: cc.thickness,
      origin: 'spec',
    });
  layers.push({
    id: 'cathode',
    role: 'cathode',
    label: 'Cathode',
    material: activeMaterial(cell.cathode),
    ...coatingThickness(cell.cathode, figures?.cathodeThickness),
  });
  const sep = cell.separator;
  if (sep) {
    layers.push({
      id: 'electrolyte',
      role: 'electrolyte',
      label: sep.type === 'separator' ? 'Separator' : 'Electrolyte layer',
      material: sep.material,
      thickness: sep.thickness,
      origin: 'spec',
    });
  }
  // Lithium plated on charge (from the cathode) and a reservoir present at assembly.
  if (figures?.platedLithiumThickness)
    layers.push({
      id: 'plated-lithium',
      role: 'anode',
      label: 'Plated Li (charged)',
      thickness: figures.platedLithiumThickness,
      origin: 'computed',
    });
  if (cell.anode.excessLithium)
    layers.push({
      id: 'lithium-reservoir',
      role: 'anode',
      label: 'Li reservoir',
      thickness: cell.anode.excessLithium,
      origin: 'spec',
    });
  // A bare collector (anode-free without a host layer) has no coating to draw.
  if (!(cell.anode.anodeFree && cell.anode.components.length === 0))
    layers.push({
      id: 'anode',
      role: 'anode',
      label: cell.anode.lithiumMetal ? 'Li metal anode' : 'Anode',
      material: activeMaterial(cell.anode),
      ...coatingThickness(cell.anode, figures?.anodeThickness),
    });
  const ac = cell.anode.collector;
  if (ac)
    layers.push({
      id: 'anode-collector',
      role: 'collector',
      label: `${ac.material} collector`,
      material: ac.material,
      thickness: ac.thickness,
      origin: 'spec',
    });
  if (pack)
    layers.push({
      id: 'packaging-bottom',
      role: 'packaging',
      label: 'Packaging',
      material: pack.material,
      thickness: pack.thickness,
      origin: 'spec',
    });
  return layers;
}

/** A round scale length (1, 2 or 5 × 10ⁿ) near a quarter of the total. */
export function niceLength(total: number): number {
  if (!(total > 0)) return 0;
  const target = total / 4;
  const exp = Math.floor(Math.log10(target));
  const base = 10 ** exp;
  const m = target / base;
  const step = m >= 5 ? 5 : m >= 2 ? 2 : 1;
  return step * base;
}

/**
 * Places labels next to their layers without overlap: each wants the middle of its layer; a
 * label too close to the previous one moves down, and if the column then runs past the bottom,
 * the whole column moves up. Keeps order, so leader lines never cross.
 */
export function placeLabels(wanted: readonly number[], pitch: number, top: number, bottom: number): number[] {
  const out: number[] = [];
  for (const w of wanted) {
    const prev = out[out.length - 1];
    out.push(prev === undefined ? Math.max(w, top) : Math.max(w, prev + pitch));
  }
  const last = out[out.length - 1];
  if (last !== undefined && last > bottom) {
    const shift = last - bottom;
    for (let i = out.length - 1; i >= 0; i--) {
      const next = out[i + 1];
      out[i] = next === undefined ? out[i]! - shift : Math.min(out[i]! - shift, next - pitch);
    }
  }
  return out;
}

export function crossSection(
  cell: CellIR,
  figures: DesignFigures | undefined,
  options: CrossSectionOptions,
): CrossSectionModel {
  const specs = unitCellLayers(cell, figures);
  const known = specs.filter((l) => l.thickness !== undefined && l.thickness > 0).map((l) => l.thickness!);
  const nominal = known.length ? known.reduce((a, b) => a + b, 0) / known.length : 1e-5;
  const drawn = specs.map((l) => (l.thickness !== undefined && l.thickness > 0 ? l.thickness : nominal));
  const total = drawn.reduce((a, b) => a + b, 0);

  const minHeight = Math.max(options.height ?? 0, specs.length * LABEL_PITCH + MARGIN_TOP + MARGIN_BOTTOM, 160);
  const drawHeight = minHeight - MARGIN_TOP - MARGIN_BOTTOM;
  const scale = drawHeight / total; // px per metre: the same for every layer, so the drawing is to scale

  const layers: LayerRect[] = [];
  let y = MARGIN_TOP;
  specs.forEach((l, i) => {
    const h = drawn[i]! * scale;
    layers.push({
      id: l.id,
      role: l.role,
      label: l.label,
      material: l.material,
      thickness: l.thickness,
      origin: l.origin,
      thicknessText: l.thickness !== undefined ? options.formatThickness(l.thickness) : 'thickness not given',
      x: LAYER_X,
      y,
      width: LAYER_WIDTH,
      height: h,
    });
    y += h;
  });

  const positions = placeLabels(
    layers.map((r) => r.y + r.height / 2),
    LABEL_PITCH,
    MARGIN_TOP + 4,
    MARGIN_TOP + drawHeight - 2,
  );
  const labels: LayerLabel[] = layers.map((r, i) => ({
    layerId: r.id,
    text: `${r.label}${r.material && !r.label.startsWith(r.material) ? ` (${r.material})` : ''} · ${r.thicknessText}${r.origin === 'computed' ? ' (computed)' : ''}`,
    x: LABEL_X,
    y: positions[i]!,
    anchorX: LAYER_X + LAYER_WIDTH,
    anchorY: r.y + r.height / 2,
  }));

  const bar = niceLength(total);
  const knownTotal = specs.every((l) => l.thickness !== undefined) ? options.formatThickness(total) : undefined;
  const repeats = cell.format.layers;
  const caption = [
    knownTotal ? `Unit cell ${knownTotal} thick` : 'Unit cell',
    repeats > 1 ? `the stack repeats it ${repeats} times` : undefined,
    cell.cathode.doubleSided || cell.anode.doubleSided ? 'double-sided coatings: one side shown' : undefined,
  ]
    .filter(Boolean)
    .join('; ');
  const unknown = specs.filter((l) => l.thickness === undefined).map((l) => l.label.toLowerCase());
  return {
    width: LABEL_X + 330,
    height: minHeight,
    layers,
    labels,
    scaleBar:
      bar > 0
        ? { x: LAYER_X, y: MARGIN_TOP + drawHeight + 14, length: bar * scale, text: options.formatThickness(bar) }
        : undefined,
    caption,
    warning: unknown.length
      ? `No thickness for the ${unknown.join(', ')}: drawn at a nominal height, not to scale.`
      : undefined,
  };
}
