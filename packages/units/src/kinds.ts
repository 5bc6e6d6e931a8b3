/**
 * Quantity kinds. A dimension check alone is not enough: Wh/L and Pa share SI base dimensions,
 * and so do wt%, vol% and a plain %. Each kind names a reference unit (its dimension), the
 * unit a value of that kind is stored in (SI), the unit it is shown in, and — where kinds share a
 * dimension — the unit words that select it.
 */
import { math, type Unit } from './math.js';

export type QuantityKind =
  | 'length'
  | 'area'
  | 'volume'
  | 'mass'
  | 'time'
  | 'temperature'
  | 'temperatureDifference'
  | 'fraction'
  | 'massFraction'
  | 'volumeFraction'
  | 'dimensionless'
  | 'capacity'
  | 'specificCapacity'
  | 'arealCapacity'
  | 'volumetricCapacity'
  | 'arealMass'
  | 'density'
  | 'voltage'
  | 'current'
  | 'currentDensity'
  | 'cRate'
  | 'power'
  | 'arealPower'
  | 'energy'
  | 'energyDensity'
  | 'specificEnergy'
  | 'specificPower'
  | 'resistance'
  | 'arealResistance'
  | 'conductivity'
  | 'diffusivity'
  | 'concentration'
  | 'molarMass'
  | 'activationEnergy'
  | 'specificHeat'
  | 'thermalConductivity'
  | 'heatTransferCoefficient'
  | 'entropicCoefficient'
  | 'pressure'
  | 'force'
  | 'speed'
  | 'frequency'
  | 'acceleration'
  | 'exchangeCurrentDensity'
  | 'reactionRate'
  | 'massFlow'
  | 'viscosity'
  | 'thermalConductance';

export interface KindInfo {
  /** Words an engineer understands, used in messages: "an areal capacity". */
  readonly label: string;
  /** A mathjs unit with the kind's dimension. */
  readonly reference: string;
  /** The SI unit values are stored in (mathjs syntax). */
  readonly si: string;
  /** How values are shown by default (as an engineer writes it). */
  readonly display: string;
  /** Examples of accepted units, for messages and completion. */
  readonly examples: readonly string[];
  /** Where kinds share a dimension: unit words (mathjs names) that select this kind. */
  readonly words?: readonly string[];
}

