/**
 * One composite electrode (or a lithium-metal foil): component fractions, loading, thickness,
 * porosity and areal capacity of one coated side.
 *
 * Relations (per side, per area):
 *   solid density      ρ_s = 1 / Σ (wᵢ / ρᵢ)              (wᵢ mass fractions, ρᵢ true densities)
 *   bulk density       ρ_b = ρ_s · (1 − ε)                 (ε porosity)
 *   loading            L   = ρ_b · t                       (t coating thickness)
 *   practical capacity Q   = L · Σ_active wᵢ · qᵢ          (qᵢ practical specific capacity)
 *   window capacity    Q   = F · t · (1 − ε) · Σ_active vᵢ · c_max,ᵢ · |x₁₀₀ − x₀|   (vᵢ solid volume fractions)
 * Any two of L, t and ε (or ρ_b) fix the third; all three are checked against each other.
 */
import type { CellIR, ElectrodeIR, MaterialIR, SourceRef } from '../ir.js';
import { formatSI as formatQuantity } from './format.js';
import type { ComponentDesign, DesignInput, DesignProblem, DesignProblemCode, ElectrodeDesign } from './types.js';

/** Faraday constant, C/mol (CODATA 2018, exact). */
export const FARADAY = 96485.33212;

/** Relative disagreement allowed between a written thickness and the one loading and porosity imply. */
export const CONSISTENCY_TOLERANCE = 0.02;

// A value that could not be computed (NaN from, say, negative fractions) shows as '?', never as NaN.
const fmt = (si: number, kind: Parameters<typeof formatQuantity>[1], unit?: string) =>
  Number.isFinite(si) ? formatQuantity(si, kind, unit ? { unit } : {}) : '?';

function componentRole(material: MaterialIR | undefined, electrodeRole: 'cathode' | 'anode'): ComponentDesign['role'] {
  switch (material?.kind) {
    case 'cathode-active':
      return electrodeRole === 'cathode' ? 'active' : 'other';
    case 'anode-active':
      return electrodeRole === 'anode' ? 'active' : 'other';
    case 'solid-electrolyte':
      return 'electrolyte';
    case 'conductive-additive':
      return 'additive';
    case 'binder':
      return 'binder';
    default:
      return 'other';
  }
}

const ok = (x: number | undefined): x is number => x !== undefined && Number.isFinite(x);

// Module-level helpers rather than closures made on each call: this runs for every cell on every keystroke.
function addInput(inputs: DesignInput[], label: string, value: number, kind: string, source?: SourceRef): void {
  inputs.push(source ? { label, value, kind, source } : { label, value, kind });
}

function addProblem(
  problems: DesignProblem[],
  severity: DesignProblem['severity'],
  code: DesignProblemCode,
  message: string,
  path: string,
): void {
  problems.push({ severity, code, message, path });
}

export interface ElectrodeOptions {
  readonly tolerance?: number;
}

