import { describe, expect, it } from 'vitest';
import { crossSection, niceLength, placeLabels, unitCellLayers } from '../src/view-model/cross-section.js';
import { SB21, SB21_FIGURES } from './cells.js';

const fmt = (m: number) => `${+(m * 1e6).toPrecision(3)} µm`;

describe('cross-section layers', () => {
  it('orders a unit cell top to bottom with packaging outside', () => {
    expect(unitCellLayers(SB21, SB21_FIGURES).map((l) => l.id)).toEqual([
      'packaging-top',
      'cathode-collector',
      'cathode',
      'electrolyte',
      'anode',
      'anode-collector',
      'packaging-bottom',
    ]);
  });

  it('takes coating thicknesses from the spec first, then the calculator', () => {
    const written = { ...SB21, cathode: { ...SB21.cathode, thickness: 60e-6 } };
    const [, , cathode, , anode] = unitCellLayers(written, SB21_FIGURES);
    expect(cathode).toMatchObject({ thickness: 60e-6, origin: 'spec' });
    expect(anode).toMatchObject({ thickness: SB21_FIGURES.anodeThickness, origin: 'computed' });
  });

  it('derives a coating thickness from loading and bulk density when nothing else gives one', () => {
    // t = m_A / ρ_b = 0.14 kg/m² / 3000 kg/m³ = 46.7 µm
    const cell = { ...SB21, cathode: { ...SB21.cathode, density: 3000 } };
    const cathode = unitCellLayers(cell).find((l) => l.id === 'cathode')!;
    expect(cathode.origin).toBe('computed');
    expect(cathode.thickness).toBeCloseTo(0.14 / 3000, 12);
  });

  it('draws films outside the unit cell and plated lithium; a bare anode-free collector has no coating', () => {
    const cell = {
      ...SB21,
      format: { ...SB21.format, interlayer: { material: 'PVDF', thickness: 20e-6 } },
      anode: { ...SB21.anode, anodeFree: true, components: [], excessLithium: 5e-6 },
    };
    const layers = unitCellLayers(cell, { ...SB21_FIGURES, platedLithiumThickness: 9.93e-6 });
    expect(layers.map((l) => l.id)).toEqual([
      'packaging-top',
      'interlayer',
      'cathode-collector',
      'cathode',
      'electrolyte',
      'plated-lithium',
      'lithium-reservoir',
      'anode-collector',
      'packaging-bottom',
    ]);
    expect(layers.find((l) => l.id === 'plated-lithium')).toMatchObject({ thickness: 9.93e-6, origin: 'computed' });
  });

  it('marks a coating without any thickness as unknown', () => {
    const anode = unitCellLayers(SB21).find((l) => l.id === 'anode')!;
    expect(anode).toMatchObject({ thickness: undefined, origin: 'unknown' });
  });
});

describe('cross-section geometry', () => {
  const model = crossSection(SB21, SB21_FIGURES, { formatThickness: fmt });

  it('draws every layer to one scale', () => {
    const scales = model.layers.map((l) => l.height / l.thickness!);
    // Same px per metre for every layer, to floating-point rounding.
    for (const s of scales) expect(s / scales[0]!).toBeCloseTo(1, 9);
  });

  it('stacks layers without gaps or overlaps', () => {
    for (let i = 1; i < model.layers.length; i++) {
      const prev = model.layers[i - 1]!;
      expect(model.layers[i]!.y).toBeCloseTo(prev.y + prev.height, 9);
    }
  });

  it('labels each layer with its thickness, computed ones marked', () => {
    const cathode = model.labels.find((l) => l.layerId === 'cathode')!;
    expect(cathode.text).toBe('Cathode (NCM) · 44.7 µm (computed)');
    expect(model.labels.find((l) => l.layerId === 'cathode-collector')!.text).toBe('Al collector · 15 µm');
  });

  it('keeps labels apart and in layer order', () => {
    const ys = model.labels.map((l) => l.y);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(15 - 1e-9);
  });

  it('gives the unit-cell total and a round scale bar', () => {
    // 115 + 15 + 44.7 + 20 + 53.7 + 10 + 115 = 373.4 µm
    expect(model.caption).toBe('Unit cell 373 µm thick');
    expect(model.scaleBar?.text).toBe('50 µm');
    expect(model.warning).toBeUndefined();
  });

  it('warns when a layer is drawn at a nominal height', () => {
    const m = crossSection(SB21, undefined, { formatThickness: fmt });
    expect(m.warning).toBe('No thickness for the cathode, anode: drawn at a nominal height, not to scale.');
    expect(m.layers.find((l) => l.id === 'anode')!.thicknessText).toBe('thickness not given');
  });

  it('says how often a stack repeats the unit cell', () => {
    const stacked = {
      ...SB21,
      format: { ...SB21.format, stacking: 'stacked' as const, layers: 10 },
      cathode: { ...SB21.cathode, doubleSided: true },
    };
    expect(crossSection(stacked, SB21_FIGURES, { formatThickness: fmt }).caption).toBe(
      'Unit cell 373 µm thick; the stack repeats it 10 times; double-sided coatings: one side shown',
    );
  });
});

describe('label placement', () => {
  it.each([
    ['apart already', [10, 40, 80], [10, 40, 80]],
    ['crowded labels move down', [10, 12, 14], [10, 25, 40]],
    ['a column past the bottom moves up', [90, 95, 99], [70, 85, 100]],
  ])('%s', (_, wanted, expected) => {
    expect(placeLabels(wanted, 15, 0, 100)).toEqual(expected);
  });
});

describe('scale bar length', () => {
  it.each([
    [373e-6, 50e-6],
    [100e-6, 20e-6],
    [4e-3, 1e-3],
    [0, 0],
  ])('total %s → %s', (total, expected) => {
    expect(niceLength(total)).toBeCloseTo(expected, 12);
  });
});
