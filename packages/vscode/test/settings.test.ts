import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, readSettings, type SettingKey } from '../src/settings.js';

const from = (values: Partial<Record<SettingKey, unknown>>) => readSettings((k) => values[k]);

describe('settings', () => {
  it('gives the defaults when nothing is set', () => {
    expect(from({})).toEqual(DEFAULT_SETTINGS);
  });

  it('reads valid values', () => {
    const s = from({
      'units.capacity': 'Ah',
      'units.energy': 'Wh',
      'units.energyDensity': 'mWh/cm³',
      'units.thickness': 'mm',
      'energyDensity.basis': 'cell',
      'analyses.enabled': false,
      'analyses.modelFidelity': 'p2d',
      'preview.followCursor': false,
      'exports.folder': 'build/exports',
    });
    expect(s).toEqual({
      units: { capacity: 'Ah', energy: 'Wh', energyDensity: 'mWh/cm³', thickness: 'mm' },
      energyDensityBasis: 'cell',
      analyses: { enabled: false, modelFidelity: 'p2d' },
      followCursor: false,
      exportsFolder: 'build/exports',
    });
  });

  it.each([
    ['units.capacity', 'furlongs', DEFAULT_SETTINGS.units.capacity],
    ['units.energy', 42, DEFAULT_SETTINGS.units.energy],
    ['energyDensity.basis', 'pack', DEFAULT_SETTINGS.energyDensityBasis],
    ['analyses.modelFidelity', 'DFN', DEFAULT_SETTINGS.analyses.modelFidelity],
  ] as const)('falls back to the default for an invalid %s (%s)', (key, value, expected) => {
    const s = from({ [key]: value });
    const got =
      key === 'units.capacity'
        ? s.units.capacity
        : key === 'units.energy'
          ? s.units.energy
          : key === 'energyDensity.basis'
            ? s.energyDensityBasis
            : s.analyses.modelFidelity;
    expect(got).toBe(expected);
  });

  it('ignores non-boolean switches', () => {
    expect(from({ 'analyses.enabled': 'no' }).analyses.enabled).toBe(true);
  });

  it('keeps the exports folder inside the workspace', () => {
    expect(from({ 'exports.folder': './results/' }).exportsFolder).toBe('results');
    expect(from({ 'exports.folder': 'out\\cycler' }).exportsFolder).toBe('out/cycler');
    for (const outside of ['../elsewhere', '/tmp/out', 'C:/out', '', 42])
      expect(from({ 'exports.folder': outside }).exportsFolder, String(outside)).toBe('out');
  });

  it('accepts um for µm', () => {
    expect(from({ 'units.thickness': 'um' }).units.thickness).toBe('µm');
  });
});
