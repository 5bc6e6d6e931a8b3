import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { createCellSpecServices } from '../src/index.js';
import { analysesOf, expandedPlansOf, pickCell, previewDataOf } from '../src/lsp/preview-data.js';
import type { AnalysisService, CellSummary } from '../src/analysis/index.js';
import type { PreviewData } from '../src/lsp/messages.js';

const services = createCellSpecServices(EmptyFileSystem);
const parse = parseHelper(services.CellSpec);
// The spec the editor tests use: SB21 and its variant SB21-G2.
const SPEC = readFileSync(new URL('../../../test/e2e/workspace/sb21.cellspec', import.meta.url), 'utf8');

async function preview(text: string, at?: string, cell?: string): Promise<PreviewData> {
  const doc = await parse(text, { validation: true });
  const offset = at === undefined ? undefined : text.indexOf(at);
  const position = offset === undefined ? undefined : doc.textDocument.positionAt(offset);
  return previewDataOf(services.CellSpec, doc, {
    uri: doc.uri.toString(),
    ...(position ? { position } : {}),
    ...(cell ? { cell } : {}),
  });
}

describe('pickCell', () => {
  const spans = [
    { name: 'A', start: 10, end: 50 },
    { name: 'B', start: 60, end: 90 },
  ];
  it.each([
    ['cursor inside the first cell', 20, undefined, 0],
    ['cursor inside the second cell', 75, undefined, 1],
    ['cursor between cells: the one before', 55, undefined, 0],
    ['cursor before any cell: the first', 0, undefined, 0],
    ['cursor after all cells: the last', 200, undefined, 1],
    ['no cursor: the first', undefined, undefined, 0],
    ['a name wins over the cursor', 20, 'B', 1],
    ['an unknown name falls back to the cursor', 75, 'C', 1],
  ])('%s', (_, offset, name, expected) => {
    expect(pickCell(spans, offset, name)).toBe(expected);
  });
  it('has nothing to pick in a file without cells', () => expect(pickCell([], 3)).toBe(-1));
});

describe('preview data', () => {
  it('follows the cursor to the cell under it', async () => {
    const a = await preview(SPEC, 'electrode-area');
    expect(a.status).toBe('ok');
    expect(a.cells).toEqual(['SB21', 'SB21-G2']);
    expect(a.cell?.name).toBe('SB21');
    expect(a.base).toBeUndefined();
    const b = await preview(SPEC, 'replace Gr');
    expect(b.cell?.name).toBe('SB21-G2');
  });

  it('carries design figures and checked targets', async () => {
    const d = await preview(SPEC, 'electrode-area');
    // 14 mg/cm² × 75 wt% × 195 mAh/g × 4 cm² = 8.19 mAh (cathode-limited, N/P > 1); 1 mAh = 3.6 C.
    expect(d.figures?.capacity).toBeCloseTo(((14 * 0.75 * 195 * 4) / 1000) * 3.6, 6);
    expect(d.figures?.npRatio).toBeGreaterThan(1);
    expect(d.figures?.targets?.map((t) => [t.text, t.met])).toEqual([
      ['capacity 8 mAh ± 3 %', true],
      ['energy density (stack) ≥ 400 Wh/L', true],
      ['N/P ratio 1.05 to 1.2', true],
    ]);
  });

  it('gives a variant its base and the base figures', async () => {
    const d = await preview(SPEC, 'replace Gr');
    expect(d.cell?.base).toBe('SB21');
    expect(d.base?.name).toBe('SB21');
    expect(Object.keys(d.cell?.materials ?? {})).toContain('Gr2');
    // Less anode (10 instead of 11 mg/cm²) with a higher-capacity graphite: lower N/P than the base.
    expect(d.figures?.npRatio).toBeLessThan(d.baseFigures?.npRatio ?? 0);
  });

  it('reports errors while the spec is broken', async () => {
    const broken = SPEC.replace('loading 14 mg/cm2', 'loading 14 mg/furlong');
    const d = await preview(broken, 'electrode-area');
    expect(d.status).toBe('errors');
    const line = broken.slice(0, broken.indexOf('mg/furlong')).split('\n').length - 1;
    expect(d.problems.filter((p) => p.severity === 'error').map((p) => p.line)).toContain(line);
  });

  it('says when a file has no cell', async () => {
    const d = await preview('material X binder { density 1 g/cm3 }', 'material');
    expect(d.status).toBe('no-cell');
    expect(d.cell).toBeUndefined();
  });

  it('picks a cell by name', async () => {
    const d = await preview(SPEC, undefined, 'SB21-G2');
    expect(d.cell?.name).toBe('SB21-G2');
  });
});

