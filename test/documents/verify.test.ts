/**
 * `cellspec verify` on a document built from a copy of the examples: current after the build;
 * out of date after its source is edited, after a built document is edited, and when the
 * manifest says another tool version built it.
 */
import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocuments, copyExamples, tempDir, verifyDocuments } from './helpers.js';

// A fabrication procedure: no model runs, so the build is quick.
const FILES = [
  'examples/processes/sb21-fabrication.cellspec',
  'examples/cells/standard-battery-2-1.cellspec',
  'examples/materials/programme-materials.cellspec',
];

let pristine: string;

beforeAll(() => {
  pristine = tempDir('verify');
  copyExamples(FILES, pristine);
  const built = buildDocuments(['examples/processes/sb21-fabrication.cellspec'], 'out', pristine);
  expect(built.stderr).toBe('');
  expect(built.code).toBe(0);
}, 600_000);

/** A fresh copy of the built workspace, so each case edits its own. */
function copy(): string {
  const dir = tempDir('verify-case');
  cpSync(pristine, dir, { recursive: true });
  return dir;
}

describe('cellspec verify', () => {
  it('says a freshly built folder and each of its documents is current (exit 0)', () => {
    const dir = copy();
    const folder = verifyDocuments(['out'], dir);
    expect(folder.stdout).toContain('SBS-PROC-021 rev 2.1: current');
    expect(folder.code).toBe(0);
    expect(verifyDocuments(['out/SBS-PROC-021.pdf'], dir).code).toBe(0);
  });

  it('detects an edited source, naming the file (exit 1)', () => {
    const dir = copy();
    // An import changes: the cell the procedure is for.
    const cell = join(dir, 'examples/cells/standard-battery-2-1.cellspec');
    writeFileSync(cell, readFileSync(cell, 'utf8').replace('loading 18.43 mg/cm2', 'loading 18.50 mg/cm2'));
    const result = verifyDocuments(['out'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('OUT OF DATE');
    expect(result.stdout).toContain('source ../examples/cells/standard-battery-2-1.cellspec changed since the build');
  });

  it('detects an edited document (exit 1)', () => {
    const dir = copy();
    appendFileSync(join(dir, 'out/SBS-PROC-021.md'), '\nA line added by hand.\n');
    const result = verifyDocuments(['out/SBS-PROC-021.pdf'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('SBS-PROC-021.md was changed after it was built');
  });

  it('detects a document built by another tool version (exit 1)', () => {
    const dir = copy();
    const manifest = join(dir, 'out/documents.json');
    writeFileSync(
      manifest,
      readFileSync(manifest, 'utf8').replace(/"toolVersion": "[^"]+"/, '"toolVersion": "0.0.1-old"'),
    );
    const result = verifyDocuments(['out'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/built by cellspec 0\.0\.1-old; this is cellspec \d/);
  });

  it('refuses a target that is not a built document (exit 2)', () => {
    const dir = copy();
    const result = verifyDocuments(['examples'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no documents.json');
  });
});