/** Computes one electrode; problems are appended to `problems` with paths under `electrode.role`. */
export function designElectrode(
  cell: CellIR,
  electrode: ElectrodeIR,
  problems: DesignProblem[],
  options: ElectrodeOptions = {},
): ElectrodeDesign {
  const role = electrode.role;
  const tolerance = options.tolerance ?? CONSISTENCY_TOLERANCE;
  const inputs: DesignInput[] = [];

  // ---- composition: mass and solid-volume fractions ----------------------------------------
  const comps = electrode.components;
  const { materials, densities, w, v, solidDensity, massKnown } = compositionFractions(
    cell,
    electrode,
    problems,
    inputs,
  );

  // ---- active material: practical capacity and window capacity per unit of solid ----------
  const fractions = { materials, densities, w, v, solidDensity, massKnown };
  const { practicalPerMass, firstChargePerMass, firstChargeStated, windowPerVolume } = activeCapacities(
    electrode,
    fractions,
    problems,
    inputs,
  );

  // ---- loading, thickness, porosity ---------------------------------------------------------
  const src = electrode.sources;
  const { loading, thickness, porosity, density, derived } = solveLoading(
    electrode,
    practicalPerMass,
    solidDensity,
    tolerance,
    problems,
    inputs,
  );

  // ---- areal capacity -----------------------------------------------------------------------
  const arealCapacityPractical =
    ok(practicalPerMass) && loading !== undefined
      ? loading * practicalPerMass
      : ok(electrode.arealCapacity)
        ? electrode.arealCapacity
        : undefined;
  const arealCapacityFirstCharge =
    ok(firstChargePerMass) && loading !== undefined ? loading * firstChargePerMass : undefined;
  const arealCapacityWindow =
    ok(windowPerVolume) && thickness !== undefined && porosity !== undefined && porosity >= 0
      ? windowPerVolume * thickness * (1 - porosity)
      : undefined;

  const components: ComponentDesign[] = comps
    .map((c, i) => {
      const m = materials[i];
      const rho = densities[i];
      const arealMass = loading !== undefined && massKnown ? loading * w[i]! : NaN;
      return {
        material: c.material,
        role: componentRole(m, role),
        massFraction: w[i]!,
        volumeFraction: v ? v[i]! : NaN,
        arealMass,
        ...(ok(rho) && Number.isFinite(arealMass) ? { arealVolume: arealMass / rho, density: rho } : {}),
        ...(ok(m?.properties.specificCapacity) ? { specificCapacity: m!.properties.specificCapacity } : {}),
        ...(c.coating ? { coating: c.coating } : {}),
      };
    })
    .map((c) => ({
      ...c,
      massFraction: Number.isFinite(c.massFraction) ? c.massFraction : 0,
      volumeFraction: Number.isFinite(c.volumeFraction) ? c.volumeFraction : 0,
      arealMass: Number.isFinite(c.arealMass) ? c.arealMass : 0,
    }));

  const seIdx = comps.map((_, i) => i).filter((i) => materials[i]?.kind === 'solid-electrolyte');
  const electrolyteSolidFraction = v && seIdx.length > 0 ? seIdx.reduce((s, i) => s + v![i]!, 0) : undefined;

  if (ok(electrode.area)) addInput(inputs, `${role} area`, electrode.area, 'area', src.area);
  return {
    role,
    area: electrode.area,
    components,
    ...(solidDensity !== undefined ? { solidDensity } : {}),
    ...(loading !== undefined ? { loading } : {}),
    ...(thickness !== undefined ? { thickness } : {}),
    ...(porosity !== undefined ? { porosity } : {}),
    ...(density !== undefined ? { density } : {}),
    ...(arealCapacityPractical !== undefined ? { arealCapacityPractical } : {}),
    ...(arealCapacityFirstCharge !== undefined ? { arealCapacityFirstCharge, firstChargeStated } : {}),
    ...(arealCapacityWindow !== undefined ? { arealCapacityWindow } : {}),
    ...(electrolyteSolidFraction !== undefined ? { electrolyteSolidFraction } : {}),
    derived,
    inputs,
  };
}

/** Mass and solid-volume fractions of a composition, normalised to 1, with its solid density. */
interface Fractions {
  readonly materials: readonly (MaterialIR | undefined)[];
  readonly densities: readonly (number | undefined)[];
  /** Mass fractions. */
  readonly w: readonly number[];
  /** Solid-volume fractions, when every density is known. */
  readonly v: readonly number[] | undefined;
  readonly solidDensity: number | undefined;
  readonly massKnown: boolean;
}