describe('test plans for protocol export', () => {
  async function plans(text: string, others: string[] = []) {
    const otherDocs = await Promise.all(others.map((o) => parse(o, { validation: true })));
    const doc = await parse(text, { validation: true });
    return expandedPlansOf(services.CellSpec, doc, () => otherDocs);
  }

  it('expands the plans of a spec against their cells', async () => {
    const r = await plans(SPEC);
    expect(r.errors).toEqual([]);
    expect(r.plans.map((p) => [p.plan, p.cell, p.tests.length])).toEqual([['TP-SB21', 'SB21', 1]]);
    // No 1C in the spec: C-rates use the design capacity, 8.19 mAh = 29.48 C.
    expect(r.plans[0]!.capacity).toBeCloseTo(((14 * 0.75 * 195 * 4) / 1000) * 3.6, 6);
  });

  it("finds a plan's cell in another open file", async () => {
    const cellOnly = SPEC.slice(0, SPEC.indexOf('test-plan'));
    const planOnly = SPEC.slice(SPEC.indexOf('test-plan'));
    const r = await plans(planOnly, [cellOnly]);
    expect(r.plans.map((p) => p.cell)).toEqual(['SB21']);
  });

  it('refuses with the reason when there is nothing to export', async () => {
    expect((await plans('material X binder { density 1 g/cm3 }')).errors).toEqual(['this file has no test-plan']);
  });
});

describe('analyses in the preview', () => {
  const service = {} as AnalysisService; // only its presence matters to analysesOf
  async function cellWithAnalyses() {
    // The test spec declares `discharge ratecheck at C/10, 1 C`.
    const d = await preview(SPEC, 'electrode-area');
    return d.cell!;
  }

  it('has nothing to show for a cell without analyses', async () => {
    const d = await preview(SPEC.replace(/\n {2}analyses \{[^}]*\}/, ''), 'electrode-area');
    expect(analysesOf(d.cell!, service, undefined)).toEqual([]);
  });

  it('says when the server runs no analyses, and while they compute', async () => {
    const cell = await cellWithAnalyses();
    expect(analysesOf(cell, undefined, undefined).map((a) => [a.name, a.state])).toEqual([
      ['ratecheck', 'unavailable'],
    ]);
    expect(analysesOf(cell, service, undefined).map((a) => [a.name, a.state, a.message])).toEqual([
      ['ratecheck', 'running', 'computing…'],
    ]);
  });

  it('turns run summaries into SI (Ah and Wh × 3600) with their findings and curves', async () => {
    const cell = await cellWithAnalyses();
    const curve = {
      time: [0, 3600],
      capacity: [0, 0.0079],
      voltage: [4.2, 3],
      temperature: [298.15, 298.15],
      anodePotential: [0.2, 0.1],
    };
    const summary: CellSummary = {
      cell: 'SB21',
      key: 'k',
      assumptions: [],
      problems: [],
      outcomes: [
        {
          analysis: 'rates',
          type: 'discharge',
          model: 'p2d',
          wallMs: 12,
          findings: [{ severity: 'info', message: '1C: 7.9 mAh' }],
          runs: [
            {
              label: '1C discharge at 25 °C',
              direction: 'discharge',
              rate: 1,
              temperature: 298.15,
              capacity: 0.0079,
              energy: 0.029,
              meanVoltage: 3.67,
              maxTemperature: 298.15,
              endSoc: 0,
              minAnodePotential: 0.1,
              curve,
            },
          ],
        },
      ],
    };
    const [a] = analysesOf(cell, service, summary);
    expect(a).toMatchObject({
      name: 'rates',
      state: 'done',
      model: 'p2d',
      findings: [{ severity: 'info', message: '1C: 7.9 mAh' }],
    });
    expect(a!.runs![0]!.capacity).toBeCloseTo(0.0079 * 3600, 9);
    expect(a!.runs![0]!.energy).toBeCloseTo(0.029 * 3600, 9);
    // The downsampled curve reaches the preview as the worker sent it, for the voltage charts.
    expect(a!.runs![0]!.curve).toEqual(curve);
    expect(a!.runs![0]!.minAnodePotential).toBe(0.1);
  });

  it('reports a model that could not be set up', async () => {
    const cell = await cellWithAnalyses();
    const [a] = analysesOf(cell, service, {
      cell: 'SB21',
      key: 'k',
      assumptions: [],
      problems: ['NCM has no OCP'],
      outcomes: [],
    });
    expect(a).toMatchObject({ state: 'failed', message: 'the model could not be set up: NCM has no OCP' });
  });
});
