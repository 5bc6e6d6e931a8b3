/**
 * Analyses in the language server: the worker-thread service (IR-hash cache, cancellation by
 * newer edits) and its editor views (diagnostics, inlay hints, hover) on a real document.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { parseHelper } from 'langium/test';
import type { Connection, Diagnostic } from 'vscode-languageserver';
import type { CellIR } from '@cellspec/physics';
import { createCellSpecServices, resolveDocument } from '../../src/index.js';
import type { Spec } from '../../src/generated/ast.js';
import { AnalysisService, analysisKey, registerAnalyses, type CellSummary } from '../../src/analysis/index.js';

const ROOT = join(import.meta.dirname, '../../../..');
const WORKER = { file: new URL('../../src/analysis/worker-entry.ts', import.meta.url), execArgv: ['--import', 'tsx'] };
const COMSOL_TEXT = readFileSync(join(ROOT, 'examples/reference/marquis2019-comsol.cellspec'), 'utf8');

/** The COMSOL cell with other analyses and limits (edits of the spec text). */
function variantText(analyses: string, upperVoltage = '4.1 V'): string {
  return COMSOL_TEXT.replace(/analyses \{[\s\S]*?\n {2}\}/, `analyses {\n    ${analyses}\n  }`).replace(
    'voltage 3.105 V to 4.1 V',
    `voltage 3.105 V to ${upperVoltage}`,
  );
}

async function cellOf(text: string): Promise<CellIR> {
  const services = createCellSpecServices(EmptyFileSystem).CellSpec;
  const doc = await parseHelper<Spec>(services)(text);
  return resolveDocument(services, doc).ir.cells[0]!;
}

const services: AnalysisService[] = [];
afterAll(async () => {
  await Promise.all(services.map((s) => s.dispose()));
});
function newService(settleMs?: number): AnalysisService {
  const s = new AnalysisService({ worker: WORKER, ...(settleMs !== undefined ? { settleMs } : {}) });
  services.push(s);
  return s;
}

describe('analysis key', () => {
  it('ignores provenance and follows values', async () => {
    const a = await cellOf(variantText('discharge at 1 C model reduced'));
    const moved = await cellOf(
      `// a comment that moves every line\n\n${variantText('discharge at 1 C model reduced')}`,
    );
    const changed = await cellOf(
      variantText('discharge at 1 C model reduced').replace(
        'thickness 100 um\n    porosity 30 %\n    bruggeman 1.5\n    initial-stoichiometry 0.6',
        'thickness 90 um\n    porosity 30 %\n    bruggeman 1.5\n    initial-stoichiometry 0.6',
      ),
    );
    expect(analysisKey(moved)).toBe(analysisKey(a));
    expect(analysisKey(changed)).not.toBe(analysisKey(a));
  });
});

