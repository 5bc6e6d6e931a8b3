/**
 * Module and pack figures from one cell's design: cells in series and parallel, plus what a
 * pack adds around them (busbars, cooling plates, housing), with the breakdown a pack designer
 * checks. Energy is counted at the cell's mean voltage; busbar resistance costs I²R at a stated
 * discharge rate, so usable energy = cells × cell energy − busbar loss (a stated loss, nothing
 * hidden).
 */
import type { CellDesign } from '../design/types.js';
import type { LimitsIR } from '../ir.js';

export interface PackSpec {
  readonly name: string;
  /** Cells in series and in parallel (a module of the pack is the same arrangement, repeated). */
  readonly series: number;
  readonly parallel: number;
  /** Busbar and interconnect mass, kg, and resistance of the series string, Ω. */
  readonly busbarMass?: number;
  readonly busbarResistance?: number;
  /** Cooling plates: mass, kg, and volume, m³. */
  readonly coolingMass?: number;
  readonly coolingVolume?: number;
  /** Module housings, summed over the modules: kg, m³. */
  readonly moduleHousingMass?: number;
  readonly moduleHousingVolume?: number;
  /** Housing, electronics and structure as fractions of the whole pack's mass and volume, 0..1. */
  readonly housingMassFraction?: number;
  readonly housingVolumeFraction?: number;
  /** C-rate at which usable energy is counted (default 1/3, the rate of a capacity test). */
  readonly rate?: number;
}

export interface PackDesign {
  readonly name: string;
  readonly cells: number;
  /** C, J, V */
  readonly capacity: number;
  readonly nominalEnergy: number;
  readonly busbarLoss: number;
  readonly usableEnergy: number;
  readonly nominalVoltage: number;
  readonly voltageWindow?: readonly [number, number];
  /** kg, m³ */
  readonly mass: number;
  readonly volume: number;
  /** J/m³ and J/kg, on usable energy. */
  readonly energyDensity: number;
  readonly specificEnergy: number;
  readonly massBreakdown: Readonly<Record<string, number>>;
  readonly volumeBreakdown: Readonly<Record<string, number>>;
  readonly problems: readonly string[];
}

export function packDesign(cell: CellDesign, limits: LimitsIR, spec: PackSpec): PackDesign | { problems: string[] } {
  const problems: string[] = [];
  if (!(Number.isInteger(spec.series) && spec.series >= 1)) problems.push('series must be a whole number ≥ 1');
  if (!(Number.isInteger(spec.parallel) && spec.parallel >= 1)) problems.push('parallel must be a whole number ≥ 1');
  const need = (value: number | undefined, what: string) => {
    if (value === undefined) problems.push(`the cell's ${what} is not computable`);
    return value ?? NaN;
  };
  const capacity = need(cell.capacity, 'capacity');
  const energy = need(cell.energy, 'energy');
  const meanVoltage = need(cell.meanVoltage, 'mean voltage');
  const cellMass = need(cell.cell.mass, 'packaged mass');
  const cellVolume = need(cell.cell.volume, 'packaged volume');
  const housingMass = spec.housingMassFraction ?? 0;
  const housingVolume = spec.housingVolumeFraction ?? 0;
  if (!(housingMass >= 0 && housingMass < 1)) problems.push('the housing mass fraction must be in [0, 1)');
  if (!(housingVolume >= 0 && housingVolume < 1)) problems.push('the housing volume fraction must be in [0, 1)');
  if (problems.length) return { problems };

  const cells = spec.series * spec.parallel;
  const packCapacity = capacity * spec.parallel;
  const nominalEnergy = energy * cells;
  const nominalVoltage = meanVoltage * spec.series;
  // Busbar loss at a constant current I = rate·Q for the 1/rate hours the discharge lasts:
  // E_loss = I²·R·t = (rate·Q/3600)²·R·(3600/rate) = rate·Q²·R/3600 (Q in C, R in Ω).
  const rate = spec.rate ?? 1 / 3;
  const busbarLoss = (rate * packCapacity * packCapacity * (spec.busbarResistance ?? 0)) / 3600;
  const usableEnergy = nominalEnergy - busbarLoss;
  const massParts: Record<string, number> = {
    cells: cellMass * cells,
    busbars: spec.busbarMass ?? 0,
    cooling: spec.coolingMass ?? 0,
    ...(spec.moduleHousingMass ? { 'module housings': spec.moduleHousingMass } : {}),
  };
  const volumeParts: Record<string, number> = {
    cells: cellVolume * cells,
    cooling: spec.coolingVolume ?? 0,
    ...(spec.moduleHousingVolume ? { 'module housings': spec.moduleHousingVolume } : {}),
  };
  // Housing is a fraction of the total: total = parts / (1 − fraction).
  const partsMass = Object.values(massParts).reduce((a, b) => a + b, 0);
  const partsVolume = Object.values(volumeParts).reduce((a, b) => a + b, 0);
  const mass = partsMass / (1 - housingMass);
  const volume = partsVolume / (1 - housingVolume);
  massParts.housing = mass - partsMass;
  volumeParts.housing = volume - partsVolume;
  return {
    name: spec.name,
    cells,
    capacity: packCapacity,
    nominalEnergy,
    busbarLoss,
    usableEnergy,
    nominalVoltage,
    ...(limits.voltageMin !== undefined && limits.voltageMax !== undefined
      ? { voltageWindow: [limits.voltageMin * spec.series, limits.voltageMax * spec.series] as const }
      : {}),
    mass,
    volume,
    energyDensity: usableEnergy / volume,
    specificEnergy: usableEnergy / mass,
    massBreakdown: massParts,
    volumeBreakdown: volumeParts,
    problems: [],
  };
}
