/**
 * The workspace loader behind `cellspec check` and the other commands: which files it finds,
 * how it reads them, and what it reports for inputs it cannot use.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspace, readUtf8 } from '../../packages/language/src/index.js';

const LIBRARY = 'material LibNCM cathode-active { specific-capacity 190 mAh/g density 4.7 g/cm3 mean-voltage 3.8 V }\n';
const USER = 'import "lib/library"\nmaterial UserNCM cathode-active extends LibNCM { lot "L-2" }\n';

/** A folder with the given files (paths relative to it). */
function folder(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cellspec-ws-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const names = (files: readonly { path: string }[], dir: string) => files.map((f) => f.path.slice(dir.length + 1));

describe('loadWorkspace', () => {
  it('finds .cellspec files recursively, skipping hidden folders, node_modules and other files', async () => {
    const dir = folder({
      'a.cellspec': LIBRARY,
      'sub/deeper/b.cellspec': 'let x = 1 mm\n',
      'notes.md': '# not a spec',
      '.hidden/c.cellspec': 'broken {',
      'node_modules/d.cellspec': 'broken {',
    });
    const ws = await loadWorkspace([dir]);
    expect(names(ws.files, dir)).toEqual(['a.cellspec', 'sub/deeper/b.cellspec']);
    expect(ws.problems).toEqual([]);
  });

  it('loads the files a spec imports, even outside the given paths, and links across them', async () => {
    const dir = folder({ 'lib/library.cellspec': LIBRARY, 'user.cellspec': USER });
    const ws = await loadWorkspace([join(dir, 'user.cellspec')]);
    expect(names(ws.files, dir)).toEqual(['lib/library.cellspec', 'user.cellspec']);
    expect(ws.files.map((f) => f.requested)).toEqual([false, true]);
    expect(ws.files.flatMap((f) => f.diagnostics).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('reports an unresolved reference at its position, 1-based', async () => {
    const dir = folder({ 'user.cellspec': 'material UserNCM cathode-active extends Missing { }\n' });
    const ws = await loadWorkspace([dir]);
    const d = ws.files[0]!.diagnostics.find((x) => x.message.includes('Missing'))!;
    expect(d).toMatchObject({ severity: 'error', line: 1, column: 41, endLine: 1, endColumn: 48 });
  });

  it('reports missing paths and files that are not UTF-8, and still loads the rest', async () => {
    const dir = folder({
      'good.cellspec': LIBRARY,
      'latin1.cellspec': Uint8Array.from([0x6c, 0x65, 0x74, 0x20, 0xe9, 0x0a]),
    });
    const ws = await loadWorkspace([dir, join(dir, 'missing.cellspec')]);
    expect(names(ws.files, dir)).toEqual(['good.cellspec']);
    expect(ws.problems.map((p) => [p.path.slice(dir.length + 1), p.message])).toEqual([
      ['latin1.cellspec', 'file is not valid UTF-8 (first invalid byte at offset 4); save it as UTF-8'],
      ['missing.cellspec', 'no such file or folder'],
    ]);
  });

  it('survives a symbolic link that points back up the tree', async () => {
    const dir = folder({ 'a.cellspec': LIBRARY });
    symlinkSync(dir, join(dir, 'loop'));
    const ws = await loadWorkspace([dir]);
    expect(names(ws.files, dir)).toEqual(['a.cellspec']);
  });
});

describe('readUtf8', () => {
  it('drops a byte-order mark and keeps Japanese text', () => {
    const dir = folder({
      'bom.cellspec': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('document { title "標準電池" }\n')]),
    });
    expect(readUtf8(join(dir, 'bom.cellspec'))).toEqual({ text: 'document { title "標準電池" }\n' });
  });

  it('points at the first byte that is not UTF-8, after valid multi-byte characters', () => {
    // "電" is 3 bytes; the lone 0xff follows at offset 3.
    const dir = folder({ 'bad.cellspec': Buffer.concat([Buffer.from('電'), Buffer.from([0xff])]) });
    expect(readUtf8(join(dir, 'bad.cellspec'))).toEqual({
      problem: 'file is not valid UTF-8 (first invalid byte at offset 3); save it as UTF-8',
    });
  });

  it('skips a replacement character that is really in the file', () => {
    // U+FFFD written as UTF-8 (EF BF BD, offsets 0–2), then a stray 0xC3 at offset 3 before a space.
    const dir = folder({ 'fffd.cellspec': Uint8Array.from([0xef, 0xbf, 0xbd, 0xc3, 0x20]) });
    expect(readUtf8(join(dir, 'fffd.cellspec'))).toEqual({
      problem: 'file is not valid UTF-8 (first invalid byte at offset 3); save it as UTF-8',
    });
  });

  it('explains a folder given where a file is expected', () => {
    const dir = folder({});
    expect(readUtf8(dir)).toEqual({ problem: 'cannot read file: it is a folder; only regular files are read' });
  });
});
