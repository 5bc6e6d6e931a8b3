/**
 * File references stay inside the workspace: imports and OCP tables that name an absolute path
 * elsewhere, escape with `..`, or pass through a symbolic link pointing out are refused with a
 * clear error, and the file outside is never read. OCP table files inside the workspace are read
 * into the IR.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace, resolveDocument } from '@cellspec/language';
import { confineReference, parseOcpCsv, readReferencedFile } from '../../packages/language/src/file-references.js';

let base: string;
let ws: string;
let outside: string;

const MATERIALS = `
material NCM cathode-active { specific-capacity 195 mAh/g density 4.7 g/cm3 }
`;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'cellspec-confine-'));
  ws = join(base, 'workspace');
  outside = join(base, 'outside');
  mkdirSync(join(ws, 'specs'), { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, 'secret.cellspec'), 'material Secret cathode-active { density 1 g/cm3 }\n');
  writeFileSync(join(outside, 'secret.csv'), 'x,V\n0,4.2\n1,3.0\n');
  writeFileSync(join(ws, 'lib.cellspec'), MATERIALS);
  writeFileSync(join(ws, 'ocp.csv'), '# NCM OCP, measured\nstoichiometry;voltage\n0.2;4.3\n0.5;3.9\n0.95;3.4\n');
  symlinkSync(join(outside, 'secret.cellspec'), join(ws, 'link.cellspec'));
  symlinkSync(join(outside, 'secret.csv'), join(ws, 'link.csv'));
  symlinkSync(outside, join(ws, 'linked-folder'));
});

describe('confineReference', () => {
  it('accepts a relative path inside the workspace', () => {
    const r = confineReference('../lib.cellspec', join(ws, 'specs/a.cellspec'), [ws]);
    expect(r).toEqual({ ok: true, path: join(ws, 'lib.cellspec') });
  });

  it.each([
    ['../../outside/secret.cellspec', 'leaves the workspace'],
    ['/etc/passwd', 'is an absolute path outside the workspace'],
    ['../../../../../../../../etc/passwd', 'leaves the workspace'],
    ['../link.cellspec', 'symbolic link'],
    ['../linked-folder/secret.cellspec', 'symbolic link'],
    ['file:///etc/passwd', 'is a URL'],
    ['https://example.com/ocp.csv', 'is a URL'],
    ['//server/share/x.csv', 'network share'],
    ['/dev/zero', 'device'],
    ['a\0b', 'NUL'],
    ['', 'empty'],
  ])('refuses %j', (reference, message) => {
    const r = confineReference(reference, join(ws, 'specs/a.cellspec'), [ws]);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toContain(message);
  });

  it('never reads a refused file', () => {
    const r = readReferencedFile('../../outside/secret.csv', join(ws, 'specs/a.cellspec'), [ws]);
    expect(r.ok).toBe(false);
    expect('text' in r).toBe(false);
  });
});

describe('imports and OCP tables through the CLI loader', () => {
  async function check(name: string, text: string) {
    const file = join(ws, 'specs', name);
    writeFileSync(file, text);
    const loaded = await loadWorkspace([ws]);
    const spec = loaded.files.find((f) => f.path === file)!;
    return { loaded, spec };
  }

  it('refuses imports that leave the workspace and does not load them', async () => {
    const { loaded, spec } = await check(
      'imports.cellspec',
      [
        'import "../../outside/secret.cellspec"',
        `import "${join(outside, 'secret.cellspec')}"`,
        'import "../link.cellspec"',
        'import "../lib.cellspec"',
        '',
      ].join('\n'),
    );
    const refused = spec.diagnostics.filter((d) => d.code === 'file-outside-workspace');
    expect(refused.map((d) => d.line)).toEqual([1, 2, 3]);
    expect(refused[0]!.message).toContain('leaves the workspace');
    expect(refused[1]!.message).toContain('absolute path outside the workspace');
    expect(refused[2]!.message).toContain('symbolic link');
    // The secret file is neither loaded nor resolvable; the library inside is.
    expect(loaded.files.some((f) => f.path.includes('outside') || f.text.includes('Secret'))).toBe(false);
    expect(spec.diagnostics.filter((d) => d.code === 'unknown-import')).toEqual([]);
    // Symbolic links out of the workspace met while walking its folders are not followed either.
    expect(loaded.problems.map((p) => p.path).sort()).toEqual(
      [join(ws, 'link.cellspec'), join(ws, 'link.csv'), join(ws, 'linked-folder')].sort(),
    );
    expect(loaded.problems[0]!.message).toContain('symbolic link');
  });

  it('reads an OCP table inside the workspace into the IR', async () => {
    const { loaded, spec } = await check(
      'ocp-inside.cellspec',
      'material M cathode-active { ocp table "../ocp.csv" }\n',
    );
    expect(spec.diagnostics.filter((d) => d.code === 'ocp-table-file' || d.code === 'file-outside-workspace')).toEqual(
      [],
    );
    const { ir } = resolveDocument(loaded.services, spec.document);
    const ocp = ir.materials.find((m) => m.name === 'M')!.properties.ocp;
    expect(ocp).toEqual({
      type: 'table',
      stoichiometry: [0.2, 0.5, 0.95],
      voltage: [4.3, 3.9, 3.4],
      file: '../ocp.csv',
    });
  });

  it.each([
    ['../../outside/secret.csv', 'leaves the workspace'],
    ['/etc/passwd', 'absolute path outside'],
    ['../link.csv', 'symbolic link'],
    ['../missing.csv', 'cannot find the file'],
  ])('refuses the OCP table %j', async (reference, message) => {
    const { loaded, spec } = await check(
      'ocp-refused.cellspec',
      `material M cathode-active { ocp table "${reference}" }\n`,
    );
    const errors = spec.diagnostics.filter((d) => d.code === 'ocp-table-file');
    expect(errors.map((d) => d.message).join()).toContain(message);
    const { ir } = resolveDocument(loaded.services, spec.document);
    const ocp = ir.materials.find((m) => m.name === 'M')!.properties.ocp;
    expect(ocp?.type === 'table' ? ocp.voltage : undefined).toEqual([]);
  });
});

describe('parseOcpCsv', () => {
  it('detects a header, skips comments and sorts by stoichiometry', () => {
    expect(parseOcpCsv('# from GITT\nx,U [V]\n0.9, 3.5\n0.1,4.2\n\n0.5,3.8\n')).toEqual({
      ok: true,
      stoichiometry: [0.1, 0.5, 0.9],
      voltage: [4.2, 3.8, 3.5],
    });
    expect(parseOcpCsv('0.1\t4.2\r\n0.9\t3.5')).toEqual({ ok: true, stoichiometry: [0.1, 0.9], voltage: [4.2, 3.5] });
  });

  it.each([
    ['x,V\n0.1,4.2\nabc,3\n', 'line 3'],
    ['0.1,4.2,7\n0.2,4.1,7\n', 'two columns'],
    ['x,V\n0.1,4.2\n', 'at least 2'],
    ['0.1,4.2\n1.5,3.0\n', 'outside 0…1'],
    ['0.1,4.2\n0.1,3.0\n', 'twice'],
    ['0.1,1e999\n0.2,3\n', 'too large'],
    ['x,V\n0.1,NaN\n0.2,3\n', 'line 2'],
  ])('explains %j', (text, message) => {
    const r = parseOcpCsv(text);
    expect(r.ok ? 'accepted' : r.message).toContain(message);
  });
});
