/**
 * Design warnings a cell designer wants while editing, beyond what the calculator itself reports:
 * an electrolyte network too thin to percolate, a porosity the declared process cannot reach,
 * and an electrolyte layer thinner than the particles it must separate. (N/P below 1 is
 * reported by the calculator.)
 */
import type { CellIR, ProcessIR } from '../ir.js';
import { formatSI as formatQuantity } from './format.js';
import type { CellDesign, DesignProblem } from './types.js';

/**
 * Below about 25 vol% solid electrolyte (of the composite volume) the ionic network of a
 * composite electrode stops percolating; keep it between roughly 25 and 50 vol%
 * (Bielefeld et al., J. Phys. Chem. C 123, 1626 (2019); materials.md).
 */
export const PERCOLATION_THRESHOLD = 0.25;

/**
 * Lowest porosity a densification route reaches, rule of thumb:
 * - cold pressing below 100 MPa (or with no pressure stated): sulfide pellets reach ~82 % of
 *   crystal density (Doux 2020, materials.md), so ~15 % is the practical floor for composites;
 * - cold pressing at 100 MPa or more, cold isostatic pressing, or pressing at 100 °C or above:
 *   the programme reported electrode porosity below 10 % (standard-battery-programme.md);
 *   5 % is taken as the floor.
 * A process without a pressing step is taken as not yet written down to that level (coating and
 * drying alone are often all a draft states), so it gives no floor.
 */
export function minimumPorosity(process: ProcessIR): { porosity: number; route: string } | undefined {
  const pressing = process.steps.filter(
    (s) => /press|cip|densif|calend/i.test(s.type) || /press|cip/i.test(s.method ?? ''),
  );
  if (pressing.length === 0) return undefined;
  let best = { porosity: 0.15, route: `cold pressing below 100 MPa in process ${process.name}` };
  for (const s of pressing) {
    const method = `${s.type} ${s.method ?? ''} ${s.parameters
      .filter((p) => typeof p.value === 'string')
      .map((p) => p.value)
      .join(' ')}`;
    const num = (re: RegExp) =>
      s.parameters.find((p) => re.test(p.name) && typeof p.value === 'number')?.value as number | undefined;
    const temperature = num(/temp/i);
    const pressure = num(/pressure/i);
    const route = /cip|isostatic/i.test(method)
      ? 'cold isostatic pressing'
      : temperature !== undefined && temperature >= 373.15
        ? 'hot pressing'
        : pressure !== undefined && pressure >= 100e6
          ? 'pressing at 100 MPa or more'
          : undefined;
    if (route) best = { porosity: 0.05, route: `${route} in process ${process.name}` };
  }
  return best;
}

export function designWarnings(
  cell: CellIR,
  design: CellDesign,
  processes: readonly ProcessIR[] = [],
): DesignProblem[] {
  const out: DesignProblem[] = [];
  const solidState = cell.separator?.type === 'solid-electrolyte';
  for (const e of [design.cathode, design.anode]) {
    if (!solidState || cell[e.role].lithiumMetal) continue;
    if (e.electrolyteSolidFraction === undefined) continue;
    const ofVolume = e.electrolyteSolidFraction * (1 - (e.porosity ?? 0));
    if (ofVolume < PERCOLATION_THRESHOLD) {
      out.push({
        severity: 'warning',
        code: 'se-percolation',
        path: `${e.role}.composition`,
        message: `the ${e.role} holds ${(ofVolume * 100).toFixed(1)} vol% solid electrolyte, below the ~${PERCOLATION_THRESHOLD * 100} vol% it needs to percolate: ions will not reach all the active material`,
      });
    }
  }
  const own = processes.filter((p) => p.cell === cell.name || (cell.base !== undefined && p.cell === cell.base));
  for (const p of own) {
    const floor = minimumPorosity(p);
    if (!floor) continue;
    for (const e of [design.cathode, design.anode]) {
      if (cell[e.role].lithiumMetal || e.porosity === undefined) continue;
      if (e.porosity < floor.porosity - 1e-9) {
        out.push({
          severity: 'warning',
          code: 'porosity-unreachable',
          path: `${e.role}.porosity`,
          message: `${e.role} porosity ${(e.porosity * 100).toFixed(1)} % is below the ~${(floor.porosity * 100).toFixed(0)} % that ${floor.route} reaches`,
        });
      }
    }
    const sp = cell.separator?.porosity;
    if (sp !== undefined && sp < floor.porosity - 1e-9) {
      out.push({
        severity: 'warning',
        code: 'porosity-unreachable',
        path: 'separator.porosity',
        message: `electrolyte layer porosity ${(sp * 100).toFixed(1)} % is below the ~${(floor.porosity * 100).toFixed(0)} % that ${floor.route} reaches`,
      });
    }
  }
  const sep = cell.separator;
  if (sep) {
    let largest: { name: string; diameter: number } | undefined;
    const used = new Set<string>([
      sep.material,
      ...cell.cathode.components.map((c) => c.material),
      ...cell.anode.components.map((c) => c.material),
    ]);
    for (const name of used) {
      const r = cell.materials[name]?.properties.particleRadius;
      if (r !== undefined && Number.isFinite(r) && (!largest || 2 * r > largest.diameter))
        largest = { name, diameter: 2 * r };
    }
    if (largest && sep.thickness < largest.diameter) {
      out.push({
        severity: 'warning',
        code: 'layer-thinner-than-particle',
        path: 'separator.thickness',
        message: `the ${sep.type === 'separator' ? 'separator' : 'electrolyte layer'} (${formatQuantity(sep.thickness, 'length')}) is thinner than the largest particle, ${largest.name} at ${formatQuantity(largest.diameter, 'length')} diameter: particles can bridge it and short the cell`,
      });
    }
  }
  return out;
}
