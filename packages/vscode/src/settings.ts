/**
 * The extension's settings as one plain object. `readSettings` takes a getter so the rules
 * (allowed values, defaults) are testable without VS Code; invalid values fall back to defaults
 * rather than breaking the preview.
 */

export interface CellspecSettings {
  readonly units: {
    readonly capacity: 'mAh' | 'Ah';
    readonly energy: 'mWh' | 'Wh' | 'J';
    readonly energyDensity: 'Wh/L' | 'mWh/cm³';
    readonly thickness: 'µm' | 'mm';
  };
  /** Energy-density basis shown first (status bar, metrics table). */
  readonly energyDensityBasis: 'stack' | 'cell';
  readonly analyses: { readonly enabled: boolean; readonly modelFidelity: 'reduced' | 'p2d' };
  readonly followCursor: boolean;
  /** Where exports go by default, relative to the workspace folder (never beside the spec). */
  readonly exportsFolder: string;
}

export const DEFAULT_SETTINGS: CellspecSettings = {
  units: { capacity: 'mAh', energy: 'mWh', energyDensity: 'Wh/L', thickness: 'µm' },
  energyDensityBasis: 'stack',
  analyses: { enabled: true, modelFidelity: 'reduced' },
  followCursor: true,
  exportsFolder: 'out',
};

/** Keys below the `cellspec` section that the extension reads. */
export const SETTING_KEYS = [
  'units.capacity',
  'units.energy',
  'units.energyDensity',
  'units.thickness',
  'energyDensity.basis',
  'analyses.enabled',
  'analyses.modelFidelity',
  'preview.followCursor',
  'exports.folder',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  if (typeof value !== 'string') return fallback;
  // People type `um` for µm; accept it as the same unit.
  const v = value === 'um' ? 'µm' : value;
  return (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

/** A folder inside the workspace: relative, no `..` segment; `\\` read as `/`. */
function relativeFolder(value: unknown, fallback: string): string {
  if (typeof value !== 'string') return fallback;
  const parts = value
    .replace(/\\/g, '/')
    .split('/')
    .filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.includes('..') || /^([a-z]:|\/)/i.test(value)) return fallback;
  return parts.join('/');
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

/** Reads and checks the settings; `get(key)` returns the raw value under `cellspec.<key>`. */
export function readSettings(get: (key: SettingKey) => unknown): CellspecSettings {
  const d = DEFAULT_SETTINGS;
  return {
    units: {
      capacity: oneOf(get('units.capacity'), ['mAh', 'Ah'], d.units.capacity),
      energy: oneOf(get('units.energy'), ['mWh', 'Wh', 'J'], d.units.energy),
      energyDensity: oneOf(get('units.energyDensity'), ['Wh/L', 'mWh/cm³'], d.units.energyDensity),
      thickness: oneOf(get('units.thickness'), ['µm', 'mm'], d.units.thickness),
    },
    energyDensityBasis: oneOf(get('energyDensity.basis'), ['stack', 'cell'], d.energyDensityBasis),
    analyses: {
      enabled: bool(get('analyses.enabled'), d.analyses.enabled),
      modelFidelity: oneOf(get('analyses.modelFidelity'), ['reduced', 'p2d'], d.analyses.modelFidelity),
    },
    followCursor: bool(get('preview.followCursor'), d.followCursor),
    exportsFolder: relativeFolder(get('exports.folder'), d.exportsFolder),
  };
}
