/**
 * The preview's lot-variation and sweep section at the view-model level: records made by the same
 * physics and chart functions `cellspec report --variation --charts` runs, shaped for the webview.
 */
import { describe, expect, it } from 'vitest';
import { lotVariation, sweepDesign, type CellIR } from '@cellspec/physics';
import { capacityBand, lotChart, renderChartSvg, sweepChart } from '@cellspec/emit/charts';
import { variationModel, type VariationJson } from '../src/view-model/variation.js';
import { parseVariationReport } from '../src/variation/run.js';
import { loadWorkspace, resolveDocument } from '@cellspec/language';

const SB21_FILE = new URL('../../../examples/cells/standard-battery-2-1.cellspec', import.meta.url).pathname;

/** Standard battery 2.1 as the example writes it (its targets include capacity 8 mAh ± 3 %). */
async function sb21(): Promise<CellIR> {
  const ws = await loadWorkspace([SB21_FILE]);
  const file = ws.files.find((f) => f.requested)!;
  return resolveDocument(ws.services, file.document).ir.cells.find((c) => c.name === 'SB21')!;
}

const STUDY = {
  cell: 'SB21',
  axes: [
    { path: 'cathode.loading', values: [0.15, 0.18, 0.21] },
    { path: 'separator.thickness', values: [20e-6, 30e-6] },
  ],
  constraints: [{ metric: 'np', op: '>=' as const, value: 1.05 }],
  objectives: [
    { metric: 'ed-stack', direction: 'max' as const },
    { metric: 'np', direction: 'max' as const },
  ],
  plot: { x: 'ed-stack', y: 'np' },
};

async function record(): Promise<VariationJson> {
  const CELL = await sb21();
  const lot = lotVariation(CELL, [{ path: 'cathode.loading', halfWidth: 0.03, relative: true }], { samples: 400 });
  const result = sweepDesign(CELL, STUDY.axes, STUDY);
  const charts = {
    lot: await renderChartSvg(lotChart(lot, 'capacity', capacityBand(CELL))!),
    sweep: await renderChartSvg(sweepChart(STUDY, result)),
  };
  // Through JSON, as the CLI's output reaches the extension.
  return JSON.parse(JSON.stringify({ name: 'SB21', lot, sweep: { study: STUDY, result }, problems: [], charts }));
}

describe('lot variation and sweep in the preview', () => {
  it('shapes the lot: σ of capacity 1 % for a ± 3 % cathode loading, yield, histogram', async () => {
    const m = variationModel([await record()], 'SB21');
    expect(m.lotSummary).toMatch(/^400 cells drawn \(seed 1\) from cathode loading ± 0\.553 mg\/cm²$/);
    const capacity = m.lotRows.find((r) => r.label === 'capacity')!;
    // Capacity ∝ cathode loading (the cathode limits): σ = 1 % of nominal; sampling error at N = 400 is 3.5 %.
    // 3 sampling errors of σ at N = 400 (1/√(2·399) = 3.5 % each): 1 % ± 0.11 %.
    expect(Math.abs(parseFloat(capacity.sigma) - 1)).toBeLessThan(0.11);
    expect(capacity.sigma).toMatch(/^\d\.\d+ %$/);
    expect(capacity.largest).toBe('cathode loading 100 %');
    expect(m.yieldText).toMatch(/^Yield against the cell's targets: \d+(\.\d+)? %/);
    expect(decodeURIComponent(m.lotChart!.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''))).toMatch(/^<svg/);
  });

  it('shapes the sweep: the front as rows, the plot as an image', async () => {
    const r = await record();
    const m = variationModel([r], 'SB21');
    expect(m.frontColumns).toEqual(['cathode.loading', 'separator.thickness', 'ed-stack', 'np']);
    expect(m.frontRows).toHaveLength(r.sweep!.result.front.length);
    expect(m.frontRows.length).toBeGreaterThan(0);
    // Every front point has the thinner SE layer: at the same loading it beats the thicker in both objectives.
    for (const row of m.frontRows) expect(row[1]).toBe('20 µm');
    expect(m.sweepSummary).toMatch(
      /^6 designs, \d feasible, \d on the Pareto front \(maximise ed-stack, maximise np; subject to np >= 1\.05\)$/,
    );
    expect(m.sweepChart).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
  });

  it('says why a part is missing', () => {
    const m = variationModel([{ name: 'SB21', lot: null, sweep: null, problems: [] }], 'SB21');
    expect(m.lotRows).toEqual([]);
    expect(m.notes).toHaveLength(2);
    expect(variationModel([], 'X').notes[0]).toMatch(/X is not among the cells/);
  });

  it('reads the report JSON or says why it cannot', () => {
    expect(parseVariationReport('{"cells":[],"variation":[]}')).toEqual({ records: [] });
    expect(parseVariationReport('{"cells":[]}').error).toMatch(/no variation/);
    expect(parseVariationReport('not json').error).toMatch(/cannot be read/);
  });
});
