/**
 * Jelly rolls in metal cans: the electrode length that fills a cylindrical or prismatic can, and
 * the can's mass and volume.
 *
 * A winding repeats double-sided cathode | separator | double-sided anode | separator, so one
 * turn's thickness is
 *   t_rep = t_cc,c + 2 t_c + t_cc,a + 2 t_a + 2 t_sep  (+ 2 × plated and excess lithium, charged)
 * and a wound length L covers the roll's cross-section A = L · t_rep (an Archimedean spiral of
 * pitch t_rep fills its annulus exactly; the inner and outer half-turns are neglected). So
 *   L = A / t_rep.
 * Cylindrical: the can's inner diameter D_i = D − 2w and inner height H − 2w (bottom and lid as
 * thick as the wall); the roll fills the annulus between the mandrel d_m and D_i:
 *   A = π/4 (D_i² − d_m²),  electrode width W = H − 2w − headspace.
 * Prismatic: outer outline W × H and thickness T; the flat roll is wound about an axis along the
 * width, so its cross-section is a stadium of height h = H − 2w − headspace and thickness
 * t = T − 2w:  A = (h − t)·t + π t²/4 (− π/4 d_m² for a core),  electrode width W − 2w.
 * Two unit cells (both faces of each electrode) per length of winding; facing area 2 L W.
 * Wall thickness comes from `can <material> <thickness>`; without it the wall is taken as zero.
 */
import type { FormatIR } from '../ir.js';

export interface Winding {
  /** Thickness of one winding repeat, m. */
  readonly repeatThickness: number;
  /** Cross-section the roll fills, m², and its width along the winding axis, m. */
  readonly crossSection: number;
  readonly width: number;
  /** Wound electrode length, m. */
  readonly electrodeLength: number;
  /** Turns of a cylindrical roll, (D_i − d_m) / (2 t_rep). */
  readonly turns?: number;
  /** Roll volume A · W, m³. */
  readonly rollVolume: number;
  /** Outer volume and wall volume of the can, m³. */
  readonly cellVolume: number;
  readonly canVolume: number;
  /** Outer thickness (prismatic), m. */
  readonly cellThickness?: number;
}

/** The winding of a wound cell, or a reason it cannot be computed. */
export function windingOf(format: FormatIR, repeatThickness: number): Winding | { readonly missing: string } {
  const wall = format.can?.thickness ?? 0;
  const core = format.mandrel ?? 0;
  const headspace = format.headspace ?? 0;
  if (!(repeatThickness > 0)) return { missing: 'the thickness of every layer of the winding' };
  if (format.type === 'cylindrical') {
    const d = format.diameter;
    const h = format.height;
    if (d === undefined || h === undefined)
      return { missing: 'the can diameter and height (diameter 21 mm, height 70 mm)' };
    const innerDiameter = d - 2 * wall;
    const width = h - 2 * wall - headspace;
    const crossSection = (Math.PI / 4) * (innerDiameter ** 2 - core ** 2);
    if (!(innerDiameter > core) || !(width > 0))
      return { missing: 'a can larger than its walls, mandrel and headspace' };
    const cellVolume = (Math.PI / 4) * d * d * h;
    const innerVolume = (Math.PI / 4) * innerDiameter ** 2 * (h - 2 * wall);
    return {
      repeatThickness,
      crossSection,
      width,
      electrodeLength: crossSection / repeatThickness,
      turns: (innerDiameter - core) / (2 * repeatThickness),
      rollVolume: crossSection * width,
      cellVolume,
      canVolume: cellVolume - innerVolume,
    };
  }
  const outline = format.outline;
  const t = format.thickness;
  if (!outline || t === undefined)
    return { missing: 'the can outline and thickness (outline 148 mm x 91 mm, thickness 27 mm)' };
  const innerWidth = outline.width - 2 * wall;
  const innerHeight = outline.height - 2 * wall;
  const innerThickness = t - 2 * wall;
  const rollHeight = innerHeight - headspace;
  if (!(innerWidth > 0 && innerThickness > 0 && rollHeight >= innerThickness))
    return { missing: 'a can larger than its walls and headspace' };
  const crossSection =
    (rollHeight - innerThickness) * innerThickness + (Math.PI / 4) * innerThickness ** 2 - (Math.PI / 4) * core ** 2;
  const cellVolume = outline.width * outline.height * t;
  return {
    repeatThickness,
    crossSection,
    width: innerWidth,
    electrodeLength: crossSection / repeatThickness,
    rollVolume: crossSection * innerWidth,
    cellVolume,
    canVolume: cellVolume - innerWidth * innerHeight * innerThickness,
    cellThickness: t,
  };
}

/** Whether the cell's electrodes are wound rather than stacked. */
export function isWound(format: FormatIR): boolean {
  return format.type === 'cylindrical' || (format.type === 'prismatic' && format.stacking === 'wound');
}
