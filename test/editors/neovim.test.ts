/**
 * `cellspec lsp --stdio` with a language client that is not VS Code: Debian's Neovim (0.7, its
 * built-in client, no plugins) opens neovim/draft.cellspec headless, receives the diagnostics,
 * asks for hover and formatting and applies the edits (neovim/lsp-check.lua). The server is the
 * built CLI bundle run by the machine's own Node (20 on Debian), as an editor would start it.
 * `.ci/run` installs neovim; without it the test fails in CI and is skipped elsewhere.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILT_CLI, ensureBuiltCli } from '../cli/built-cli.js';
import { machineNode } from '../install/installed-package.js';

const HERE = new URL('.', import.meta.url).pathname;
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const hasNeovim = nvim.status === 0;
if (!hasNeovim && process.env.CI) throw new Error('nvim is missing: .ci/run installs Debian’s neovim package');

interface Received {
  errors: string[];
  exitCode?: number;
  capabilities: { hover: boolean; formatting: boolean };
  diagnostics: { line: number; col: number; severity: number; message: string; code?: string }[];
  hover: { contents: { kind: string; value: string } } | null;
  formattingEdits: number;
  formatted: string;
}

describe.skipIf(!hasNeovim)('Neovim’s built-in LSP client with cellspec lsp --stdio', () => {
  let received: Received;
  let source: string;
  beforeAll(() => {
    ensureBuiltCli();
    const folder = mkdtempSync(join(tmpdir(), 'cellspec-neovim-'));
    const spec = join(folder, 'draft.cellspec');
    copyFileSync(join(HERE, 'neovim/draft.cellspec'), spec);
    source = readFileSync(spec, 'utf8');
    const node = machineNode()?.path ?? process.execPath;
    const out = join(folder, 'received.json');
    const run = spawnSync(
      'nvim',
      ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(HERE, 'neovim/lsp-check.lua')}`],
      {
        cwd: folder,
        encoding: 'utf8',
        timeout: 120_000,
        env: {
          ...process.env,
          CELLSPEC_LSP_CMD: JSON.stringify([node, BUILT_CLI, 'lsp', '--stdio']),
          CELLSPEC_SPEC: spec,
          // 0-based: line 13 of the file, on `porosity`.
          CELLSPEC_HOVER: '12,6',
          CELLSPEC_OUT: out,
        },
      },
    );
    if (run.status !== 0) throw new Error(`nvim exited ${run.status}: ${run.stderr}`);
    received = JSON.parse(readFileSync(out, 'utf8')) as Received;
  }, 150_000);

  it('starts the server, which offers hover and formatting, and stops it cleanly', () => {
    expect(received.errors).toEqual([]);
    expect(received.capabilities).toEqual({ hover: true, formatting: true });
    expect(received.exitCode).toBe(0);
  });

  it('receives the unit error where the spec has it', () => {
    const unit = received.diagnostics.find((d) => d.code === 'unit-kind');
    expect(unit).toMatchObject({ line: 13, col: 12, severity: 1 });
    expect(unit!.message).toContain('loading is in mAh/g');
  });

  it('hovers a property with its documentation', () => {
    expect(received.hover?.contents.kind).toBe('markdown');
    expect(received.hover?.contents.value).toMatch(/^\*\*porosity\*\* — property/);
    expect(received.hover?.contents.value).toContain('Void fraction of the layer');
  });

  it('formats: the applied edits give the formatter’s layout and change only whitespace', () => {
    expect(received.formattingEdits).toBeGreaterThan(0);
    expect(received.formatted).toBe(readFileSync(join(HERE, 'neovim/draft.formatted.cellspec'), 'utf8'));
    expect(received.formatted.replace(/\s+/g, '')).toBe(source.replace(/\s+/g, ''));
  });
});
