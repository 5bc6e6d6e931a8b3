// Packs in the editor: the pack resolves to the IR, the header gets a hint with the pack figures
// and the hover shows the breakdown, all from the same calculation as `cellspec pack`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { designCell, packDesign, packSpecOf } from '@cellspec/physics';
import { createCellSpecServices, resolveDocument } from '../../src/index.js';
import { packPreviewsOf } from '../../src/lsp/pack-preview.js';
import type { Spec } from '../../src/generated/ast.js';

const { CellSpec } = createCellSpecServices(EmptyFileSystem);
const TEXT = readFileSync(join(import.meta.dirname, '../fixtures/valid/pack-declarations.cellspec'), 'utf8');

afterEach(() => clearDocuments(CellSpec.shared));

describe('pack declarations in the editor', () => {
  it('resolve to the pack IR in SI units', async () => {
    const doc = await parseHelper<Spec>(CellSpec)(TEXT, { validation: true });
    const { ir } = resolveDocument(CellSpec, doc);
    const pack = ir.packs![0]!;
    expect(pack.module).toMatchObject({
      cell: 'C1',
      series: 12,
      parallel: 2,
      plateVolume: 0.0007,
      plateConductance: 2,
    });
    expect(pack.module.busbarResistance).toBeCloseTo(5e-4, 12);
    expect(pack).toMatchObject({ series: 8, parallel: 1, housingMassFraction: 0.2, housingVolumeFraction: 0.3 });
    expect(pack.coolantTemperature).toBeCloseTo(298.15, 9);
    expect(pack.coolantFlow).toBeCloseTo(0.1, 12); // 6 kg/min
    expect(pack.vehicle).toMatchObject({
      mass: 1900,
      frontalArea: 2.3,
      drivetrainEfficiency: 0.9,
      auxiliaryPower: 500,
    });
    expect(pack.duties).toEqual([
      { type: 'fast-charge', rate: 3, fromSoc: 0.1, toSoc: 0.8 },
      { type: 'drive', cycle: 'wltc-class3b', grade: 0.05, fromSoc: 0.9, repeat: 2 },
    ]);
  });

  it('show the pack figures as a hint on the header and a hover on the name', async () => {
    const doc = await parseHelper<Spec>(CellSpec)(TEXT, { validation: true });
    const { ir } = resolveDocument(CellSpec, doc);
    const cell = ir.cells[0]!;
    const design = packDesign(designCell(cell), cell.limits, packSpecOf(ir.packs![0]!));
    if (!('cells' in design)) throw new Error(design.problems.join('; '));
    const lines = TEXT.split('\n');
    const hints = (await CellSpec.lsp.InlayHintProvider!.getInlayHints(doc, {
      textDocument: { uri: doc.uri.toString() },
      range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } },
    }))!;
    const packLine = lines.findIndex((l) => l.startsWith('pack P1'));
    const hint = hints.find((h) => h.position.line === packLine);
    const kwh = +(design.usableEnergy / 3.6e6).toPrecision(3);
    expect(String(hint?.label)).toMatch(
      new RegExp(`^${kwh} kWh · \\d+(\\.\\d+)? Wh/L · \\d+(\\.\\d+)? Wh/kg · 96s2p$`),
    );

    const hover = await CellSpec.lsp.HoverProvider!.getHoverContent(doc, {
      textDocument: { uri: doc.uri.toString() },
      position: { line: packLine, character: 6 },
    });
    const value = (hover?.contents as { value: string } | undefined)?.value ?? '';
    expect(value).toContain('**pack P1** of C1: 192 cells (96 in series, 2 in parallel)');
    expect(value).toMatch(/\| module housings \| 12 kg \| 8 L \|/); // 8 modules × 1.5 kg, 1 L
    expect(value).toMatch(/WLTC class 3b at 5 % grade: \d+ Wh\/km/);

    // A pack property keyword explains itself from the property table.
    const plateLine = lines.findIndex((l) => l.includes('plate-conductance'));
    const keywordHover = await CellSpec.lsp.HoverProvider!.getHoverContent(doc, {
      textDocument: { uri: doc.uri.toString() },
      position: { line: plateLine, character: 4 },
    });
    expect((keywordHover?.contents as { value: string } | undefined)?.value ?? '').toContain(
      'Thermal conductance from one cell to the coolant',
    );
  });
});

describe('packs in the preview data', () => {
  it('carry the hint text, the battery power of each drive and the labelled degradation map', async () => {
    const doc = await parseHelper<Spec>(CellSpec)(TEXT, { validation: true });
    const [preview] = packPreviewsOf(CellSpec, doc);
    expect(preview!.name).toBe('P1');
    expect(preview!.summary).toMatch(/ kWh · .* Wh\/L · .* Wh\/kg · 96s2p$/);
    expect(preview!.drives).toHaveLength(1);
    expect(preview!.drives[0]!.time.length).toBeLessThanOrEqual(200);
    // The trace climbs a 5 % grade: the battery delivers power at speed.
    expect(Math.max(...preview!.drives[0]!.power)).toBeGreaterThan(10_000);
    expect(preview!.degradation.source).toMatch(/^assumption/);
    expect(preview!.degradation.series.map((s) => s.label)).toEqual(['SOC 20 %', 'SOC 50 %', 'SOC 80 %', 'SOC 100 %']);
  });
});