export const KINDS: Readonly<Record<QuantityKind, KindInfo>> = {
  length: { label: 'a length', reference: 'm', si: 'm', display: 'µm', examples: ['µm', 'um', 'mm', 'cm'] },
  area: { label: 'an area', reference: 'm^2', si: 'm^2', display: 'cm²', examples: ['cm²', 'mm²', 'm²'] },
  volume: { label: 'a volume', reference: 'm^3', si: 'm^3', display: 'cm³', examples: ['cm³', 'mL', 'L'] },
  mass: { label: 'a mass', reference: 'kg', si: 'kg', display: 'g', examples: ['mg', 'g', 'kg'] },
  time: { label: 'a time', reference: 's', si: 's', display: 's', examples: ['s', 'min', 'h', 'd'] },
  temperature: {
    label: 'a temperature',
    reference: 'K',
    si: 'K',
    display: '°C',
    examples: ['°C', 'K'],
    words: ['degC', 'degF', 'K', 'kelvin', 'celsius'],
  },
  temperatureDifference: {
    label: 'a temperature difference',
    reference: 'K',
    si: 'K',
    display: 'K',
    examples: ['K'],
    words: [],
  },
  fraction: {
    label: 'a fraction',
    reference: 'percent',
    si: '',
    display: '%',
    examples: ['%', 'ppm'],
    words: ['percent', 'ppm'],
  },
  massFraction: {
    label: 'a mass fraction',
    reference: 'percent',
    si: '',
    display: 'wt%',
    examples: ['wt%'],
    words: ['wtpercent'],
  },
  volumeFraction: {
    label: 'a volume fraction',
    reference: 'percent',
    si: '',
    display: 'vol%',
    examples: ['vol%'],
    words: ['volpercent'],
  },
  dimensionless: { label: 'a plain number', reference: '', si: '', display: '', examples: ['(no unit)'], words: [] },
  capacity: { label: 'a capacity', reference: 'mAh', si: 'C', display: 'mAh', examples: ['mAh', 'Ah'] },
  specificCapacity: {
    label: 'a specific capacity',
    reference: 'mAh/g',
    si: 'C/kg',
    display: 'mAh/g',
    examples: ['mAh/g'],
  },
  arealCapacity: {
    label: 'an areal capacity',
    reference: 'mAh/cm^2',
    si: 'C/m^2',
    display: 'mAh/cm²',
    examples: ['mAh/cm²'],
  },
  volumetricCapacity: {
    label: 'a volumetric capacity',
    reference: 'mAh/cm^3',
    si: 'C/m^3',
    display: 'mAh/cm³',
    examples: ['mAh/cm³'],
  },
  arealMass: { label: 'a mass per area', reference: 'mg/cm^2', si: 'kg/m^2', display: 'mg/cm²', examples: ['mg/cm²'] },
  density: { label: 'a density', reference: 'g/cm^3', si: 'kg/m^3', display: 'g/cm³', examples: ['g/cm³', 'kg/m³'] },
  voltage: { label: 'a voltage', reference: 'V', si: 'V', display: 'V', examples: ['V', 'mV'] },
  current: { label: 'a current', reference: 'A', si: 'A', display: 'mA', examples: ['mA', 'A'] },
  currentDensity: {
    label: 'a current density',
    reference: 'A/m^2',
    si: 'A/m^2',
    display: 'mA/cm²',
    examples: ['mA/cm²', 'A/m²'],
    words: [],
  },
  exchangeCurrentDensity: {
    label: 'an exchange-current density',
    reference: 'A/m^2',
    si: 'A/m^2',
    display: 'A/m²',
    examples: ['A/m²'],
    words: [],
  },
  cRate: { label: 'a C-rate', reference: 'crate', si: 'crate', display: 'C', examples: ['C'] },
  power: { label: 'a power', reference: 'W', si: 'W', display: 'mW', examples: ['mW', 'W'] },
  arealPower: { label: 'a power per area', reference: 'W/m^2', si: 'W/m^2', display: 'mW/cm²', examples: ['mW/cm²'] },
  energy: {
    label: 'an energy',
    reference: 'J',
    si: 'J',
    display: 'Wh',
    examples: ['mWh', 'Wh', 'J'],
    words: ['Wh', 'J', 'kJ', 'kWh', 'mWh'],
  },
  activationEnergy: {
    label: 'an activation energy',
    reference: 'J/mol',
    si: 'J/mol',
    display: 'kJ/mol',
    examples: ['kJ/mol', 'eV'],
  },
  energyDensity: {
    label: 'an energy density',
    reference: 'Wh/L',
    si: 'J/m^3',
    display: 'Wh/L',
    examples: ['Wh/L'],
    words: ['Wh', 'J', 'kWh', 'mWh', 'kJ'],
  },
  pressure: {
    label: 'a pressure',
    reference: 'Pa',
    si: 'Pa',
    display: 'MPa',
    examples: ['MPa', 'kPa', 'bar'],
    words: ['Pa', 'bar', 'psi', 'atm', 'N', 'kgf', 'torr', 'mmHg', 'kPa', 'MPa', 'GPa'],
  },
  specificEnergy: { label: 'a specific energy', reference: 'Wh/kg', si: 'J/kg', display: 'Wh/kg', examples: ['Wh/kg'] },
  specificPower: { label: 'a specific power', reference: 'W/kg', si: 'W/kg', display: 'W/kg', examples: ['W/kg'] },
  resistance: { label: 'a resistance', reference: 'ohm', si: 'ohm', display: 'Ω', examples: ['Ω', 'mΩ'] },
  arealResistance: {
    label: 'an areal resistance',
    reference: 'ohm m^2',
    si: 'ohm m^2',
    display: 'Ω·cm²',
    examples: ['Ω·cm²'],
  },
  conductivity: { label: 'a conductivity', reference: 'S/m', si: 'S/m', display: 'mS/cm', examples: ['mS/cm', 'S/m'] },
  diffusivity: {
    label: 'a diffusivity',
    reference: 'm^2/s',
    si: 'm^2/s',
    display: 'm²/s',
    examples: ['m²/s', 'cm²/s'],
  },
  concentration: {
    label: 'a concentration',
    reference: 'mol/m^3',
    si: 'mol/m^3',
    display: 'mol/m³',
    examples: ['mol/m³', 'mol/L'],
  },
  molarMass: { label: 'a molar mass', reference: 'g/mol', si: 'kg/mol', display: 'g/mol', examples: ['g/mol'] },
  specificHeat: {
    label: 'a specific heat capacity',
    reference: 'J/(kg K)',
    si: 'J/(kg K)',
    display: 'J/(kg·K)',
    examples: ['J/(kg·K)'],
  },
  thermalConductivity: {
    label: 'a thermal conductivity',
    reference: 'W/(m K)',
    si: 'W/(m K)',
    display: 'W/(m·K)',
    examples: ['W/(m·K)'],
  },
  heatTransferCoefficient: {
    label: 'a heat-transfer coefficient',
    reference: 'W/(m^2 K)',
    si: 'W/(m^2 K)',
    display: 'W/(m²·K)',
    examples: ['W/(m²·K)'],
  },
  entropicCoefficient: {
    label: 'an entropic coefficient',
    reference: 'V/K',
    si: 'V/K',
    display: 'mV/K',
    examples: ['mV/K'],
  },
  force: { label: 'a force', reference: 'N', si: 'N', display: 'N', examples: ['N', 'kN'] },
  speed: { label: 'a speed', reference: 'm/s', si: 'm/s', display: 'm/min', examples: ['mm/s', 'm/min'] },
  frequency: { label: 'a frequency', reference: 'Hz', si: 'Hz', display: 'Hz', examples: ['Hz', 'kHz', 'MHz'] },
  acceleration: { label: 'an acceleration', reference: 'm/s^2', si: 'm/s^2', display: 'm/s²', examples: ['m/s²'] },
  reactionRate: {
    label: 'a reaction-rate constant',
    reference: 'm/s',
    si: 'm/s',
    display: 'm/s',
    examples: ['m/s'],
    words: [],
  },
  massFlow: { label: 'a mass flow', reference: 'kg/s', si: 'kg/s', display: 'g/min', examples: ['g/min'] },
  viscosity: { label: 'a viscosity', reference: 'Pa s', si: 'Pa s', display: 'mPa·s', examples: ['mPa·s'] },
  thermalConductance: {
    label: 'a thermal conductance',
    reference: 'W/K',
    si: 'W/K',
    display: 'W/K',
    examples: ['W/K'],
  },
};

