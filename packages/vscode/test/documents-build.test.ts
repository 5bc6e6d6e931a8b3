import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBuiltLine, runDocumentBuild } from '../src/exports/documents.js';
import { BUILT_CLI, ensureBuiltCli } from '../../../test/cli/built-cli.js';
import { copyExamples, tempDir } from '../../../test/documents/helpers.js';

describe('Build Documents', () => {
  it('reads the document lines of cellspec build and nothing else', () => {
    expect(
      parseBuiltLine(
        'SBS-CELL-021 rev 2.1 (released) ← examples/cells/sb21.cellspec: pdf, docx, html, md in 812 ms (CPU 790 ms)',
      ),
    ).toEqual({ number: 'SBS-CELL-021', revision: '2.1', status: 'released' });
    expect(parseBuiltLine('17 documents built into out/docs/ (register.html, …) in 8.1 s')).toBeUndefined();
  });

  it('runs the bundled CLI on a folder, reporting each document, into out/docs', async () => {
    ensureBuiltCli();
    const folder = tempDir('vscode-build');
    copyExamples(
      [
        'examples/processes/sb21-fabrication.cellspec',
        'examples/cells/standard-battery-2-1.cellspec',
        'examples/materials/programme-materials.cellspec',
      ],
      folder,
    );
    const heard: string[] = [];
    const outcome = await runDocumentBuild(BUILT_CLI, folder, (n) => heard.push(n));
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    expect(heard).toEqual(['SBS-CELL-021', 'SBS-PROC-021']);
    expect(outcome.summary).toMatch(/^2 documents built into out\/docs/);
    expect(existsSync(join(folder, 'out/docs/SBS-PROC-021.pdf'))).toBe(true);
  }, 600_000);
});
