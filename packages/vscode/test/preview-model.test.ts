import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type CellspecSettings } from '../src/settings.js';
import {
  analysisCharts,
  analysisRows,
  analysisTitle,
  buildPreviewModel,
  compareCells,
  metricRows,
  thicknessChart,
} from '../src/view-model/preview-model.js';
import { voltageCapacityChart } from '@cellspec/emit/charts';
import { G2_FIGURES, SB21, SB21_FIGURES, SB21_G2, data } from './cells.js';

const withSettings = (patch: Partial<CellspecSettings>): CellspecSettings => ({ ...DEFAULT_SETTINGS, ...patch });

describe('preview model', () => {
  it('waits for the server before the first answer', () => {
    const m = buildPreviewModel(undefined, DEFAULT_SETTINGS);
    expect(m.state).toBe('waiting');
    expect(m.banner).toBe('Waiting for the language server…');
  });

  it('shows a cell with its cross-section, figures, targets and a chart', () => {
    const m = buildPreviewModel(data(), DEFAULT_SETTINGS);
    expect(m).toMatchObject({
      state: 'ok',
      title: 'SB21 — Standard battery 2.1',
      subtitle: 'pouch single-layer',
      banner: undefined,
    });
    expect(m.crossSection?.layers).toHaveLength(7);
    expect(m.metrics.slice(0, 4).map((r) => [r.label, r.value])).toEqual([
      ['Capacity', '8.19 mAh'],
      ['Energy', '30.4 mWh'],
      ['Mean voltage', '3.71 V'],
      ['Energy density (stack)', '528 Wh/L'],
    ]);
    expect(m.targets.map((t) => t.status)).toEqual(['met', 'met', 'missed', 'met']);
    // Plating risk is flagged as a target every cell has.
    expect(m.targets[3]).toMatchObject({ text: 'N/P ≥ 1 (no lithium plating on charge)', status: 'met' });
    expect(m.charts.map((c) => c.id)).toEqual(['thickness']);
  });

  it('puts the preferred energy-density basis first and uses the preferred units', () => {
    const m = buildPreviewModel(
      data(),
      withSettings({
        energyDensityBasis: 'cell',
        units: { capacity: 'Ah', energy: 'Wh', energyDensity: 'Wh/L', thickness: 'mm' },
      }),
    );
    expect(m.metrics.map((r) => r.label).indexOf('Energy density (cell)')).toBeLessThan(
      m.metrics.map((r) => r.label).indexOf('Energy density (stack)'),
    );
    expect(m.metrics[0]).toEqual({ label: 'Capacity', value: '0.00819 Ah' });
    expect(m.crossSection?.labels.find((l) => l.layerId === 'cathode-collector')?.text).toBe('Al collector · 0.015 mm');
  });

  it('explains errors and keeps what resolved', () => {
    const m = buildPreviewModel(
      data({
        status: 'errors',
        problems: [
          { message: "'furlong' is not a unit", line: 15, severity: 'error' },
          { message: 'N/P low', line: 3, severity: 'warning' },
        ],
      }),
      DEFAULT_SETTINGS,
    );
    expect(m.state).toBe('errors');
    expect(m.banner).toBe(
      'The spec has 1 error; figures below are from the parts that resolved and may be incomplete.',
    );
    expect(m.problems).toEqual([{ text: "'furlong' is not a unit", line: 15 }]);
  });

  it('says so when nothing resolves', () => {
    const m = buildPreviewModel(
      data({
        status: 'errors',
        cell: undefined,
        figures: undefined,
        problems: [
          { message: 'x', line: 1, severity: 'error' },
          { message: 'y', line: 2, severity: 'error' },
        ],
      }),
      DEFAULT_SETTINGS,
    );
    expect(m.state).toBe('errors');
    expect(m.banner).toBe('The spec has 2 errors; the preview shows a cell once it resolves.');
    expect(m.crossSection).toBeUndefined();
  });

  it('asks for a cell in a file without one', () => {
    const m = buildPreviewModel(data({ status: 'no-cell', cell: undefined, cells: [] }), DEFAULT_SETTINGS);
    expect(m.state).toBe('no-cell');
    expect(m.banner).toMatch(/no cell/);
  });
});

