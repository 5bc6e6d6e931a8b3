import { describe, expect, it } from 'vitest';
import type { PackPreview } from '@cellspec/language/lsp/messages';
import { DEFAULT_SETTINGS } from '../src/settings.js';
import { buildPreviewModel } from '../src/view-model/preview-model.js';
import { packCharts } from '../src/view-model/pack-charts.js';
import { data } from './cells.js';

const PACK: PackPreview = {
  name: 'P1',
  summary: '58.7 kWh · 349 Wh/L · 199 Wh/kg · 96s5p',
  drives: [{ label: 'WLTC class 3b at 5 % grade', time: [0, 60, 120], power: [0, 20_000, -5_000] }],
  degradation: {
    temperatures: [298.15, 318.15],
    series: [{ label: 'SOC 50 %', loss: [0.01, 0.02] }],
    source: 'assumption: test',
  },
};

describe('pack charts in the preview', () => {
  it('draws battery power in kW over minutes and the degradation map in % over °C', () => {
    const [power, degradation] = packCharts([PACK]);
    expect(power).toMatchObject({ id: 'pack-P1-power', xLabel: 'time / min', yLabel: 'battery power / kW' });
    expect(power!.title).toContain('58.7 kWh');
    expect(power!.datasets[0]!.data).toEqual([
      { x: 0, y: 0 },
      { x: 1, y: 20 },
      { x: 2, y: -5 },
    ]);
    expect(degradation!.title).toContain('assumption: test');
    expect(degradation!.datasets[0]!.data).toEqual([
      { x: 25, y: 1 },
      { x: 45, y: 2 },
    ]);
  });

  it('a pack without drives gets only its degradation map; the cell preview carries both', () => {
    expect(packCharts([{ ...PACK, drives: [] }]).map((c) => c.id)).toEqual(['pack-P1-degradation']);
    const ids = buildPreviewModel({ ...data(), packs: [PACK] }, DEFAULT_SETTINGS).charts.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['pack-P1-power', 'pack-P1-degradation']));
  });
});
