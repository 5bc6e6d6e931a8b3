/**
 * What an import or a named path opens: the path actually read (the `.cellspec` suffix added) is
 * the one confined, and only regular files within the size limit are read. Each case once leaked
 * a file's content from outside the workspace, hung on a FIFO, read /dev/zero or exited 70.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '@cellspec/language';
import { MAX_SPEC_FILE_BYTES } from '../../packages/language/src/safe-read.js';

let ws = '';

beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'cellspec-import-targets-'));
  ws = join(base, 'ws');
  mkdirSync(ws);
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(base, 'outside', 'secret.cellspec'), 'material Secret cathode-active { density 1 g/cm3 }\n');
  symlinkSync(join(base, 'outside', 'secret.cellspec'), join(ws, 'sec.cellspec'));
  symlinkSync('/dev/zero', join(ws, 'zero.cellspec'));
  execFileSync('mkfifo', [join(ws, 'pipe.cellspec')]);
  writeFileSync(join(ws, 'plain.txt'), 'let k = 1 mm\n');
  writeFileSync(join(ws, 'big.cellspec'), '');
  truncateSync(join(ws, 'big.cellspec'), MAX_SPEC_FILE_BYTES + 1);
  const imports = { sec: 'sec', zero: 'zero', pipe: 'pipe', plain: 'plain.txt', big: 'big' };
  for (const [name, path] of Object.entries(imports))
    writeFileSync(join(ws, `imports-${name}.cellspec`), `import "${path}"\nlet j = 2 mm\n`);
});

const errorsOf = async (name: string) => {
  const loaded = await loadWorkspace([join(ws, name)]);
  const file = loaded.files.find((f) => f.path === join(ws, name))!;
  return { loaded, messages: file.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message) };
};

describe('imports open only what was checked', () => {
  it.each([
    ['sec', 'points outside the workspace'],
    ['zero', 'points outside the workspace, to /dev/zero'],
    ['pipe', 'is a named pipe (FIFO); only regular files are read'],
    ['plain', 'is not a .cellspec file'],
    ['big', 'the file is too large'],
  ])('refuses an import of %s with a diagnostic, and never reads it', async (name, message) => {
    const { loaded, messages } = await errorsOf(`imports-${name}.cellspec`);
    expect(messages.join('\n')).toContain(message);
    expect(loaded.files.map((f) => f.text).join('')).not.toContain('Secret');
    expect(loaded.files).toHaveLength(1);
  });
});

describe('named paths', () => {
  it.each([
    ['pipe.cellspec', 'named pipe (FIFO)'],
    ['plain.txt', 'not a .cellspec file'],
    ['big.cellspec', 'too large'],
  ])('%s is an input problem, not a hang or an internal error', async (name, message) => {
    const loaded = await loadWorkspace([join(ws, name)]);
    expect(loaded.files).toEqual([]);
    expect(loaded.problems.map((p) => p.message).join('\n')).toContain(message);
  });

  it('reports a FIFO met while walking a folder, and checks the rest', async () => {
    const loaded = await loadWorkspace([ws]);
    expect(loaded.problems.some((p) => p.path.endsWith('pipe.cellspec') && /FIFO/.test(p.message))).toBe(true);
    expect(loaded.files.some((f) => f.path.endsWith('imports-sec.cellspec'))).toBe(true);
  });
});