/** The composition of an electrode as fractions on both bases (checks: known materials, one basis, sum 100 %, densities). */
function compositionFractions(
  cell: CellIR,
  electrode: ElectrodeIR,
  problems: DesignProblem[],
  inputs: DesignInput[],
): Fractions {
  const role = electrode.role;
  const comps = electrode.components;
  const materials = comps.map((c) => cell.materials[c.material]);
  comps.forEach((c, i) => {
    if (!materials[i])
      addProblem(
        problems,
        'error',
        'unknown-material',
        `${role} component ${c.material} is not a known material`,
        `${role}.composition`,
      );
  });
  if (comps.length === 0)
    addProblem(
      problems,
      'error',
      'no-composition',
      `the ${role} has no composition: name its active material (and electrolyte, additive, binder) with fractions`,
      `${role}.composition`,
    );
  const bases = new Set(comps.map((c) => c.basis));
  if (bases.size > 1)
    addProblem(
      problems,
      'error',
      'mixed-basis',
      `${role} composition mixes wt% and vol%; write all fractions on one basis`,
      `${role}.composition`,
    );
  const basis = comps[0]?.basis ?? 'mass';
  const sum = comps.reduce((s, c) => s + c.fraction, 0);
  if (comps.length > 0 && Math.abs(sum - 1) > 0.005) {
    addProblem(
      problems,
      'error',
      'composition-sum',
      `${role} composition sums to ${+(sum * 100).toFixed(1)} ${basis === 'mass' ? 'wt%' : 'vol%'}, must be 100 ${basis === 'mass' ? 'wt%' : 'vol%'}`,
      `${role}.composition`,
    );
  }
  const densities = materials.map((m) => m?.properties.density);
  materials.forEach((m, i) => {
    if (m && ok(densities[i]))
      addInput(inputs, `${m.name} density`, densities[i]!, 'density', m.sources.density ?? m.sources.material);
  });
  const allDensities = comps.length > 0 && densities.every(ok);
  if (comps.length > 0 && !allDensities) {
    const missing = comps.filter((_, i) => !ok(densities[i])).map((c) => c.material);
    addProblem(
      problems,
      'warning',
      'missing-density',
      `no density for ${missing.join(', ')}: the ${role} thickness, porosity and volume cannot be computed`,
      `${role}.composition`,
    );
  }
  // Fractions normalised to 1 so a sum error does not poison every downstream figure.
  const f = comps.map((c) => (sum > 0 ? c.fraction / sum : 0));
  let w: number[]; // mass fractions
  let v: number[] | undefined; // solid volume fractions
  if (basis === 'mass') {
    w = f;
    if (allDensities) {
      const specVol = f.reduce((s, wi, i) => s + wi / densities[i]!, 0);
      v = f.map((wi, i) => wi / densities[i]! / specVol);
    }
  } else {
    v = f;
    if (allDensities) {
      const m = f.reduce((s, vi, i) => s + vi * densities[i]!, 0);
      w = f.map((vi, i) => (vi * densities[i]!) / m);
    } else {
      w = f; // cannot convert; masses below are then unavailable
    }
  }
  const solidDensity = allDensities && v ? v.reduce((s, vi, i) => s + vi * densities[i]!, 0) : undefined;
  const massKnown = basis === 'mass' || allDensities;
  return { materials, densities, w, v, solidDensity, massKnown };
}

