/**
 * A module and a pack as a spec declares them (plain data, SI units), and the flat arrangement the
 * pack calculator reads. A module is cells in series and parallel with its own busbars, cooling
 * plate and housing; a pack is modules in series and parallel inside a housing stated as fractions.
 */
import type { SourceRef } from '../ir.js';
import type { PackSpec } from './pack-design.js';
import type { Vehicle } from './vehicle.js';

export interface ModuleIR {
  readonly name: string;
  readonly title?: string;
  /** The cell or variant, by name. */
  readonly cell: string;
  readonly series: number;
  readonly parallel: number;
  /** kg, Ω (the module's series string) */
  readonly busbarMass?: number;
  readonly busbarResistance?: number;
  /** kg, m³ */
  readonly plateMass?: number;
  readonly plateVolume?: number;
  /** W/K: one cell to the coolant through the plate; between neighbouring cells. */
  readonly plateConductance?: number;
  readonly cellConductance?: number;
  /** kg, m³ */
  readonly housingMass?: number;
  readonly housingVolume?: number;
  readonly source?: SourceRef;
}

export type DutyIR =
  | {
      readonly type: 'fast-charge';
      /** C-rate of the constant-current phase, 1/h. */
      readonly rate: number;
      /** SOC, 0..1 */
      readonly fromSoc: number;
      readonly toSoc: number;
    }
  | {
      readonly type: 'drive';
      /** The speed trace: 'wltc-class3b' (UN GTR No. 15). */
      readonly cycle: 'wltc-class3b';
      /** Rise over run: 0.05 is 5 %. */
      readonly grade: number;
      readonly fromSoc: number;
      readonly repeat: number;
    };

export interface PackIR {
  readonly name: string;
  readonly title?: string;
  readonly module: ModuleIR;
  /** Modules in series, module strings in parallel. */
  readonly series: number;
  readonly parallel: number;
  /** Interconnects between modules: kg, Ω. */
  readonly busbarMass?: number;
  readonly busbarResistance?: number;
  /** Housing, electronics and structure as shares of the pack, 0..1. */
  readonly housingMassFraction?: number;
  readonly housingVolumeFraction?: number;
  /** K */
  readonly coolantTemperature?: number;
  /** kg/s through one cooling path. */
  readonly coolantFlow?: number;
  readonly vehicle?: Vehicle;
  readonly duties: readonly DutyIR[];
  readonly source?: SourceRef;
}

/**
 * The flat pack of cells the calculator reads. Resistances: a module string's busbars are in series
 * with the other modules of its string, and strings share the pack current, so the pack sees
 *   R = series·R_module / parallel + R_interconnect.
 */
export function packSpecOf(pack: PackIR): PackSpec {
  const m = pack.module;
  const modules = pack.series * pack.parallel;
  const moduleBusbarResistance = ((m.busbarResistance ?? 0) * pack.series) / pack.parallel;
  return {
    name: pack.name,
    series: m.series * pack.series,
    parallel: m.parallel * pack.parallel,
    busbarMass: (m.busbarMass ?? 0) * modules + (pack.busbarMass ?? 0),
    busbarResistance: moduleBusbarResistance + (pack.busbarResistance ?? 0),
    coolingMass: (m.plateMass ?? 0) * modules,
    coolingVolume: (m.plateVolume ?? 0) * modules,
    moduleHousingMass: (m.housingMass ?? 0) * modules,
    moduleHousingVolume: (m.housingVolume ?? 0) * modules,
    ...(pack.housingMassFraction !== undefined ? { housingMassFraction: pack.housingMassFraction } : {}),
    ...(pack.housingVolumeFraction !== undefined ? { housingVolumeFraction: pack.housingVolumeFraction } : {}),
  };
}
