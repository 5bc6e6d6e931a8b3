/**
 * The one writer of emitted files (`writeFilesAtomic` in @cellspec/emit): atomic, and never
 * overwriting a file cellspec did not write (or that was edited since) unless forced.
 */
import { lstatSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_MANIFEST, OverwriteRefusedError, writeFilesAtomic } from '@cellspec/emit';

const fresh = () => mkdtempSync(join(tmpdir(), 'cellspec-emit-'));
const refusal = (fn: () => unknown): OverwriteRefusedError | undefined => {
  try {
    fn();
  } catch (e) {
    if (e instanceof OverwriteRefusedError) return e;
    throw e;
  }
  return undefined;
};

describe('emitted files', () => {
  it('re-emits over its own files and records them in the manifest', () => {
    const dir = fresh();
    writeFilesAtomic(dir, [{ name: 'plan.mps', content: 'v1' }]);
    writeFilesAtomic(dir, [{ name: 'plan.mps', content: 'v2' }]);
    expect(readFileSync(join(dir, 'plan.mps'), 'utf8')).toBe('v2');
    const manifest = JSON.parse(readFileSync(join(dir, OUTPUT_MANIFEST), 'utf8'));
    expect(Object.keys(manifest.files)).toEqual(['plan.mps']);
    expect(manifest.files['plan.mps'].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses to overwrite a file it did not write, and writes nothing of the batch', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'notes.txt'), 'hand-written');
    const e = refusal(() =>
      writeFilesAtomic(dir, [
        { name: 'new.json', content: '{}' },
        { name: 'notes.txt', content: 'emitted' },
      ]),
    );
    expect(e?.files).toEqual(['notes.txt']);
    expect(e?.message).toContain('use --force');
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('hand-written');
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('refuses to overwrite its own file once someone edited it', () => {
    const dir = fresh();
    writeFilesAtomic(dir, [{ name: 'plan.py', content: 'emitted' }]);
    writeFileSync(join(dir, 'plan.py'), 'emitted, then tuned by hand');
    expect(refusal(() => writeFilesAtomic(dir, [{ name: 'plan.py', content: 'again' }]))?.files).toEqual(['plan.py']);
    expect(readFileSync(join(dir, 'plan.py'), 'utf8')).toBe('emitted, then tuned by hand');
  });

  it('overwrites when forced', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'notes.txt'), 'hand-written');
    writeFilesAtomic(dir, [{ name: 'notes.txt', content: 'emitted' }], { force: true });
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('emitted');
  });

  it('never replaces or follows a symbolic link planted at a target, forced or not', () => {
    const dir = fresh();
    const victim = join(fresh(), 'victim.txt');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, join(dir, 'plan.json'));
    for (const force of [false, true]) {
      expect(() => writeFilesAtomic(dir, [{ name: 'plan.json', content: 'x' }], { force })).toThrow(
        /plan\.json is a symbolic link \(never followed\); nothing written/,
      );
    }
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(join(dir, 'plan.json')).isSymbolicLink()).toBe(true);
  });

  it.each(['../escape.txt', 'sub/dir.txt', '/etc/x', '..', OUTPUT_MANIFEST, 'a\0b'])(
    'refuses the file name %j',
    (name) => {
      const dir = fresh();
      expect(() => writeFilesAtomic(dir, [{ name, content: 'x' }], { force: true })).toThrow(/not a plain file name/);
      expect(readdirSync(dir)).toEqual([]);
    },
  );
});