describe('variant against base', () => {
  const variant = data({ cell: SB21_G2, figures: G2_FIGURES, base: SB21, baseFigures: SB21_FIGURES });

  it('gives base values and relative changes in the metrics table', () => {
    const np = metricRows(G2_FIGURES, SB21_FIGURES, DEFAULT_SETTINGS).find((r) => r.label === 'N/P ratio');
    // (1.05 − 1.13) / 1.13 = −7.08 %
    expect(np).toEqual({ label: 'N/P ratio', value: '1.05', base: '1.13', change: '−7.1 %' });
  });

  it('lists what the variant changes', () => {
    expect(compareCells(SB21_G2, SB21, DEFAULT_SETTINGS)).toEqual([
      { label: 'Materials', value: 'Gr2', base: 'Gr' },
      { label: 'Anode composition', value: 'Gr2 60 wt%, LPSCl 40 wt%', base: 'Gr 60 wt%, LPSCl 40 wt%' },
      { label: 'Anode loading', value: '10 mg/cm²', base: '11 mg/cm²' },
    ]);
  });

  it('names the base and draws both in the thickness chart', () => {
    const m = buildPreviewModel(variant, DEFAULT_SETTINGS);
    expect(m.baseName).toBe('SB21');
    expect(m.subtitle).toBe('pouch single-layer · variant of SB21');
    const chart = thicknessChart(SB21_G2, G2_FIGURES, SB21, SB21_FIGURES, DEFAULT_SETTINGS)!;
    expect(chart.categories).toEqual(['Al collector', 'Cathode', 'Electrolyte layer', 'Anode', 'SUS collector']);
    expect(chart.datasets.map((d) => d.label)).toEqual(['SB21-G2', 'SB21']);
    expect(chart.datasets[0]!.data).toEqual([15, 44.7, 20, 48.8, 10]);
    expect(chart.datasets[1]!.data).toEqual([15, 44.7, 20, 53.7, 10]);
  });
});

