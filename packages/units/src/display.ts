/**
 * Display units without mathjs: SI values shown in the units the editor offers, for the VS Code
 * client, whose bundle must not carry the units library (mathjs is most of a 2.4 MB client).
 * `formatDisplay` gives what `formatQuantity` gives, from a table of linear conversions taken
 * from mathjs (dividing by the same factor `fromSI` divides by, so roundings agree); the test
 * `display.test.ts` checks every entry against `fromSI` and that every kind has one, and prints
 * the line to add when a kind or a display unit is added.
 */
import { formatNumber } from './format-number.js';
import type { QuantityKind } from './kinds.js';

/** shown = SI ÷ factor + offset: `factor` is one display unit in SI, as mathjs holds it; the offset is °C's. */
export interface DisplayConversion {
  readonly factor: number;
  readonly offset: number;
}

/** Each kind's default display unit (`KINDS[kind].display`) and the SI unit it is stored in. */
export const DEFAULT_DISPLAY: Readonly<Record<QuantityKind, DisplayConversion & { unit: string; si: string }>> = {
  length: { unit: 'µm', si: 'm', factor: 0.000001, offset: 0 },
  area: { unit: 'cm²', si: 'm^2', factor: 0.0001, offset: 0 },
  volume: { unit: 'cm³', si: 'm^3', factor: 0.0000010000000000000002, offset: 0 },
  mass: { unit: 'g', si: 'kg', factor: 0.001, offset: 0 },
  time: { unit: 's', si: 's', factor: 1, offset: 0 },
  temperature: { unit: '°C', si: 'K', factor: 1, offset: -273.15 },
  temperatureDifference: { unit: 'K', si: 'K', factor: 1, offset: 0 },
  fraction: { unit: '%', si: '', factor: 0.01, offset: 0 },
  massFraction: { unit: 'wt%', si: '', factor: 0.01, offset: 0 },
  volumeFraction: { unit: 'vol%', si: '', factor: 0.01, offset: 0 },
  dimensionless: { unit: '', si: '', factor: 1, offset: 0 },
  capacity: { unit: 'mAh', si: 'C', factor: 3.6, offset: 0 },
  specificCapacity: { unit: 'mAh/g', si: 'C/kg', factor: 3600, offset: 0 },
  arealCapacity: { unit: 'mAh/cm²', si: 'C/m^2', factor: 36000, offset: 0 },
  volumetricCapacity: { unit: 'mAh/cm³', si: 'C/m^3', factor: 3599999.9999999995, offset: 0 },
  arealMass: { unit: 'mg/cm²', si: 'kg/m^2', factor: 0.01, offset: 0 },
  density: { unit: 'g/cm³', si: 'kg/m^3', factor: 999.9999999999999, offset: 0 },
  voltage: { unit: 'V', si: 'V', factor: 1, offset: 0 },
  current: { unit: 'mA', si: 'A', factor: 0.001, offset: 0 },
  currentDensity: { unit: 'mA/cm²', si: 'A/m^2', factor: 10, offset: 0 },
  exchangeCurrentDensity: { unit: 'A/m²', si: 'A/m^2', factor: 1, offset: 0 },
  cRate: { unit: 'C', si: 'crate', factor: 1, offset: 0 },
  power: { unit: 'mW', si: 'W', factor: 0.001, offset: 0 },
  arealPower: { unit: 'mW/cm²', si: 'W/m^2', factor: 10, offset: 0 },
  energy: { unit: 'Wh', si: 'J', factor: 3600, offset: 0 },
  activationEnergy: { unit: 'kJ/mol', si: 'J/mol', factor: 1000, offset: 0 },
  energyDensity: { unit: 'Wh/L', si: 'J/m^3', factor: 3600000, offset: 0 },
  pressure: { unit: 'MPa', si: 'Pa', factor: 1000000, offset: 0 },
  specificEnergy: { unit: 'Wh/kg', si: 'J/kg', factor: 3600, offset: 0 },
  specificPower: { unit: 'W/kg', si: 'W/kg', factor: 1, offset: 0 },
  resistance: { unit: 'Ω', si: 'ohm', factor: 1, offset: 0 },
  arealResistance: { unit: 'Ω·cm²', si: 'ohm m^2', factor: 0.0001, offset: 0 },
  conductivity: { unit: 'mS/cm', si: 'S/m', factor: 0.1, offset: 0 },
  diffusivity: { unit: 'm²/s', si: 'm^2/s', factor: 1, offset: 0 },
  concentration: { unit: 'mol/m³', si: 'mol/m^3', factor: 1, offset: 0 },
  molarMass: { unit: 'g/mol', si: 'kg/mol', factor: 0.001, offset: 0 },
  specificHeat: { unit: 'J/(kg·K)', si: 'J/(kg K)', factor: 1, offset: 0 },
  thermalConductivity: { unit: 'W/(m·K)', si: 'W/(m K)', factor: 1, offset: 0 },
  heatTransferCoefficient: { unit: 'W/(m²·K)', si: 'W/(m^2 K)', factor: 1, offset: 0 },
  entropicCoefficient: { unit: 'mV/K', si: 'V/K', factor: 0.001, offset: 0 },
  force: { unit: 'N', si: 'N', factor: 1, offset: 0 },
  speed: { unit: 'm/min', si: 'm/s', factor: 0.016666666666666666, offset: 0 },
  frequency: { unit: 'Hz', si: 'Hz', factor: 1, offset: 0 },
  acceleration: { unit: 'm/s²', si: 'm/s^2', factor: 1, offset: 0 },
  reactionRate: { unit: 'm/s', si: 'm/s', factor: 1, offset: 0 },
  massFlow: { unit: 'g/min', si: 'kg/s', factor: 0.000016666666666666667, offset: 0 },
  viscosity: { unit: 'mPa·s', si: 'Pa s', factor: 0.001, offset: 0 },
  thermalConductance: { unit: 'W/K', si: 'W/K', factor: 1, offset: 0 },
};

