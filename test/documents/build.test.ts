/**
 * `cellspec build` on the examples of standard battery 2.1 — its specification (cell, models),
 * fabrication procedure, evaluation procedures and the in-review variant — opened with poppler
 * and LibreOffice as a reader would; then built again to check the bytes do not change.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentFonts } from '../../packages/emit/src/documents/fonts.js';
import { buildDocuments, libreOfficeToPdf, pdfFonts, pdfInfo, pdfText, renderPages, tempDir } from './helpers.js';

const SOURCES = [
  'examples/cells/standard-battery-2-1.cellspec',
  'examples/processes/sb21-fabrication.cellspec',
  'examples/test-plans/sb21-test-plans.cellspec',
  'examples/variants/sb21-ng2.cellspec',
];
const NUMBERS = ['SBS-CELL-021', 'SBS-PROC-021', 'SBS-TEST-021', 'SBS-EVAL-G-002'];
const FORMS = ['pdf', 'docx', 'html', 'md'];

let out: string;
let build: { code: number | null; stdout: string; stderr: string };

beforeAll(() => {
  out = tempDir('docs');
  build = buildDocuments(SOURCES, out);
}, 600_000);

describe('cellspec build', () => {
  it('writes every document in four forms, the register and the manifest', () => {
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    const files = readdirSync(out);
    for (const n of NUMBERS) for (const f of FORMS) expect(files).toContain(`${n}.${f}`);
    for (const f of ['register.html', 'register.csv', 'documents.json']) expect(files).toContain(f);
    expect(build.stdout).toMatch(/4 documents built into .* in [\d.]+ s/);
  });

  it('lists every document in the register with its source hash', () => {
    const csv = readFileSync(join(out, 'register.csv'), 'utf8').trim().split('\r\n');
    expect(csv[0]).toBe('number,title,revision,status,effective,approver,source,source_sha256');
    expect(csv).toHaveLength(1 + NUMBERS.length);
    const sb21 = csv.find((l) => l.startsWith('SBS-CELL-021,'))!;
    expect(sb21).toContain(',2.1,released,2021-04-01,evaluation centre,examples/cells/standard-battery-2-1.cellspec,');
    expect(sb21).toMatch(/,[0-9a-f]{64}$/);
    const html = readFileSync(join(out, 'register.html'), 'utf8');
    for (const n of NUMBERS) expect(html).toContain(`href="${n}.pdf"`);
  });

  it('puts number, revision, energy density and the Japanese title in the PDF text', () => {
    const text = pdfText(join(out, 'SBS-CELL-021.pdf'));
    expect(text).toContain('SBS-CELL-021');
    expect(text).toContain('Rev. 2.1');
    expect(text).toMatch(/407 Wh\/L/); // the design calculator's stack energy density (examples test pins it)
    expect(text).toContain('標準電池2.1 仕様書');
    expect(text).toContain('Uncontrolled when printed');
    // The lot its fabrication process's ± 3 % areal weights make (what the process file states).
    expect(text).toContain('Lot variation');
    expect(text).toContain("Expected yield against the cell's targets: 99.55 %");
  });

  it('gives every page its page x of y and the trace line', () => {
    const pdf = join(out, 'SBS-CELL-021.pdf');
    const pages = Number(pdfInfo(pdf)['Pages']);
    expect(pages).toBeGreaterThanOrEqual(3);
    const text = pdfText(pdf);
    for (let i = 1; i <= pages; i++) expect(text).toContain(`Page ${i} of ${pages}`);
    const manifest = JSON.parse(readFileSync(join(out, 'documents.json'), 'utf8')) as {
      toolVersion: string;
      documents: { number: string; sourceHash: string }[];
    };
    const hash = manifest.documents.find((d) => d.number === 'SBS-CELL-021')!.sourceHash;
    const traces = text.split(`SHA-256 ${hash.slice(0, 16)} · cellspec ${manifest.toolVersion}`).length - 1;
    expect(traces).toBe(pages);
  });

  it('carries number, title and revision in the PDF metadata', () => {
    const info = pdfInfo(join(out, 'SBS-CELL-021.pdf'));
    expect(info['Title']).toBe('SBS-CELL-021 標準電池2.1 仕様書 (Standard battery 2.1 specification)');
    expect(info['Keywords']).toContain('revision 2.1');
    expect(info['Creator']).toMatch(/^cellspec \d/);
  });

  it('embeds every font of every PDF', () => {
    for (const n of NUMBERS) {
      const fonts = pdfFonts(join(out, `${n}.pdf`));
      expect(fonts.length).toBeGreaterThan(0);
      expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    }
  });

  it('watermarks a document that is not released, and not a released one', () => {
    expect(pdfText(join(out, 'SBS-EVAL-G-002.pdf'))).toContain('IN REVIEW');
    expect(pdfText(join(out, 'SBS-CELL-021.pdf'))).not.toMatch(/DRAFT|IN REVIEW|OBSOLETE/);
  });

  it('has a glyph in the embedded font for every character it prints (no tofu)', () => {
    const font = documentFonts().parsed.regular;
    const missing = new Set<string>();
    for (const n of NUMBERS) {
      // The HTML holds every text of the document, chart labels included.
      for (const ch of new Set(readFileSync(join(out, `${n}.html`), 'utf8')))
        if (ch > ' ' && !font.hasGlyphForCodePoint(ch.codePointAt(0)!)) missing.add(ch);
    }
    expect([...missing]).toEqual([]);
  });

  it('renders every page of every PDF with pdftoppm', () => {
    for (const n of NUMBERS) {
      const pdf = join(out, `${n}.pdf`);
      const pages = Number(pdfInfo(pdf)['Pages']);
      expect(renderPages(pdf, join(out, 'png', n))).toHaveLength(pages);
    }
  });

  it('writes a DOCX that LibreOffice converts without error', () => {
    const into = join(out, 'lo');
    const result = libreOfficeToPdf(join(out, 'SBS-PROC-021.docx'), into);
    expect(result.code, result.stderr).toBe(0);
    const pdf = join(into, 'SBS-PROC-021.pdf');
    expect(existsSync(pdf)).toBe(true);
    const text = pdfText(pdf);
    expect(text).toContain('SBS-PROC-021');
    expect(text.replace(/\s+/g, '')).toContain('標準電池2.1作製手順書'); // LibreOffice's text layer spaces Latin from kana
  }, 120_000);

  it('draws charts as vector graphics with units on their axes', () => {
    const html = readFileSync(join(out, 'SBS-CELL-021.html'), 'utf8');
    expect(html).not.toMatch(/<img|<script|https?:\/\/(?!www\.w3\.org)/);
    expect(html).toContain('Capacity (mAh)');
    expect(html).toContain('Voltage (V)');
  });

  it('builds byte-identical files from the same sources', () => {
    // Two of the four (a cell with charts and model runs, a procedure) keep the rebuild short.
    const again = tempDir('docs-again');
    const second = buildDocuments(SOURCES.slice(0, 2), again);
    expect(second.code).toBe(0);
    // The documents only: the register of a smaller set lists fewer documents, as it should.
    const names = readdirSync(again).filter((f) => /^SBS-.*\.(pdf|docx|html|md)$/.test(f));
    expect(names).toHaveLength(2 * FORMS.length);
    const differing = names.filter((f) => !readFileSync(join(out, f)).equals(readFileSync(join(again, f))));
    expect(differing).toEqual([]);
  }, 600_000);
});