describe('analysis service (worker thread)', () => {
  it('runs in the worker, caches by IR hash and serves repeats from the cache', async () => {
    const service = newService();
    const results: CellSummary[] = [];
    service.onResult((_owner, s) => results.push(s));
    const cell = await cellOf(variantText('discharge at 0.5 C, 1 C model reduced'));
    expect(service.request('doc#A', cell)).toBeUndefined();
    await service.idle();
    expect(results).toHaveLength(1);
    const runs = results[0]!.outcomes[0]!.runs;
    expect(runs.map((r) => r.label)).toEqual(['C/2 discharge at 25 °C', '1C discharge at 25 °C']);
    // 24 A for about an hour at 1C on the 1 m² COMSOL cell: 23–25 Ah.
    expect(runs[1]!.capacity).toBeGreaterThan(23);
    expect(runs[1]!.capacity).toBeLessThan(25);
    expect(service.request('doc#A', cell)).toBe(results[0]);
    expect(service.stats).toMatchObject({ done: 1, cacheHits: 1 });
  });

  it('while edits keep coming within the settling time, starts only the last one', async () => {
    const service = newService(250);
    const results: CellSummary[] = [];
    service.onResult((_owner, s) => results.push(s));
    const edits = await Promise.all(
      ['0.5 C', '1 C', '2 C'].map((rate) => cellOf(variantText(`discharge at ${rate} model reduced`))),
    );
    for (const cell of edits) {
      service.request('doc#A', cell);
      await new Promise((r) => setTimeout(r, 50)); // a typist's pace, well inside the settling time
    }
    await service.idle();
    // Nothing was started and cancelled: the first two edits were superseded while waiting.
    expect(service.stats).toMatchObject({ done: 1, cancelled: 0 });
    expect(results.map((r) => r.key)).toEqual([analysisKey(edits[2]!)]);
  });

  it('cancels the running job when a newer edit of the same cell arrives', async () => {
    const service = newService();
    const results: CellSummary[] = [];
    service.onResult((_owner, s) => results.push(s));
    const slow = await cellOf(variantText('rate-sweep at C/10, C/5, C/3, C/2, 1 C, 2 C, 3 C model p2d'));
    const edited = await cellOf(variantText('discharge at 1 C model reduced'));
    service.request('doc#A', slow);
    await new Promise((r) => setTimeout(r, 300)); // let the worker start the slow job
    service.request('doc#A', edited);
    await service.idle();
    expect(service.stats.cancelled).toBe(1);
    expect(results.map((r) => r.key)).toEqual([analysisKey(edited)]);
  });
});

describe('analyses in the editor', () => {
  it('publishes plating risk as a diagnostic, results as inlay hints and a hover table', async () => {
    const { shared, CellSpec } = createCellSpecServices(EmptyFileSystem);
    const published: { uri: string; diagnostics: Diagnostic[] }[] = [];
    const connection = {
      sendDiagnostics: (p: { uri: string; diagnostics: Diagnostic[] }) => {
        published.push(p);
        return Promise.resolve();
      },
      languages: { inlayHint: { refresh: () => Promise.resolve() } },
    } as unknown as Connection;
    const service = registerAnalyses(connection, shared, CellSpec, WORKER);
    services.push(service);
    // 6C CC-CV charge from 0 % to 80 % of the Marquis cell (upper limit raised so the charge reaches 80 %).
    const text = variantText('charge at 6 C to-soc 80 % model p2d\n    discharge at 1 C model reduced', '4.6 V');
    const doc: LangiumDocument<Spec> = await parseHelper<Spec>(CellSpec)(text, { validation: true });
    await service.idle();
    const last = published.filter((p) => p.uri === doc.uri.toString()).at(-1)!;
    const plating = last.diagnostics.find((d) => d.code === 'analysis-plating-risk');
    expect(plating?.message).toMatch(/^6C charge: anode potential below 0 V vs Li from \d+ % SOC — plating risk$/);
    expect(plating?.severity).toBe(2);
    // The diagnostic sits on the charge line.
    expect(text.split('\n')[plating!.range.start.line]).toContain('charge at 6 C');

    const lines = text.split('\n').length;
    const hints = (await CellSpec.lsp.InlayHintProvider!.getInlayHints(doc, {
      textDocument: { uri: doc.uri.toString() },
      range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } },
    }))!;
    const labels = hints.map((h) => String(h.label));
    expect(labels.some((l) => /^→ 6C: plating risk from \d+ % SOC$/.test(l))).toBe(true);
    expect(labels.some((l) => /^→ 1C 2\d\.\d Ah$/.test(l))).toBe(true);

    const lineOfCharge = text.split('\n').findIndex((l) => l.includes('charge at 6 C'));
    const character = text.split('\n')[lineOfCharge]!.indexOf('charge') + 2;
    const hover = await CellSpec.lsp.HoverProvider!.getHoverContent(doc, {
      textDocument: { uri: doc.uri.toString() },
      position: { line: lineOfCharge, character },
    });
    const value = (hover?.contents as { value: string } | undefined)?.value ?? '';
    expect(value).toContain('P2D model');
    expect(value).toContain('| 6C charge (CC-CV) at 25 °C |');
  });
});
