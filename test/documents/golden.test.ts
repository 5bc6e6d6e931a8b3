/**
 * Golden files of the HTML and Markdown forms of a fixture's document: any change in what a
 * document says or how the text forms lay it out shows up as a diff in review. Regenerate with
 * `UPDATE_GOLDEN=1 node_modules/.bin/vitest run test/documents/golden.test.ts`, then read the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspace, readStudyBeside, resolveDocument } from '../../packages/language/src/index.js';
import type { CellIR, ProcessIR, SpecIR } from '../../packages/physics/src/index.js';
import { assembleDocument, renderHtml, renderMarkdown } from '../../packages/emit/src/documents/index.js';

const HERE = new URL('.', import.meta.url).pathname;
const FIXTURE = join(HERE, 'fixtures/golden-cell.cellspec');
// Its coating tolerances (a lot-variation section) and, beside it, a sweep study (a Pareto front).
const PROCESS = join(HERE, 'fixtures/golden-cell-process.cellspec');
// A fixed trace: the golden files must not change with the tool's version or the fixture's bytes.
const TRACE = {
  source: 'test/documents/fixtures/golden-cell.cellspec',
  sourceHash: '0'.repeat(64),
  toolVersion: 'golden',
};

async function fixtureDocument() {
  const workspace = await loadWorkspace([FIXTURE, PROCESS]);
  const file = workspace.files.find((f) => f.path === FIXTURE)!;
  expect(file.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const cells = new Map<string, CellIR>();
  const processes: ProcessIR[] = [];
  let spec: SpecIR | undefined;
  for (const f of workspace.files) {
    const { ir } = resolveDocument(workspace.services, f.document);
    for (const c of ir.cells) cells.set(c.name, c);
    processes.push(...ir.processes);
    if (f === file) spec = ir;
  }
  const read = readStudyBeside(FIXTURE);
  if (!read || 'problem' in read) throw new Error(`the fixture's sweep study: ${read?.problem ?? 'missing'}`);
  const studies = new Map([[read.study.cell, read.study]]);
  return (await assembleDocument({ spec: spec!, trace: TRACE, cells, processes, studies }))!;
}

function matchGolden(name: string, actual: string): void {
  const path = join(HERE, 'golden', name);
  if (process.env['UPDATE_GOLDEN'] || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('document golden files', () => {
  it('HTML and Markdown of a draft cell specification', async () => {
    const doc = await fixtureDocument();
    const html = renderHtml(doc);
    const md = renderMarkdown(doc);
    // What the golden files must show, stated so a regenerated golden cannot silently lose it.
    expect(html).toContain('<div class="watermark" aria-hidden="true">DRAFT</div>');
    expect(html).toContain('試験用セル 仕様書');
    expect(md).toContain('| A | 2024-01-10 | — | first issue |');
    expect(md).toMatch(/energy density \(stack\).*FAILS/);
    expect(html).toContain('<svg'); // the cross-section
    // Lot variation: cathode ± 3 % (σ = 1 %) limits the capacity, so its σ is 1.00 % (linear) and
    // the Monte Carlo σ is within its sampling error (1/√(2·2000) ≈ 1.6 % of σ).
    expect(md).toMatch(/## Lot variation/);
    expect(md).toMatch(/\| capacity \| 6\.51 mAh \| 6\.5\d mAh \| (0\.9[7-9]|1\.0[0-3]) % \|.*\| 1 % \|/);
    expect(md).toMatch(/Expected yield against the cell's targets: /);
    expect(md).toMatch(/## Design sweep/);
    expect(md).toMatch(/\| On the Pareto front \| [1-9] \|/);
    matchGolden('FIX-CELL-001.html', html);
    matchGolden('FIX-CELL-001.md', md);
  });
});