describe('analysis charts', () => {
  /** A run with a curve: capacity in Ah, times in s, temperatures in K, as the server sends them. */
  const curveRun = (label: string, direction: 'charge' | 'discharge', rise = 0, anode = [0.1, 0.05, 0.02]) => ({
    label,
    direction,
    rate: 1,
    temperature: 298.15,
    capacity: 7.2,
    energy: 26.6,
    meanVoltage: 3.7,
    maxTemperature: 298.15 + rise,
    curve: {
      time: [0, 600, 1200],
      capacity: [0, 0.001, 0.002],
      voltage: [4.2, 3.8, 3.0],
      temperature: [298.15, 298.15 + rise / 2, 298.15 + rise],
      anodePotential: anode,
    },
  });

  it('plots voltage against capacity per C-rate, titled in words, from the documents’ chart data', () => {
    const analyses = [
      {
        name: 'rate-sweep-1',
        type: 'rate-sweep',
        model: 'p2d',
        state: 'done' as const,
        runs: [curveRun('C/10 discharge at 25 °C', 'discharge'), curveRun('1C discharge at 25 °C', 'discharge')],
      },
    ];
    const charts = analysisCharts(analyses, DEFAULT_SETTINGS);
    // Isothermal discharges: one voltage chart, no anode or temperature chart.
    expect(charts.map((c) => [c.id, c.title])).toEqual([
      ['analysis-rate-sweep-1-voltage', 'Rate capability: voltage against capacity per C-rate (P2D model)'],
    ]);
    const [chart] = charts;
    expect(chart!.datasets.map((d) => d.label)).toEqual(['C/10 discharge at 25 °C', '1C discharge at 25 °C']);
    // 0.001 Ah = 1 mAh
    expect(chart!.datasets[0]!.data).toEqual([
      { x: 0, y: 4.2 },
      { x: 1, y: 3.8 },
      { x: 2, y: 3.0 },
    ]);
    // The same axis titles as the chart a controlled document prints.
    const documentChart = voltageCapacityChart(analyses[0]!.runs.map((r) => ({ label: r.label, curve: r.curve })))
      .spec as unknown as { layer: { encoding: { x: { title: string }; y: { title: string } } }[] };
    expect([chart!.xLabel, chart!.yLabel]).toEqual([
      documentChart.layer[0]!.encoding.x.title,
      documentChart.layer[0]!.encoding.y.title,
    ]);
    expect([chart!.xLabel, chart!.yLabel]).toEqual(['Capacity (mAh)', 'Voltage (V)']);
  });

  it('follows the preferred capacity unit and names a temperature sweep per temperature', () => {
    const [chart] = analysisCharts(
      [
        {
          name: 'cold',
          type: 'temperature-sweep',
          state: 'done',
          runs: [curveRun('1C discharge at −10 °C', 'discharge'), curveRun('1C discharge at 25 °C', 'discharge')],
        },
      ],
      withSettings({ units: { ...DEFAULT_SETTINGS.units, capacity: 'Ah' } }),
    );
    expect(chart!.title).toBe('Temperature dependence “cold”: voltage against capacity per temperature');
    expect(chart!.xLabel).toBe('Capacity (Ah)');
    expect(chart!.datasets[0]!.data[1]).toEqual({ x: 0.001, y: 3.8 });
  });

  it('draws the anode potential of a charge against the dashed 0 V line', () => {
    const charts = analysisCharts(
      [
        {
          name: 'fast',
          type: 'charge',
          state: 'done',
          runs: [curveRun('3C charge at 25 °C', 'charge', 0, [0.09, 0.01, -0.012])],
        },
      ],
      DEFAULT_SETTINGS,
    );
    const anode = charts.find((c) => c.id === 'analysis-fast-anode')!;
    expect(anode).toMatchObject({
      title: 'Charge “fast”: anode potential against time (lithium plates below 0 V)',
      xLabel: 'Time (min)',
      yLabel: 'Anode potential vs Li/Li⁺ (V)',
      zeroY: true,
    });
    expect(anode.datasets[0]!.data).toEqual([
      { x: 0, y: 0.09 },
      { x: 10, y: 0.01 },
      { x: 20, y: -0.012 },
    ]);
    // The reference line spans the plotted time and is styled apart from the results.
    expect(anode.datasets[1]).toEqual({
      label: '0 V: lithium plating below',
      style: 'reference',
      data: [
        { x: 0, y: 0 },
        { x: 20, y: 0 },
      ],
    });
  });

  it('plots temperature in °C against time in minutes when a run heats the cell', () => {
    const charts = analysisCharts(
      [{ name: 'thermal-1', type: 'thermal', state: 'done', runs: [curveRun('3C discharge', 'discharge', 10)] }],
      DEFAULT_SETTINGS,
    );
    expect(charts.map((c) => c.title)).toEqual([
      'Thermal run: voltage against capacity',
      'Thermal run: cell temperature against time',
    ]);
    expect(charts[1]!.datasets[0]!.data).toEqual([
      { x: 0, y: 25 },
      { x: 10, y: 30 },
      { x: 20, y: 35 },
    ]);
  });

  it('tells when analyses are off or have no results yet', () => {
    const asks = { ...SB21, analyses: [{ type: 'discharge' as const, name: 'd', rates: [1] }] };
    expect(buildPreviewModel(data({ cell: asks }), DEFAULT_SETTINGS).analysesNote).toBe(
      'This cell asks for 1 analysis; no results yet.',
    );
    expect(
      buildPreviewModel(data({ cell: asks }), withSettings({ analyses: { enabled: false, modelFidelity: 'reduced' } }))
        .analysesNote,
    ).toBe('Analyses are switched off (setting cellspec.analyses.enabled).');
  });
});