/** Capacity per unit of coating solids from the active materials: practical, first-charge and window. */
function activeCapacities(
  electrode: ElectrodeIR,
  { materials, w, v, massKnown }: Fractions,
  problems: DesignProblem[],
  inputs: DesignInput[],
): {
  practicalPerMass: number | undefined;
  firstChargePerMass: number | undefined;
  firstChargeStated: boolean;
  windowPerVolume: number | undefined;
} {
  const role = electrode.role;
  const comps = electrode.components;
  const activeIdx = comps.map((_, i) => i).filter((i) => componentRole(materials[i], role) === 'active');
  if (comps.length > 0 && activeIdx.length === 0) {
    addProblem(
      problems,
      'error',
      'no-active-material',
      `the ${role} composition has no ${role === 'cathode' ? 'cathode' : 'anode'}-active material`,
      `${role}.composition`,
    );
  }
  let practicalPerMass: number | undefined = 0; // C per kg of coating solids
  // First-charge (formation) capacity per kg of solids: the stated first-charge capacity, or the
  // reversible one ÷ the first-cycle efficiency, or the reversible one (efficiency 1) when neither.
  let firstChargePerMass: number | undefined = 0;
  let firstChargeStated = false;
  let windowPerVolume: number | undefined = 0; // C per m³ of solids
  for (const i of activeIdx) {
    const m = materials[i]!;
    const q = m.properties.specificCapacity;
    if (ok(q))
      addInput(
        inputs,
        `${m.name} specific capacity`,
        q,
        'specificCapacity',
        m.sources.specificCapacity ?? m.sources.material,
      );
    practicalPerMass = ok(q) && ok(practicalPerMass) && massKnown ? practicalPerMass + w[i]! * q : undefined;
    const eff = m.properties.firstCycleEfficiency;
    const qFirst = m.properties.firstChargeCapacity ?? (ok(q) && ok(eff) && eff > 0 ? q / eff : q);
    if (m.properties.firstChargeCapacity !== undefined || ok(eff)) firstChargeStated = true;
    firstChargePerMass =
      ok(qFirst) && ok(firstChargePerMass) && massKnown ? firstChargePerMass + w[i]! * qFirst : undefined;
    const win = m.properties.stoichiometryWindow;
    const cmax = m.properties.maxConcentration;
    if (win && ok(cmax) && v) {
      addInput(inputs, `${m.name} c_s,max`, cmax, 'concentration', m.sources.maxConcentration ?? m.sources.material);
      addInput(
        inputs,
        `${m.name} stoichiometry window width`,
        Math.abs(win[1] - win[0]),
        'dimensionless',
        m.sources.stoichiometryWindow ?? m.sources.material,
      );
      windowPerVolume = ok(windowPerVolume)
        ? windowPerVolume + v[i]! * cmax * Math.abs(win[1] - win[0]) * FARADAY
        : undefined;
    } else {
      windowPerVolume = undefined;
    }
  }
  if (activeIdx.length === 0) {
    practicalPerMass = undefined;
    windowPerVolume = undefined;
  }
  return { practicalPerMass, firstChargePerMass, firstChargeStated, windowPerVolume };
}

/**
 * Loading, thickness, porosity and coating density from the two (or three) written: ρ_b = ρ_s (1 − ε)
 * and loading = ρ_b · thickness; a third written value is checked against the other two.
 */