/** The other units the editor's settings offer, by `kind|unit`. */
export const OTHER_DISPLAY_UNITS: Readonly<Record<string, DisplayConversion>> = {
  'capacity|Ah': { factor: 3600, offset: 0 },
  'energy|mWh': { factor: 3.6, offset: 0 },
  'energy|J': { factor: 1, offset: 0 },
  'energyDensity|mWh/cm³': { factor: 3599999.9999999995, offset: 0 },
  'length|mm': { factor: 0.001, offset: 0 },
  'mass|mg': { factor: 0.000001, offset: 0 },
};

/** The conversion to `unit` (default: the kind's display unit), or undefined when the table has none. */
export function displayConversion(kind: QuantityKind, unit?: string): DisplayConversion | undefined {
  const own = DEFAULT_DISPLAY[kind];
  if (unit === undefined || unit === own.unit) return own;
  return OTHER_DISPLAY_UNITS[`${kind}|${unit}`];
}

/**
 * Formats an SI value as `formatQuantity` does: 3 significant figures by default, in `unit` or the
 * kind's display unit. A unit the table lacks is a programming error (the settings offer a fixed
 * list), so it throws rather than showing a wrong number.
 */
export function formatDisplay(si: number, kind: QuantityKind, opts: { unit?: string; digits?: number } = {}): string {
  const own = DEFAULT_DISPLAY[kind];
  const unit = opts.unit ?? own.unit;
  const conversion = displayConversion(kind, unit);
  if (!conversion) throw new Error(`no display conversion of ${kind} to '${unit}'`);
  const v = si / conversion.factor + conversion.offset;
  const digits = opts.digits ?? 3;
  // A huge but finite SI value can overflow in a smaller unit: show it in SI, as formatQuantity does.
  if (!Number.isFinite(v) && Number.isFinite(si)) return `${formatNumber(si, digits)} ${own.si}`.trimEnd();
  const text = formatNumber(v, digits);
  return unit === '' ? text : `${text} ${unit}`;
}