describe('analysis summaries', () => {
  const run = (label: string, rate: number, mAh: number, peakC: number) => ({
    label,
    direction: 'discharge' as const,
    rate,
    temperature: 298.15,
    capacity: mAh * 3.6,
    energy: mAh * 3.6 * 3.7,
    meanVoltage: 3.7,
    maxTemperature: 273.15 + peakC,
  });

  it('charts delivered capacity per run, and peak temperature when the cell heats up', () => {
    const charts = analysisCharts(
      [
        {
          name: 'rates',
          type: 'discharge',
          model: 'p2d',
          state: 'done',
          runs: [run('C/10 discharge at 25 °C', 0.1, 8.1, 25), run('1C discharge at 25 °C', 1, 7.2, 27.5)],
        },
      ],
      DEFAULT_SETTINGS,
    );
    expect(charts.map((c) => [c.id, c.title, c.yLabel])).toEqual([
      ['analysis-rates-capacity', 'Discharge “rates”: delivered capacity per run (P2D model)', 'capacity / mAh'],
      ['analysis-rates-temperature', 'Discharge “rates”: peak cell temperature per run', 'temperature / °C'],
    ]);
    expect(charts[0]!.datasets[0]!.data).toEqual([8.1, 7.2]);
    expect(charts[1]!.datasets[0]!.data).toEqual([25, 27.5]);
  });

  it('tabulates every run; a failure or a plating finding is flagged like a missed target', () => {
    const analyses = [
      {
        name: 'discharge-1',
        type: 'discharge',
        model: 'spme',
        state: 'done' as const,
        runs: [
          run('C/10 discharge at 25 °C', 0.1, 8.1, 25),
          { ...run('5C discharge at 25 °C', 5, 1, 25), failure: 'the solver did not converge' },
        ],
        findings: [{ severity: 'warning' as const, message: 'lithium plating from 80 % SOC at 1C charge' }],
      },
    ];
    expect(analysisTitle(analyses[0]!)).toBe('Discharge');
    expect(analysisRows(analyses, DEFAULT_SETTINGS)).toEqual([
      {
        analysis: 'Discharge',
        run: 'C/10 discharge at 25 °C',
        capacity: '8.1 mAh',
        meanVoltage: '3.7 V',
        peakTemperature: '25 °C',
        status: 'missed',
        remark: 'lithium plating risk',
      },
      {
        analysis: 'Discharge',
        run: '5C discharge at 25 °C',
        capacity: '—',
        meanVoltage: '—',
        peakTemperature: '—',
        status: 'missed',
        remark: 'the solver did not converge',
      },
    ]);
  });

  it('leaves out failed runs and the temperature chart of an isothermal analysis', () => {
    const failed = { ...run('5C discharge at 25 °C', 5, 1, 25), failure: 'the solver did not converge' };
    const charts = analysisCharts(
      [{ name: 'r', type: 'discharge', state: 'done', runs: [run('1C', 1, 7.2, 25), failed] }],
      DEFAULT_SETTINGS,
    );
    expect(charts.map((c) => c.id)).toEqual(['analysis-r-capacity']);
    expect(charts[0]!.categories).toEqual(['1C']);
  });
});

describe('analysis notes', () => {
  const asks = { ...SB21, analyses: [{ type: 'discharge' as const, name: 'rates', rates: [1] }] };
  const done = {
    name: 'rates',
    type: 'discharge',
    state: 'done' as const,
    runs: [
      {
        label: '1C',
        direction: 'discharge' as const,
        rate: 1,
        temperature: 298.15,
        capacity: 26,
        energy: 96,
        meanVoltage: 3.7,
        maxTemperature: 298.15,
      },
    ],
    findings: [
      { severity: 'info' as const, message: '1C: 7.22 mAh' },
      { severity: 'warning' as const, message: '1C: plating risk' },
    ],
  };

  it('lists findings, warnings first, under the charts', () => {
    expect(buildPreviewModel(data({ cell: asks, analyses: [done] }), DEFAULT_SETTINGS).analysesNote).toBe(
      'rates: 1C: plating risk · rates: 1C: 7.22 mAh',
    );
  });

  it('says which analyses are still computing', () => {
    const running = { name: 'fast', type: 'charge', state: 'running' as const, message: 'computing…' };
    expect(buildPreviewModel(data({ cell: asks, analyses: [running, done] }), DEFAULT_SETTINGS).analysesNote).toMatch(
      /^fast: computing… · /,
    );
  });

  it('drops analysis charts when analyses are switched off', () => {
    const off = withSettings({ analyses: { enabled: false, modelFidelity: 'reduced' } });
    expect(buildPreviewModel(data({ cell: asks, analyses: [done] }), off).charts.map((c) => c.id)).toEqual([
      'thickness',
    ]);
    expect(buildPreviewModel(data({ cell: asks, analyses: [done] }), DEFAULT_SETTINGS).charts.map((c) => c.id)).toEqual(
      ['thickness', 'analysis-rates-capacity'],
    );
  });
});