function solveLoading(
  electrode: ElectrodeIR,
  practicalPerMass: number | undefined,
  solidDensity: number | undefined,
  tolerance: number,
  problems: DesignProblem[],
  inputs: DesignInput[],
): {
  loading: number | undefined;
  thickness: number | undefined;
  porosity: number | undefined;
  density: number | undefined;
  derived: ElectrodeDesign['derived'][number][];
} {
  const role = electrode.role;
  const src = electrode.sources;
  let loading = ok(electrode.loading) ? electrode.loading : undefined;
  let thickness = ok(electrode.thickness) ? electrode.thickness : undefined;
  let porosity = ok(electrode.porosity) ? electrode.porosity : undefined;
  let density = ok(electrode.density) ? electrode.density : undefined;
  if (loading !== undefined) addInput(inputs, `${role} loading`, loading, 'arealMass', src.loading);
  if (thickness !== undefined) addInput(inputs, `${role} thickness`, thickness, 'length', src.thickness);
  if (porosity !== undefined) addInput(inputs, `${role} porosity`, porosity, 'fraction', src.porosity);
  if (density !== undefined) addInput(inputs, `${role} coating density`, density, 'density', src.density);
  const derived: ElectrodeDesign['derived'][number][] = [];

  if (electrode.lithiumMetal) {
    // A dense foil: porosity 0 unless written; loading from thickness or vice versa.
    if (porosity === undefined && density === undefined) porosity = 0;
  }
  if (loading === undefined && ok(electrode.arealCapacity)) {
    addInput(inputs, `${role} areal capacity (written)`, electrode.arealCapacity, 'arealCapacity', src.arealCapacity);
    if (ok(practicalPerMass) && practicalPerMass > 0) {
      loading = electrode.arealCapacity / practicalPerMass;
      derived.push('loading');
    } else {
      addProblem(
        problems,
        'warning',
        'loading-from-capacity',
        `the ${role} areal capacity is written but its active material has no specific capacity, so the loading cannot be derived`,
        `${role}.loading`,
      );
    }
  }
  // Porosity and bulk density are one degree of freedom: ρ_b = ρ_s (1 − ε).
  if (solidDensity !== undefined) {
    if (density !== undefined && porosity !== undefined) {
      const implied = 1 - density / solidDensity;
      if (Math.abs(implied - porosity) > 0.01) {
        addProblem(
          problems,
          'warning',
          'porosity-density-inconsistent',
          `${role} density ${fmt(density, 'density')} means a porosity of ${(implied * 100).toFixed(1)} %, not the ${(porosity * 100).toFixed(1)} % written (solid density ${fmt(solidDensity, 'density')})`,
          `${role}.density`,
        );
      }
    } else if (density !== undefined) {
      porosity = 1 - density / solidDensity;
      derived.push('porosity');
    } else if (porosity !== undefined) {
      density = solidDensity * (1 - porosity);
      derived.push('density');
    }
  }
  if (loading !== undefined && thickness !== undefined && density !== undefined) {
    // All three written: check, keep loading and porosity (they fix capacity and density).
    const impliedThickness = loading / density;
    if (Math.abs(impliedThickness - thickness) / thickness > tolerance) {
      addProblem(
        problems,
        'warning',
        'thickness-inconsistent',
        `${role} thickness ${fmt(thickness, 'length')} disagrees with ${fmt(impliedThickness, 'length')} from loading ${fmt(loading, 'arealMass')} at ${porosity !== undefined ? `${(porosity * 100).toFixed(1)} % porosity` : `density ${fmt(density, 'density')}`} (more than ${(tolerance * 100).toFixed(0)} % apart); the loading and porosity are used`,
        `${role}.thickness`,
      );
      thickness = impliedThickness;
      derived.push('thickness');
    }
  } else if (loading !== undefined && thickness !== undefined && density === undefined) {
    density = loading / thickness;
    derived.push('density');
    if (solidDensity !== undefined) {
      porosity = 1 - density / solidDensity;
      derived.push('porosity');
    }
  } else if (loading !== undefined && density !== undefined && thickness === undefined) {
    thickness = loading / density;
    derived.push('thickness');
  } else if (thickness !== undefined && density !== undefined && loading === undefined) {
    loading = density * thickness;
    derived.push('loading');
  }
  if (loading === undefined && thickness === undefined) {
    addProblem(problems, 'error', 'no-loading', `the ${role} needs a loading (mg/cm² or mAh/cm²) or a thickness`, role);
  } else if (thickness === undefined || loading === undefined) {
    addProblem(
      problems,
      'warning',
      'underdetermined',
      `the ${role} needs two of loading, thickness and porosity (or density); only one is written`,
      role,
    );
  }
  if (porosity !== undefined && porosity < 0) {
    addProblem(
      problems,
      'error',
      'negative-porosity',
      `${role} loading ${loading !== undefined ? fmt(loading, 'arealMass') : '?'} in ${thickness !== undefined ? fmt(thickness, 'length') : '?'} needs a coating density of ${density !== undefined ? fmt(density, 'density') : '?'}, above the solid density ${solidDensity !== undefined ? fmt(solidDensity, 'density') : '?'} (porosity ${(porosity * 100).toFixed(1)} %)`,
      // At the value that is wrong: the written loading (else thickness), not the electrode block.
      electrode.loading !== undefined
        ? `${role}.loading`
        : electrode.thickness !== undefined
          ? `${role}.thickness`
          : role,
    );
  }
  return { loading, thickness, porosity, density, derived };
}
