/**
 * Number formatting in the user's preferred units, on top of `@cellspec/units/display` (the
 * display units without mathjs, which stays out of the client bundle). Every value the preview,
 * status bar and reports show goes through here.
 */
import { formatDisplay as formatQuantity } from '@cellspec/units/display';
import type { QuantityKind } from '@cellspec/units';
import type { CellspecSettings } from '../settings.js';

export interface Formatter {
  capacity(si: number): string;
  energy(si: number): string;
  energyDensity(si: number): string;
  specificEnergy(si: number): string;
  thickness(si: number): string;
  arealCapacity(si: number): string;
  mass(si: number): string;
  voltage(si: number): string;
  ratio(value: number): string;
  /** Any kind in its display unit. */
  quantity(si: number, kind: QuantityKind): string;
  /** The unit a chart axis uses, and the factor from SI to it. */
  axis(kind: 'capacity' | 'voltage' | 'temperature' | 'time' | 'thickness'): {
    unit: string;
    fromSI: (si: number) => number;
  };
}

export function formatter(settings: CellspecSettings): Formatter {
  const u = settings.units;
  const q = (kind: QuantityKind, unit?: string) => (si: number) => formatQuantity(si, kind, unit ? { unit } : {});
  return {
    capacity: q('capacity', u.capacity),
    energy: q('energy', u.energy),
    energyDensity: q('energyDensity', u.energyDensity),
    specificEnergy: q('specificEnergy', 'Wh/kg'),
    thickness: q('length', u.thickness),
    arealCapacity: q('arealCapacity', 'mAh/cm²'),
    mass: q('mass', 'mg'),
    voltage: q('voltage', 'V'),
    ratio: (v) => formatQuantity(v, 'dimensionless', { digits: 3 }),
    quantity: (si, kind) => formatQuantity(si, kind),
    axis(kind) {
      switch (kind) {
        // 1 mAh = 3.6 C; 1 Ah = 3600 C.
        case 'capacity':
          return u.capacity === 'Ah'
            ? { unit: 'Ah', fromSI: (c) => c / 3600 }
            : { unit: 'mAh', fromSI: (c) => c / 3.6 };
        case 'voltage':
          return { unit: 'V', fromSI: (v) => v };
        case 'temperature':
          return { unit: '°C', fromSI: (k) => k - 273.15 };
        case 'time':
          return { unit: 'min', fromSI: (s) => s / 60 };
        case 'thickness':
          return u.thickness === 'mm' ? { unit: 'mm', fromSI: (m) => m * 1e3 } : { unit: 'µm', fromSI: (m) => m * 1e6 };
      }
    },
  };
}

/** Relative change of a variant against its base, "+3.2 %"; empty when either is missing or the base is 0. */
export function relativeChange(value: number | undefined, base: number | undefined): string | undefined {
  if (value === undefined || base === undefined || base === 0) return undefined;
  const pct = ((value - base) / Math.abs(base)) * 100;
  if (Math.abs(pct) < 0.05) return '±0 %';
  return `${pct > 0 ? '+' : '−'}${Math.abs(pct).toFixed(1)} %`;
}