const referenceUnits = new Map<QuantityKind, Unit | null>();
function referenceOf(kind: QuantityKind): Unit | null {
  if (!referenceUnits.has(kind)) {
    const ref = KINDS[kind].reference;
    referenceUnits.set(kind, ref === '' ? null : math.unit(ref));
  }
  return referenceUnits.get(kind)!;
}

/** The names of the unit atoms in a parsed unit (`mAh/cm^2` → ['Ah', 'm'] with prefixes dropped). */
function unitWords(unit: Unit): string[] {
  return unit.units
    .map((u) => (u.prefix as unknown as { name: string }).name + u.unit.name)
    .concat(unit.units.map((u) => u.unit.name));
}

/**
 * The kinds a written unit can stand for, most specific first. Shared dimensions are told
 * apart by unit words; the first kind is the one a value with this unit is taken to be when
 * nothing else is expected.
 */
export function kindsOfUnit(unit: Unit | null): QuantityKind[] {
  if (unit === null) return ['dimensionless'];
  // The answer depends only on the unit's atoms and powers; every keystroke asks again.
  const key = unitSignature(unit);
  let kinds = kindsBySignature.get(key);
  if (!kinds) {
    kinds = computeKinds(unit);
    kindsBySignature.set(key, kinds);
  }
  return kinds;
}

const kindsBySignature = new Map<string, QuantityKind[]>();

/** The unit's atoms with prefixes and powers (`mg^1·cm^-2`): equal signatures, equal units. */
export function unitSignature(unit: Unit): string {
  return unit.units.map((u) => `${(u.prefix as unknown as { name: string }).name}${u.unit.name}^${u.power}`).join('·');
}

function computeKinds(unit: Unit): QuantityKind[] {
  const words = unitWords(unit);
  const dimensionless = unit.dimensions.every((d) => d === 0);
  const result: QuantityKind[] = [];
  for (const kind of Object.keys(KINDS) as QuantityKind[]) {
    const info = KINDS[kind];
    const ref = referenceOf(kind);
    if (ref === null) {
      if (dimensionless && !words.some((w) => /percent|ppm/.test(w))) result.push(kind);
      continue;
    }
    if (!unit.equalBase(ref)) continue;
    if (info.words && info.words.length > 0 && !words.some((w) => info.words!.includes(w))) continue;
    result.push(kind);
  }
  // Dimension twins without selecting words accept any unit of that dimension.
  if (unit.equalBase(math.unit('A/m^2'))) result.push('currentDensity', 'exchangeCurrentDensity');
  if (unit.equalBase(math.unit('K')) && !result.includes('temperature')) result.push('temperatureDifference');
  if (unit.equalBase(math.unit('K'))) result.push('temperatureDifference');
  if (unit.equalBase(math.unit('m/s'))) result.push('reactionRate');
  if (unit.equalBase(math.unit('J'))) result.push('activationEnergy'); // eV per particle
  return [...new Set(result)];
}
