/** Hand-made IR for the client tests: a single-layer SB21 and a variant with another anode. */
import type { CellIR } from '@cellspec/physics';
import type { DesignFigures, PreviewData } from '@cellspec/language/lsp/messages';

const um = 1e-6;
const mgPerCm2 = 1e-2; // 1 mg/cm² = 0.01 kg/m²

export const SB21: CellIR = {
  name: 'SB21',
  title: 'Standard battery 2.1',
  format: { type: 'pouch', stacking: 'single-layer', layers: 1, packaging: { material: 'Lam', thickness: 115 * um } },
  cathode: {
    role: 'cathode',
    area: 4e-4,
    doubleSided: false,
    sources: {},
    components: [
      { material: 'NCM', fraction: 0.75, basis: 'mass', coating: 'LNO' },
      { material: 'LPSCl', fraction: 0.25, basis: 'mass' },
    ],
    loading: 14 * mgPerCm2,
    porosity: 0.08,
    collector: { material: 'Al', thickness: 15 * um },
  },
  anode: {
    role: 'anode',
    area: 4e-4,
    doubleSided: false,
    sources: {},
    components: [
      { material: 'Gr', fraction: 0.6, basis: 'mass' },
      { material: 'LPSCl', fraction: 0.4, basis: 'mass' },
    ],
    loading: 11 * mgPerCm2,
    porosity: 0.1,
    collector: { material: 'SUS', thickness: 10 * um },
  },
  separator: { type: 'solid-electrolyte', material: 'LPSCl', thickness: 20 * um, porosity: 0.1 },
  limits: {},
  targets: [],
  analyses: [],
  materials: {
    NCM: { name: 'NCM', kind: 'cathode-active', properties: {}, sources: {} },
    LNO: { name: 'LNO', kind: 'coating', properties: {}, sources: {} },
    LPSCl: { name: 'LPSCl', kind: 'solid-electrolyte', properties: {}, sources: {} },
    Gr: { name: 'Gr', kind: 'anode-active', properties: {}, sources: {} },
    Al: { name: 'Al', kind: 'current-collector', properties: {}, sources: {} },
    SUS: { name: 'SUS', kind: 'current-collector', properties: {}, sources: {} },
    Lam: { name: 'Lam', kind: 'packaging', properties: {}, sources: {} },
  },
};

const { Gr: _gr, ...withoutGr } = SB21.materials;
export const SB21_G2: CellIR = {
  ...SB21,
  name: 'SB21-G2',
  title: 'New graphite sample',
  base: 'SB21',
  anode: {
    ...SB21.anode,
    components: [
      { material: 'Gr2', fraction: 0.6, basis: 'mass' },
      { material: 'LPSCl', fraction: 0.4, basis: 'mass' },
    ],
    loading: 10 * mgPerCm2,
  },
  materials: { ...withoutGr, Gr2: { name: 'Gr2', kind: 'anode-active', properties: {}, sources: {} } },
};

/** Figures as the design calculator reports them for SB21 (SI): 8.19 mAh, 528 Wh/L (stack). */
export const SB21_FIGURES: DesignFigures = {
  capacity: 8.19 * 3.6,
  energy: 30.4 * 3.6,
  meanVoltage: 3.71,
  energyDensityStack: 528 * 3.6e6,
  energyDensityCell: 95 * 3.6e6,
  npRatio: 1.13,
  cathodeThickness: 44.7 * um,
  anodeThickness: 53.7 * um,
  stackThickness: 143.4 * um,
  targets: [
    { metric: 'capacity', text: 'capacity 8 mAh ± 3 %', actual: 8.19 * 3.6, actualText: '8.19 mAh', met: true },
    { metric: 'npRatio', text: 'N/P ratio 1.05 to 1.2', actual: 1.13, actualText: '1.13', met: true },
    {
      metric: 'energyDensity',
      basis: 'cell',
      text: 'energy density (cell) ≥ 400 Wh/L',
      actual: 95 * 3.6e6,
      actualText: '95 Wh/L',
      met: false,
    },
  ],
};

export const G2_FIGURES: DesignFigures = { ...SB21_FIGURES, npRatio: 1.05, anodeThickness: 48.8 * um, targets: [] };

export function data(partial: Partial<PreviewData> = {}): PreviewData {
  return {
    uri: 'file:///w/sb21.cellspec',
    version: 1,
    status: 'ok',
    problems: [],
    cells: ['SB21', 'SB21-G2'],
    cell: SB21,
    figures: SB21_FIGURES,
    ...partial,
  };
}
