/**
 * Small builders for hand-made cell IR in tests. Inputs are written in the units a designer
 * uses (g/cm³, mAh/g, µm, mg/cm², cm) and converted to SI here, so the hand calculations in the
 * tests read in those units.
 */
import type {
  CellIR,
  ComponentIR,
  ElectrodeIR,
  FormatIR,
  MaterialIR,
  MaterialKind,
  MaterialProperties,
  SeparatorIR,
} from '../../src/ir.js';

export const gcc = (x: number) => x * 1000; // g/cm³ → kg/m³
export const mAhg = (x: number) => x * 3600; // mAh/g → C/kg (1 mAh = 3.6 C, 1 g = 1e-3 kg)
export const um = (x: number) => x * 1e-6;
export const cm = (x: number) => x * 1e-2;
export const mgcm2 = (x: number) => x * 1e-2; // mg/cm² → kg/m²
export const toMAh = (coulomb: number) => coulomb / 3.6;
export const toWhPerL = (jPerM3: number) => jPerM3 / 3.6e6; // 1 Wh/L = 3600 J / 1e-3 m³
export const toWhPerKg = (jPerKg: number) => jPerKg / 3600;
export const toMg = (kg: number) => kg * 1e6;
export const toUm = (m: number) => m * 1e6;

export function material(name: string, kind: MaterialKind, properties: MaterialProperties): MaterialIR {
  return { name, kind, properties, sources: { material: { citation: `test material ${name}` } } };
}

export const byWeight = (parts: Record<string, number>): ComponentIR[] =>
  Object.entries(parts).map(([material, pct]) => ({ material, fraction: pct / 100, basis: 'mass' as const }));

export function electrode(
  role: 'cathode' | 'anode',
  widthCm: number,
  heightCm: number,
  rest: Partial<ElectrodeIR>,
): ElectrodeIR {
  return {
    role,
    area: cm(widthCm) * cm(heightCm),
    dimensions: { width: cm(widthCm), height: cm(heightCm) },
    doubleSided: false,
    components: [],
    sources: {},
    ...rest,
  };
}

export function cell(parts: {
  name?: string;
  format?: Partial<FormatIR> | undefined;
  cathode: ElectrodeIR;
  anode: ElectrodeIR;
  separator?: SeparatorIR;
  materials: MaterialIR[];
  targets?: CellIR['targets'];
}): CellIR {
  return {
    name: parts.name ?? 'C',
    format: { type: 'pouch', stacking: 'single-layer', layers: 1, ...parts.format },
    cathode: parts.cathode,
    anode: parts.anode,
    ...(parts.separator ? { separator: parts.separator } : {}),
    limits: {},
    targets: parts.targets ?? [],
    analyses: [],
    materials: Object.fromEntries(parts.materials.map((m) => [m.name, m])),
  };
}
